import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officers' optional second factor (ADR 0027): `totp_credential`, one per account, its TOTP
 * secret sealed (AES-256-GCM under a key derived from GATEWAY_JWT_SECRET), pending until a first
 * code confirms it, with the last time step used so a code is taken once; and
 * `totp_recovery_code`, the one-time recovery codes of an active one as SHA-256 hashes.
 */
export class GatewaySecondFactor1795800001100 implements MigrationInterface {
  name = 'GatewaySecondFactor1795800001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE totp_credential (
        account_id uuid PRIMARY KEY REFERENCES user_account (id),
        sealed_secret text NOT NULL,
        created_at timestamptz NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint
      )`);
    await q.query(`
      CREATE TABLE totp_recovery_code (
        account_id uuid NOT NULL REFERENCES user_account (id),
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (account_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE totp_recovery_code');
    await q.query('DROP TABLE totp_credential');
  }
}
