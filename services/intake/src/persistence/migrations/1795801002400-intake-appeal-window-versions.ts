import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The appeal window's editor (docs/adr/0053): `office_appeal_window_version` keeps every window
 * the head of office set, numbered from 1 per office, only ever added to (a trigger refuses UPDATE
 * and DELETE); `request_key` is the officer's request (their Idempotency-Key scoped to them).
 * `office_appeal_window` stays the window in force, written in the same transaction, so the rating
 * reads one row as before.
 */
export class IntakeAppealWindowVersions1795801002400 implements MigrationInterface {
  name = 'IntakeAppealWindowVersions1795801002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_appeal_window_version (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        appeal_window_days int NOT NULL CHECK (appeal_window_days BETWEEN 0 AND 365),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text NOT NULL,
        CONSTRAINT office_appeal_window_version_number UNIQUE (office_code, version),
        CONSTRAINT office_appeal_window_version_request UNIQUE (office_code, request_key)
      )`);
    await q.query(`
      CREATE FUNCTION office_appeal_window_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'office_appeal_window_version is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER office_appeal_window_version_append_only BEFORE UPDATE OR DELETE ON office_appeal_window_version
      FOR EACH ROW EXECUTE FUNCTION office_appeal_window_version_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_appeal_window_version');
    await q.query('DROP FUNCTION office_appeal_window_version_append_only');
  }
}
