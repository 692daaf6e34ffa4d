import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the outbox and inbox tables in the service's schema (the data source's
 * search_path, see @pengaduan/persistence). Every service lists it among its migrations.
 */
export class MessagingOutboxInbox1795800000000 implements MigrationInterface {
  name = 'MessagingOutboxInbox1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_event_type ON outbox (event_type, created_at)`);
    await q.query(`
      CREATE TABLE inbox (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        started_attempts int NOT NULL DEFAULT 0,
        finished_attempts int NOT NULL DEFAULT 0,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        dead_lettered_at timestamptz,
        last_error text,
        PRIMARY KEY (consumer_group, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}

/**
 * Where the relay's hash chains stand (ADR 0034): per topic and partition, the number and digest
 * of the last event it published there. Advanced in the transaction that marks rows published.
 */
export class MessagingEventChain1795801000400 implements MigrationInterface {
  name = 'MessagingEventChain1795801000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_chain (
        topic text NOT NULL,
        partition int NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        digest text NOT NULL,
        PRIMARY KEY (topic, partition)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_chain');
  }
}

/** Migrations every service data source must include (before its own). */
export const MESSAGING_MIGRATIONS = [MessagingOutboxInbox1795800000000, MessagingEventChain1795801000400];
