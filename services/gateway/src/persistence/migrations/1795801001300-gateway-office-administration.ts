import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Office administration (ADR 0042): `user_account.second_factor_required` (the head of office
 * requires a second factor of one officer, on top of the office policy of ADR 0027), and the
 * account security log of ADR 0022 grows into the office's administration log:
 * `account_security_event.office_code` (for an entry about no account, e.g. a section),
 * `target` (what the entry is about when not an account, e.g. `section:INTELDAKIM`), `change`
 * (before/after of the fields changed, never a secret) and `request_key` (the administrator's
 * Idempotency-Key, unique per administrator: a replayed command finds its entry).
 */
export class GatewayOfficeAdministration1795801001300 implements MigrationInterface {
  name = 'GatewayOfficeAdministration1795801001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account ADD COLUMN second_factor_required boolean NOT NULL DEFAULT false');
    await q.query('ALTER TABLE account_security_event ADD COLUMN office_code text, ADD COLUMN target text, ADD COLUMN change jsonb, ADD COLUMN request_key text');
    await q.query('ALTER TABLE account_security_event DROP CONSTRAINT account_security_event_check');
    await q.query('ALTER TABLE account_security_event ADD CONSTRAINT account_security_event_subject CHECK (account_id IS NOT NULL OR username_key IS NOT NULL OR office_code IS NOT NULL)');
    await q.query('CREATE UNIQUE INDEX account_security_event_request ON account_security_event (actor_account_id, request_key) WHERE request_key IS NOT NULL');
    await q.query('CREATE INDEX account_security_event_office ON account_security_event (office_code, at DESC) WHERE office_code IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX account_security_event_office');
    await q.query('DROP INDEX account_security_event_request');
    await q.query('ALTER TABLE account_security_event DROP CONSTRAINT account_security_event_subject');
    await q.query('ALTER TABLE account_security_event ADD CONSTRAINT account_security_event_check CHECK (account_id IS NOT NULL OR username_key IS NOT NULL)');
    await q.query('ALTER TABLE account_security_event DROP COLUMN office_code, DROP COLUMN target, DROP COLUMN change, DROP COLUMN request_key');
    await q.query('ALTER TABLE user_account DROP COLUMN second_factor_required');
  }
}
