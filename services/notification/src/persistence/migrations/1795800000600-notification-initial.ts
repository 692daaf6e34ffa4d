import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationInitial1795800000600 implements MigrationInterface {
  name = 'NotificationInitial1795800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_reporter (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        tracking_number text NOT NULL,
        channel text NOT NULL,
        reporter_ref text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE follow_up_information (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        text text NOT NULL,
        written_by text NOT NULL,
        written_at timestamptz NOT NULL,
        channel text NOT NULL,
        provider_message_id text
      )`);
    await q.query('CREATE INDEX follow_up_information_complaint ON follow_up_information (complaint_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE follow_up_information');
    await q.query('DROP TABLE complaint_reporter');
  }
}
