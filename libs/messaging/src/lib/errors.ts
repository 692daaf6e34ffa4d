import { ServiceError } from '@pengaduan/runtime';

/**
 * Thrown by a handler for a failure that says nothing about the event (the database is
 * down, a dependency timed out): the consumer retries it without counting it against the
 * event, and never sends the event to the DLQ for it. Like Nest's KafkaRetriableException.
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** Errors from the database driver that mean "try again later", not "this event is bad". */
export function isTransient(err: unknown): boolean {
  if (err instanceof TransientError) return true;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  // Connection failures, admin shutdown, serialization/deadlock, too many connections.
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '40001', '40P01', '53300', '08000', '08003', '08006'].includes(code)) {
    return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e?.message ?? '');
}

/**
 * An error of a request as its caller should see it: a transient one (see isTransient, e.g. the
 * pool had no connection free in time) as the retryable 503 (gRPC UNAVAILABLE, Retry-After),
 * not an INTERNAL; a ServiceError or any other error as it is.
 */
export function unavailableIfTransient(err: unknown): unknown {
  if (err instanceof ServiceError || !isTransient(err)) return err;
  return new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'the service cannot reach its database right now; try again shortly (with the same Idempotency-Key)');
}

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
