import { createHash } from 'node:crypto';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * The request id a service deduplicates a command by: the caller's Idempotency-Key within the
 * officer's account, so two officers who happen to pick the same key never get each other's
 * answer, and a retry by the same officer gets the first one. 43 characters (SHA-256, base64url).
 */
export function requestIdOf(user: Pick<AuthenticatedUser, 'id'>, idempotencyKey: string): string {
  return createHash('sha256').update(`pengaduan-gateway/v1\n${user.id}\n${idempotencyKey}`).digest('base64url');
}
