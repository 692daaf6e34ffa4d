import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office's profile as the head of office edits it (docs/adr/0048): one row per version of an
 * office's letterhead and contact, append-only. The newest is in force, over the file's
 * (`OFFICE_PROFILES_FILE`); an office with none has the file's.
 *
 * - `profile`: the edited fields (libs/sop `OfficeProfileFields`), as they were saved.
 * - `changed_by`: the head of office's user id (the gateway's account id).
 * - `request_key`: the change's idempotency key (the gateway's request id, per officer), with the
 *   request's hash, so a retry answers the version it made and the key used for other content is
 *   refused.
 */
export class IntakeOfficeProfile1795801001400 implements MigrationInterface {
  name = 'IntakeOfficeProfile1795801001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_profile_version (
        office_code text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        profile jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        PRIMARY KEY (office_code, version)
      )`);
    await q.query(`
      CREATE FUNCTION office_profile_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'office_profile_version is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER office_profile_version_append_only BEFORE UPDATE OR DELETE ON office_profile_version
      FOR EACH ROW EXECUTE FUNCTION office_profile_version_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_profile_version');
    await q.query('DROP FUNCTION office_profile_version_append_only()');
  }
}
