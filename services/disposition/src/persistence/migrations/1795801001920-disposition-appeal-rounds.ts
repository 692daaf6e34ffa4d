import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/adr/0053: an appeal the head of office sends back to step 3 makes a new disposition sheet.
 * The earlier round's sheet moves to `disposition_sheet_earlier_round` (its number stays issued:
 * numbers are never reused), and `disposition_sheet` keeps the sheet in force, one per complaint.
 */
export class DispositionAppealRounds1795801001920 implements MigrationInterface {
  name = 'DispositionAppealRounds1795801001920';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disposition_sheet_earlier_round (
        LIKE disposition_sheet INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
        superseded_at timestamptz NOT NULL,
        PRIMARY KEY (complaint_id, disposed_at)
      )`);
    await q.query('CREATE UNIQUE INDEX disposition_sheet_earlier_round_number ON disposition_sheet_earlier_round (number)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE disposition_sheet_earlier_round');
  }
}
