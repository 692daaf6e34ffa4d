import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `call_attempt`: every `complaint.call-attempted` of the office's complaints (when, by whom,
 * when to call again), projected from the log. A call task whose last attempt's `retry_at` lies
 * ahead waits, hidden, until then (docs/adr/0044). `complaint_output.delivery_abandoned`: step
 * 8 given up, with the officer's reason (the complaint closed without a delivery).
 */
export class GatewayCallAttempts1795801001010 implements MigrationInterface {
  name = 'GatewayCallAttempts1795801001010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE call_attempt (
        event_id text PRIMARY KEY,
        complaint_id uuid NOT NULL,
        attempted_at timestamptz NOT NULL,
        retry_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX call_attempt_complaint ON call_attempt (complaint_id, attempted_at)');
    await q.query('ALTER TABLE complaint_output ADD COLUMN delivery_abandoned jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_output DROP COLUMN delivery_abandoned');
    await q.query('DROP TABLE call_attempt');
  }
}
