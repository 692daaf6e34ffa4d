import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offices' SLA policies as their heads of office set them (docs/adr/0049):
 * - `office_sla_policy` (what the deadlines read) gains its `version` (how many times the office's
 *   policy was set; the head of office names the one they read) and `changed_by` (the head of
 *   office's user id, or `SLA_OFFICE_POLICIES_FILE`);
 * - `office_sla_policy_change`: every version of every office's policy, append-only: who set it,
 *   when, and the request key (the gateway's Idempotency-Key within the officer's account), so a
 *   retry answers the version it made and the key sent with other content is refused.
 * A policy already stored (from the file) becomes version 1 of its office's history.
 */
export class SlaMonitorPolicyHistory1795801001500 implements MigrationInterface {
  name = 'SlaMonitorPolicyHistory1795801001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE office_sla_policy ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0), ADD COLUMN changed_by text');
    await q.query('UPDATE office_sla_policy SET changed_by = source');
    await q.query('ALTER TABLE office_sla_policy ALTER COLUMN changed_by SET NOT NULL, ALTER COLUMN version DROP DEFAULT');
    await q.query(`
      CREATE TABLE office_sla_policy_change (
        office_code text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        policy jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text UNIQUE,
        PRIMARY KEY (office_code, version)
      )`);
    await q.query(`INSERT INTO office_sla_policy_change (office_code, version, policy, changed_by, changed_at) SELECT office_code, 1, policy, source, updated_at FROM office_sla_policy`);
    await q.query(`
      CREATE FUNCTION office_sla_policy_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'office_sla_policy_change is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER office_sla_policy_change_append_only BEFORE UPDATE OR DELETE ON office_sla_policy_change
      FOR EACH ROW EXECUTE FUNCTION office_sla_policy_change_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_sla_policy_change');
    await q.query('DROP FUNCTION office_sla_policy_change_append_only()');
    await q.query('ALTER TABLE office_sla_policy DROP COLUMN version, DROP COLUMN changed_by');
  }
}
