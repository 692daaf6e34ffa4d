import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' dead letters (docs/adr/0043). `dead_letter`: every message of every consumer
 * group's DLQ topic, as the gateway's follower read it (one row per DLQ offset): the event's id,
 * type and complaint, why and when its group gave up, and the original bytes, key and headers to
 * put back. `dead_letter_redrive`: who re-drove which, when, with which Idempotency-Key.
 */
export class GatewayDeadLetters1795801000900 implements MigrationInterface {
  name = 'GatewayDeadLetters1795801000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dead_letter_redrive (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        request_key text NOT NULL,
        consumer_group text NOT NULL,
        dead_letter_id uuid,
        event_count int NOT NULL,
        at timestamptz NOT NULL,
        UNIQUE (account_id, request_key)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY,
        dlq_topic text NOT NULL,
        dlq_partition int NOT NULL,
        dlq_offset bigint NOT NULL,
        consumer_group text NOT NULL,
        event_id uuid,
        event_type text,
        complaint_id text,
        reason text NOT NULL,
        error_code text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL,
        message_key bytea,
        message_value bytea,
        message_headers jsonb NOT NULL,
        redrive_id uuid REFERENCES dead_letter_redrive (id),
        UNIQUE (dlq_topic, dlq_partition, dlq_offset)
      )`);
    await q.query('CREATE INDEX dead_letter_waiting ON dead_letter (consumer_group, failed_at) WHERE redrive_id IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE dead_letter_redrive');
  }
}
