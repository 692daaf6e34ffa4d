/**
 * What went wrong, in terms every adapter can map: REST turns `kind` into an HTTP status and
 * an RFC 9457 problem, gRPC into a status code with the details in metadata. `code` is the
 * stable string a client matches on (`instanceof` does not cross a process).
 */
export type ErrorKind =
  | 'invalid' // 400 / INVALID_ARGUMENT
  | 'unauthenticated' // 401 / UNAUTHENTICATED
  | 'forbidden' // 403 / PERMISSION_DENIED
  | 'not-found' // 404 / NOT_FOUND
  | 'conflict' // 409 / FAILED_PRECONDITION (illegal transition, current state in details)
  | 'precondition-failed' // 412 / ABORTED (the complaint moved past the version the client named)
  | 'idempotency-mismatch' // 422 / ALREADY_EXISTS (key reused for another request)
  | 'rate-limited' // 429 / RESOURCE_EXHAUSTED (too many attempts; `retryAfterSeconds` in details)
  | 'unavailable'; // 503 / UNAVAILABLE

/** One bad field of a request. */
export interface FieldViolation {
  field: string;
  description: string;
}

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: { fieldViolations?: FieldViolation[]; state?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const HTTP_STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'idempotency-mismatch': 422,
  'rate-limited': 429,
  unavailable: 503,
};

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
