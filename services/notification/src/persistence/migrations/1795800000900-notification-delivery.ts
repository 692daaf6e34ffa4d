import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages to reporters as durable work, and every attempt at them:
 *
 * - `outbound_notification`: one per message (acknowledgement, follow-up information, dismissal
 *   notice), unique by its idempotency key, with the channels to try in order and where it is.
 * - `delivery_attempt`: each try over one channel and provider, with the provider's message id
 *   and the furthest status its receipts reported (they only move forward).
 * - `applied_receipt`: every receipt intake forwarded, by intake's id: applied once.
 * - `call_task`: a message no channel could deliver, left to Admin Tikkim to phone.
 */
export class NotificationDelivery1795800000900 implements MigrationInterface {
  name = 'NotificationDelivery1795800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbound_notification (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        purpose text NOT NULL,
        information_id uuid,
        idempotency_key text NOT NULL UNIQUE,
        correlation_id text NOT NULL,
        channels text[] NOT NULL,
        channel_index int NOT NULL DEFAULT 0,
        attempt int NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'CALL_TASK')),
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbound_notification_due ON outbound_notification (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX outbound_notification_complaint ON outbound_notification (complaint_id)');
    await q.query(`
      CREATE TABLE delivery_attempt (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES outbound_notification (id),
        channel_index int NOT NULL,
        channel text NOT NULL,
        provider text,
        attempt int NOT NULL,
        kind text,
        template_id text,
        outcome text NOT NULL CHECK (outcome IN ('ACCEPTED', 'FAILED', 'NOT_AVAILABLE')),
        error_code text,
        retryable boolean,
        provider_message_id text,
        status text CHECK (status IN ('queued', 'sent', 'delivered', 'read')),
        status_at timestamptz,
        failed_receipt_code text,
        attempted_at timestamptz NOT NULL,
        CONSTRAINT delivery_attempt_provider_message UNIQUE (provider, provider_message_id)
      )`);
    await q.query('CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id)');
    await q.query(`
      CREATE TABLE applied_receipt (
        receipt_id uuid PRIMARY KEY,
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        status text NOT NULL,
        at timestamptz NOT NULL,
        error_code text,
        matched boolean NOT NULL,
        applied_at timestamptz
      )`);
    await q.query('CREATE INDEX applied_receipt_unmatched ON applied_receipt (provider, provider_message_id) WHERE NOT matched');
    await q.query(`
      CREATE TABLE call_task (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL UNIQUE REFERENCES outbound_notification (id),
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        purpose text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['call_task', 'applied_receipt', 'delivery_attempt', 'outbound_notification']) await q.query(`DROP TABLE ${t}`);
  }
}
