import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `delivery_failure`: every `complaint.notification-failed` of the office's complaints (channel,
 * stable error code, attempt, what happens next), projected from the log. A failure that will
 * not be retried and hands over to no other channel than the phone makes the complaint a call
 * task for Admin Tikkim (`GET /api/v1/call-tasks`), with every channel's reason beside it.
 */
export class GatewayDeliveryFailures1795801000500 implements MigrationInterface {
  name = 'GatewayDeliveryFailures1795801000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_failure (
        event_id text PRIMARY KEY,
        complaint_id uuid NOT NULL,
        purpose text NOT NULL,
        channel text NOT NULL,
        error_code text NOT NULL,
        attempt int NOT NULL,
        will_retry boolean NOT NULL,
        fallback_channel text,
        failed_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX delivery_failure_complaint ON delivery_failure (complaint_id, failed_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delivery_failure');
  }
}
