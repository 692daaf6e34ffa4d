import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention per office and kind of record (docs/adr/0057): `office_retention_policy` keeps every
 * period the head of office set, one row per kind for each change, numbered from 1 per office and
 * only ever added to (a trigger refuses UPDATE and DELETE). The period in force for a kind is its
 * latest row; an office without one keeps PERSONAL_DATA_RETENTION_DAYS. `request_key` is the
 * officer's request (their Idempotency-Key scoped to them).
 */
export class IntakeOfficeRetentionPolicy1795801002650 implements MigrationInterface {
  name = 'IntakeOfficeRetentionPolicy1795801002650';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_retention_policy (
        office_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CLOSED_COMPLAINT', 'DISMISSED_MESSAGE')),
        days int NOT NULL CHECK (days BETWEEN 30 AND 3650),
        version int NOT NULL CHECK (version >= 1),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text NOT NULL,
        PRIMARY KEY (office_code, version, kind),
        CONSTRAINT office_retention_policy_request UNIQUE (office_code, request_key, kind)
      )`);
    await q.query(`
      CREATE FUNCTION office_retention_policy_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'office_retention_policy is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER office_retention_policy_append_only BEFORE UPDATE OR DELETE ON office_retention_policy
      FOR EACH ROW EXECUTE FUNCTION office_retention_policy_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_retention_policy');
    await q.query('DROP FUNCTION office_retention_policy_append_only');
  }
}
