import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An access request's export may be downloaded as a ZIP too (the PDF, the JSON and the
 * attachments' files, docs/adr/0056): `data_subject_request_download.format` admits `ZIP`.
 */
export class IntakeExportZip1795801002550 implements MigrationInterface {
  name = 'IntakeExportZip1795801002550';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE data_subject_request_download DROP CONSTRAINT data_subject_request_download_format_check');
    await q.query(`ALTER TABLE data_subject_request_download ADD CONSTRAINT data_subject_request_download_format_check CHECK (format IN ('PDF', 'JSON', 'ZIP'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The record is append-only: the ZIP downloads already in it stay (NOT VALID checks new rows only).
    await q.query('ALTER TABLE data_subject_request_download DROP CONSTRAINT data_subject_request_download_format_check');
    await q.query(`ALTER TABLE data_subject_request_download ADD CONSTRAINT data_subject_request_download_format_check CHECK (format IN ('PDF', 'JSON')) NOT VALID`);
  }
}
