import { ServiceError } from '@pengaduan/runtime';

/** A 429 problem with `Retry-After` (the problem-details filter sets it from `retryAfterSeconds`). */
export function rateLimited(code: string, message: string, retryAfterSeconds: number): ServiceError {
  return new ServiceError('rate-limited', code, message, { retryAfterSeconds });
}
