import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `outbound_notification.status` gains `WITHHELD`: a notice to a reporter whose contact is
 * restricted (UU 27/2022, docs/adr/0056) ends there, with no call task, and no channel is tried.
 */
export class NotificationWithheldNotices1795801002550 implements MigrationInterface {
  name = 'NotificationWithheldNotices1795801002550';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbound_notification DROP CONSTRAINT outbound_notification_status_check');
    await q.query(`ALTER TABLE outbound_notification ADD CONSTRAINT outbound_notification_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'CALL_TASK', 'UNDELIVERED', 'WITHHELD'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE outbound_notification SET status = 'UNDELIVERED' WHERE status = 'WITHHELD'`);
    await q.query('ALTER TABLE outbound_notification DROP CONSTRAINT outbound_notification_status_check');
    await q.query(`ALTER TABLE outbound_notification ADD CONSTRAINT outbound_notification_status_check CHECK (status IN ('PENDING', 'SENT', 'DELIVERED', 'CALL_TASK', 'UNDELIVERED'))`);
  }
}
