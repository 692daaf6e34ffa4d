import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SOP's documents in the read model: which document each complaint has, its number and the
 * SHA-256 its recording event carries (the bytes stay with the service that produced them); and
 * officers' NIPs, printed with their names in the signature blocks of the documents their
 * commands produce.
 */
export class GatewayDocumentsAndSignatories1795800000850 implements MigrationInterface {
  name = 'GatewayDocumentsAndSignatories1795800000850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_account ADD COLUMN nip text CHECK (nip ~ '^[0-9]{18}$')`);
    await q.query(`
      CREATE TABLE complaint_document_ref (
        complaint_id uuid NOT NULL,
        kind text NOT NULL,
        number text NOT NULL,
        sha256 text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, kind)
      )`);
    await q.query('CREATE INDEX complaint_document_ref_sha256 ON complaint_document_ref (sha256)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_document_ref');
    await q.query('ALTER TABLE user_account DROP COLUMN nip');
  }
}
