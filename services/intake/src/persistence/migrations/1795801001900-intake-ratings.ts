import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporter's rating and appeal after closing (docs/adr/0053):
 * - `complaint_feedback`: one row per `complaint.rated` or `complaint.appealed` intake recorded,
 *   with what the events leave out (the comment, the appeal's reason: the reporter's own text),
 *   the closing it is about, who recorded it (the reporter through intake, or Admin Tikkim) and
 *   the request that did, so the complaint page can show it.
 * - `office_appeal_window`: an office's own appeal window in days; an office without a row has
 *   libs/sop's `DEFAULT_APPEAL_WINDOW_DAYS`.
 */
export class IntakeRatings1795801001900 implements MigrationInterface {
  name = 'IntakeRatings1795801001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_feedback (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        office_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RATING', 'APPEAL')),
        rating int CHECK (rating BETWEEN 1 AND 5),
        text text,
        closed_at timestamptz NOT NULL,
        opened_appeal boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        request_id text NOT NULL,
        CHECK ((kind = 'RATING') = (rating IS NOT NULL))
      )`);
    await q.query('CREATE INDEX complaint_feedback_complaint ON complaint_feedback (complaint_id, recorded_at)');
    await q.query(`
      CREATE TABLE office_appeal_window (
        office_code text PRIMARY KEY,
        appeal_window_days int NOT NULL CHECK (appeal_window_days BETWEEN 0 AND 365),
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_appeal_window');
    await q.query('DROP TABLE complaint_feedback');
  }
}
