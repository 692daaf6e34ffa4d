import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The status messages (docs/adr/0054):
 *
 * - `status_message_setting_version`: every setting of an office's status messages the head of
 *   office recorded, numbered from 1 per office, only ever added to (a trigger refuses UPDATE
 *   and DELETE). The newest is in force; `disabled` lists the status messages turned off (libs/sop
 *   STATUS_MESSAGE_PURPOSES), so a status message added later is on until an office turns it off.
 *   `request_key` is the officer's request (their Idempotency-Key scoped to them).
 * - `outbound_notification.status` gains `UNDELIVERED`: a status message that no channel
 *   delivered ends there, with no call task (a status message is no SOP notice).
 */
export class NotificationStatusMessages1795801002000 implements MigrationInterface {
  name = 'NotificationStatusMessages1795801002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE status_message_setting_version (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        disabled text[] NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text NOT NULL,
        CONSTRAINT status_message_setting_version_number UNIQUE (office_code, version),
        CONSTRAINT status_message_setting_version_request UNIQUE (office_code, request_key)
      )`);
    await q.query(`
      CREATE FUNCTION status_message_setting_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'status_message_setting_version is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER status_message_setting_version_append_only BEFORE UPDATE OR DELETE ON status_message_setting_version
      FOR EACH ROW EXECUTE FUNCTION status_message_setting_version_append_only()`);
    await q.query('ALTER TABLE outbound_notification DROP CONSTRAINT outbound_notification_status_check');
    await q.query(`ALTER TABLE outbound_notification ADD CONSTRAINT outbound_notification_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'CALL_TASK', 'UNDELIVERED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbound_notification DROP CONSTRAINT outbound_notification_status_check');
    await q.query(`ALTER TABLE outbound_notification ADD CONSTRAINT outbound_notification_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'CALL_TASK'))`);
    await q.query('DROP TABLE status_message_setting_version');
    await q.query('DROP FUNCTION status_message_setting_version_append_only');
  }
}
