import type { EntityManager } from 'typeorm';
import type { VerifiedAccessToken } from './access-tokens';

/**
 * The tokens logged out before they expire (`revoked_token`, ADR 0022). The auth guard checks
 * a token against it in its one query (UserAccounts.findActive); a row is useless once the
 * token would have expired anyway, so every revocation first deletes the rows past that.
 */
export async function revokeToken(manager: EntityManager, token: Pick<VerifiedAccessToken, 'jti' | 'sub' | 'expiresAt'>, now: Date): Promise<void> {
  await manager.query('DELETE FROM revoked_token WHERE expires_at < $1', [now]);
  await manager.query('INSERT INTO revoked_token (jti, account_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING', [token.jti, token.sub, token.expiresAt]);
}
