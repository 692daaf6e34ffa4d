import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data subject's rights under UU 27/2022 (docs/adr/0056): access requests with their
 * 3 × 24-hour due time, the restriction of a reporter's contact, and the record of corrections.
 * None of these tables holds the contact itself; the contact stays in `reporter_contact`.
 *
 * - `data_subject_request`: one access request, registered by Admin Tikkim for the person behind
 *   a complaint (`tracking_number`, `reporter_ref`), verified by their channel or in person
 *   (`identity_document_kind`: what was seen, never its number); `due_at` is the registration
 *   plus 72 hours; `handed_over_*` says when, by whom and how the export was given.
 * - `data_subject_request_download`: every download of an export (who, when, which format).
 * - `contact_restriction_record`: append-only, one row per restriction or lift of a reporter's
 *   contact; the newest row of a `reporter_ref` is in force.
 * - `contact_correction_record`: append-only, one row per correction: who, when, why, which
 *   fields changed (names only, never values).
 */
export class IntakeDataSubjectRights1795801002200 implements MigrationInterface {
  name = 'IntakeDataSubjectRights1795801002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_subject_request (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACCESS')),
        complaint_id uuid NOT NULL,
        tracking_number text NOT NULL,
        reporter_ref text NOT NULL,
        verification text NOT NULL CHECK (verification IN ('CHANNEL', 'IN_PERSON')),
        identity_document_kind text,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        handed_over_at timestamptz,
        handed_over_by text,
        handed_over_how text,
        request_key text NOT NULL UNIQUE,
        request_hash text NOT NULL
      )`);
    await q.query('CREATE INDEX data_subject_request_open ON data_subject_request (office_code, due_at) WHERE handed_over_at IS NULL');
    await q.query(`
      CREATE TABLE data_subject_request_download (
        id uuid PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES data_subject_request (id),
        format text NOT NULL CHECK (format IN ('PDF', 'JSON')),
        user_id text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE contact_restriction_record (
        id uuid PRIMARY KEY,
        reporter_ref text NOT NULL,
        office_code text NOT NULL,
        restricted boolean NOT NULL,
        reason text NOT NULL,
        user_id text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX contact_restriction_record_ref ON contact_restriction_record (reporter_ref, at DESC)');
    await q.query(`
      CREATE TABLE contact_correction_record (
        id uuid PRIMARY KEY,
        reporter_ref text NOT NULL,
        office_code text NOT NULL,
        fields text[] NOT NULL,
        reason text NOT NULL,
        user_id text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION data_subject_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    for (const t of ['contact_restriction_record', 'contact_correction_record', 'data_subject_request_download']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION data_subject_record_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['contact_correction_record', 'contact_restriction_record', 'data_subject_request_download', 'data_subject_request']) await q.query(`DROP TABLE ${t}`);
    await q.query('DROP FUNCTION data_subject_record_append_only()');
  }
}
