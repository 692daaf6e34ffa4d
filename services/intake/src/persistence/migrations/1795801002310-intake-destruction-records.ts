import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Destruction records (berita acara pemusnahan, docs/adr/0057): one PDF per office per retention
 * run that erased something, listing each complaint's tracking number, what was destroyed and
 * when; never personal data. `personal_data_erasure.destruction_record_id` names the record an
 * erasure by retention is listed in: a run claims the unlisted ones with one UPDATE, so two
 * replicas running together never list an erasure twice.
 */
export class IntakeDestructionRecords1795801002310 implements MigrationInterface {
  name = 'IntakeDestructionRecords1795801002310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE destruction_record (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        number text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        complaint_count int NOT NULL CHECK (complaint_count > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL
      )`);
    await q.query('CREATE INDEX destruction_record_office ON destruction_record (office_code, created_at DESC)');
    await q.query('ALTER TABLE personal_data_erasure ADD COLUMN destruction_record_id uuid REFERENCES destruction_record (id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE personal_data_erasure DROP COLUMN destruction_record_id');
    await q.query('DROP TABLE destruction_record');
  }
}
