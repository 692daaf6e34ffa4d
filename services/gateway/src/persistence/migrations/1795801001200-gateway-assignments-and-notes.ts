import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is on a complaint (docs/adr/0046), both append-only so who and when is never overwritten:
 * - `complaint_assignment`: every claim, assignment and release, in order; the current assignee
 *   is the latest row's, and only while the complaint is still at the step it was recorded on
 *   (`step_key`) and the assignee may act there (derived on read);
 * - `complaint_note`: the office's internal notes on a complaint, by officer and time.
 * `request_id` (the officer's Idempotency-Key scoped to the officer) makes a retry answer the row
 * the first try recorded.
 */
export class GatewayAssignmentsAndNotes1795801001200 implements MigrationInterface {
  name = 'GatewayAssignmentsAndNotes1795801001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_assignment (
        seq bigserial PRIMARY KEY,
        request_id text NOT NULL UNIQUE,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CLAIMED', 'ASSIGNED', 'RELEASED')),
        assignee_id uuid REFERENCES user_account (id),
        step_key text NOT NULL,
        actor_id uuid NOT NULL REFERENCES user_account (id),
        at timestamptz NOT NULL,
        CHECK ((kind = 'RELEASED') = (assignee_id IS NULL))
      )`);
    await q.query('CREATE INDEX complaint_assignment_complaint ON complaint_assignment (complaint_id, seq DESC)');
    await q.query(`
      CREATE TABLE complaint_note (
        id uuid PRIMARY KEY,
        request_id text NOT NULL UNIQUE,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        text text NOT NULL,
        author_id uuid NOT NULL REFERENCES user_account (id),
        at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX complaint_note_complaint ON complaint_note (complaint_id, at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_note');
    await q.query('DROP TABLE complaint_assignment');
  }
}
