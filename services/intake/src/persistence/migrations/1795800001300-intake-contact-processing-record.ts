import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The processing record of the complainants' contacts (docs/adr/0029): one row per read of a
 * contact by an officer or a service, and per refused attempt. It holds who, when, which
 * complaint, why and which fields — never the contact. Rows are only ever added; `at` is kept to
 * the millisecond, so the listing's page token (time and id) names a row exactly.
 */
export class IntakeContactProcessingRecord1795800001300 implements MigrationInterface {
  name = 'IntakeContactProcessingRecord1795800001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_processing_record (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system')),
        user_id text,
        role text,
        actor_office_code text,
        service text,
        purpose text NOT NULL,
        reason text,
        fields text[] NOT NULL DEFAULT '{}',
        outcome text NOT NULL CHECK (outcome IN ('READ', 'REFUSED')),
        refusal_code text,
        channel text,
        CHECK ((actor_kind = 'user' AND user_id IS NOT NULL AND role IS NOT NULL) OR (actor_kind = 'system' AND service IS NOT NULL))
      )`);
    await q.query('CREATE INDEX contact_processing_record_office_at ON contact_processing_record (office_code, at, id)');
    await q.query('CREATE INDEX contact_processing_record_complaint ON contact_processing_record (complaint_id, at)');
    await q.query(`
      CREATE FUNCTION contact_processing_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'contact_processing_record is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER contact_processing_record_append_only BEFORE UPDATE OR DELETE ON contact_processing_record
      FOR EACH ROW EXECUTE FUNCTION contact_processing_record_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE contact_processing_record');
    await q.query('DROP FUNCTION contact_processing_record_append_only()');
  }
}
