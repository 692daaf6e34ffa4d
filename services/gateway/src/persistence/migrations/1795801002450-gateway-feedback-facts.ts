import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's figures of ratings and appeals (docs/adr/0053): one row per `complaint.rated`,
 * `complaint.appealed` and `complaint.appeal-reviewed`, codes only (the reporter's texts stay in
 * intake), counted by the office and channel of the complaint's view and by when the event
 * happened. `complaint_output` keeps only each complaint's last round; this keeps every round.
 * Rows projected before are not back-filled: rebuilding the read model from the topic fills them.
 */
export class GatewayFeedbackFacts1795801002450 implements MigrationInterface {
  name = 'GatewayFeedbackFacts1795801002450';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE complaint_feedback_fact (
      event_id uuid PRIMARY KEY,
      complaint_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('RATED', 'APPEALED', 'APPEAL_REVIEWED')),
      occurred_at timestamptz NOT NULL,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      within_appeal_window boolean,
      trigger text,
      decision text,
      CHECK ((kind = 'RATED') = (rating IS NOT NULL)),
      CHECK ((kind = 'APPEALED') = (trigger IS NOT NULL)),
      CHECK ((kind = 'APPEAL_REVIEWED') = (decision IS NOT NULL)))`);
    await q.query('CREATE INDEX complaint_feedback_fact_by_complaint ON complaint_feedback_fact (complaint_id)');
    await q.query('CREATE INDEX complaint_feedback_fact_by_time ON complaint_feedback_fact (occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_feedback_fact');
  }
}
