import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint that came through SP4N-LAPOR! keeps its LAPOR! report number (docs/adr/0055):
 * `lapor_report_number`, set with channel `LAPOR` and only with it, unique per office, so that two
 * registrations of the same report (two officers, a double click, two replicas) give one complaint:
 * the second one's insert fails on the index and is answered 409 `COMPLAINT.LAPOR_NUMBER_TAKEN`.
 */
export class IntakeLaporReportNumber1795801002100 implements MigrationInterface {
  name = 'IntakeLaporReportNumber1795801002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint ADD COLUMN lapor_report_number text`);
    await q.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_lapor_report_number_only_lapor CHECK ((channel = 'LAPOR') = (lapor_report_number IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX complaint_office_lapor_report_number ON complaint (office_code, lapor_report_number) WHERE lapor_report_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaint_office_lapor_report_number`);
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_lapor_report_number_only_lapor`);
    await q.query(`ALTER TABLE complaint DROP COLUMN lapor_report_number`);
  }
}
