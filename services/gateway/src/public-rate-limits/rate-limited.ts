import { ServiceError, type ServiceErrorCode } from '@pengaduan/runtime';

/** A 429 problem with `Retry-After` (the problem-details filter sets it from `retryAfterSeconds`). */
export function rateLimited(code: ServiceErrorCode, message: string, retryAfterSeconds: number): ServiceError {
  return new ServiceError('rate-limited', code, message, { retryAfterSeconds });
}
