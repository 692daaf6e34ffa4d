/**
 * Thrown by a handler when the event can never be applied, however often it is tried (it
 * contradicts the state its stream built, or cannot be mapped): the consumer sends it to the
 * DLQ at once, with this code and message, instead of retrying it.
 */
export class PermanentError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}
