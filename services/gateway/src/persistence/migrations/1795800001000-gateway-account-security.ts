import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officer account security (ADR 0022): `user_account.tokens_valid_after` (a password change, an
 * administrator's reset or a deactivation sets it to now, refusing every token issued before),
 * `revoked_token` (the token ids logged out before they expire; deleted once expired) and
 * `account_security_event`, each account's security log (failed and rate-limited logins,
 * logouts, password changes and resets, deactivations). A failed login for a username without
 * an account is kept under an HMAC of the username, never the username itself.
 */
export class GatewayAccountSecurity1795800001000 implements MigrationInterface {
  name = 'GatewayAccountSecurity1795800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account ADD COLUMN tokens_valid_after timestamptz');
    await q.query(`
      CREATE TABLE revoked_token (
        jti text PRIMARY KEY,
        account_id uuid NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX revoked_token_expiry ON revoked_token (expires_at)');
    await q.query(`
      CREATE TABLE account_security_event (
        id uuid PRIMARY KEY,
        account_id uuid REFERENCES user_account (id),
        username_key text,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        client_address text,
        actor_account_id uuid REFERENCES user_account (id),
        CHECK (account_id IS NOT NULL OR username_key IS NOT NULL)
      )`);
    await q.query('CREATE INDEX account_security_event_account ON account_security_event (account_id, at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE account_security_event');
    await q.query('DROP TABLE revoked_token');
    await q.query('ALTER TABLE user_account DROP COLUMN tokens_valid_after');
  }
}
