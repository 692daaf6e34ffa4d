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
