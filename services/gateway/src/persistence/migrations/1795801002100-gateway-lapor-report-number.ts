import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SP4N-LAPOR! report number of a complaint that came through LAPOR! (docs/adr/0055), projected
 * from `complaint.received`: shown on the complaint page and in the posting queue, searched by
 * officers who quote it. Not personal data. Rows projected before stay NULL.
 */
export class GatewayLaporReportNumber1795801002100 implements MigrationInterface {
  name = 'GatewayLaporReportNumber1795801002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_view ADD COLUMN lapor_report_number text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_view DROP COLUMN lapor_report_number');
  }
}
