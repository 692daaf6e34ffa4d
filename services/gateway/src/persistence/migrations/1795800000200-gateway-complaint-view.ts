import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayComplaintView1795800000200 implements MigrationInterface {
  name = 'GatewayComplaintView1795800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_view (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        tracking_number text NOT NULL UNIQUE,
        channel text NOT NULL,
        status text NOT NULL,
        anonymous boolean NOT NULL,
        confidential boolean NOT NULL,
        reporter_ref text NOT NULL,
        received_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_event_type text NOT NULL,
        last_event_id uuid NOT NULL,
        event_count int NOT NULL
      )`);
    // The lists: newest first, over all offices or one.
    await q.query('CREATE INDEX complaint_view_newest ON complaint_view (received_at DESC, id DESC)');
    await q.query('CREATE INDEX complaint_view_office_newest ON complaint_view (office_code, received_at DESC, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_view');
  }
}
