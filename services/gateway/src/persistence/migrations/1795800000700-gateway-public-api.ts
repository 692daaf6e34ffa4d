import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public gRPC API (proto/pengaduan/v1): the offices' API clients, whose tokens are kept
 * only as argon2id hashes; a position over the whole timeline, increasing in the order rows
 * become visible (the projection allocates it under a transaction lock), that a subscriber
 * follows and resumes from; and the links of a transfer on the views.
 */
export class GatewayPublicApi1795800000700 implements MigrationInterface {
  name = 'GatewayPublicApi1795800000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_api_client (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query('CREATE INDEX office_api_client_office ON office_api_client (office_code)');

    // Existing rows are numbered in the order they were recorded.
    await q.query('ALTER TABLE complaint_timeline ADD COLUMN stream_position bigint GENERATED ALWAYS AS IDENTITY');
    await q.query('CREATE UNIQUE INDEX complaint_timeline_stream_position ON complaint_timeline (stream_position)');

    await q.query(`
      ALTER TABLE complaint_view
        ADD COLUMN forwarded_by_office_code text,
        ADD COLUMN transferred_from_complaint_id uuid,
        ADD COLUMN transferred_to_complaint_id uuid`);
    // The public list: an office's complaints in some states, newest first.
    await q.query('CREATE INDEX complaint_view_office_status_newest ON complaint_view (office_code, status, received_at DESC, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX complaint_view_office_status_newest');
    await q.query('ALTER TABLE complaint_view DROP COLUMN forwarded_by_office_code, DROP COLUMN transferred_from_complaint_id, DROP COLUMN transferred_to_complaint_id');
    await q.query('DROP INDEX complaint_timeline_stream_position');
    await q.query('ALTER TABLE complaint_timeline DROP COLUMN stream_position');
    await q.query('DROP TABLE office_api_client');
  }
}
