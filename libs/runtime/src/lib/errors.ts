import { HTTP_STATUS_OF_KIND, type ErrorKind, type ServiceErrorCode } from '@pengaduan/contracts';

/**
 * What went wrong, in terms every adapter can map: REST turns `kind` into an HTTP status and
 * an RFC 9457 problem, gRPC into a status code with the details in metadata. Defined with the
 * error catalogue in libs/contracts (docs/errors.md), which fixes each code's kind.
 */
export type { ErrorKind, ServiceErrorCode } from '@pengaduan/contracts';

/** One bad field of a request. */
export interface FieldViolation {
  field: string;
  description: string;
}

/**
 * A failure a caller is answered with. `code` is the stable string a client matches on
 * (`instanceof` does not cross a process); it must be a code of the catalogue in libs/contracts
 * (checked by the compiler here, and by a unit test that the kind matches the catalogue's).
 */
export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ServiceErrorCode,
    message: string,
    readonly details: { fieldViolations?: FieldViolation[]; state?: string; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** The HTTP status of each kind (see the catalogue in libs/contracts). */
export const HTTP_STATUS_OF: Readonly<Record<ErrorKind, number>> = HTTP_STATUS_OF_KIND;

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
