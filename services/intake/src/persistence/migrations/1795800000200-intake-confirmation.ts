import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 2 (confirmation, dismissal) on the complaint row, and the move of intake's libs/sop
 * state to the shared `complaint_state` (libs/messaging's COMPLAINT_STATE_MIGRATIONS, which
 * run before this one). Complaints registered before the move keep their state: it is copied
 * over, and their `complaint.received` is marked handled for the state consumer group
 * `intake`, so the consumer does not apply it a second time.
 */
export class IntakeConfirmation1795800000200 implements MigrationInterface {
  name = 'IntakeConfirmation1795800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaint
        ADD COLUMN classification_code text,
        ADD COLUMN summary text,
        ADD COLUMN confirmed_at timestamptz,
        ADD COLUMN dismissal jsonb,
        ADD COLUMN dismissed_at timestamptz`);
    await q.query(`
      INSERT INTO complaint_state (complaint_id, office_code, status, state, version)
      SELECT id, office_code, status, sop_state, 1 FROM complaint
      ON CONFLICT (complaint_id) DO NOTHING`);
    await q.query(`
      INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts, finished_attempts, processed_at)
      SELECT 'intake', event_id, event_type, message_key, topic, -1, -1, 0, 0, now() FROM outbox WHERE event_type = 'complaint.received'
      ON CONFLICT (consumer_group, event_id) DO NOTHING`);
    await q.query('ALTER TABLE complaint DROP COLUMN sop_state');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint ADD COLUMN sop_state jsonb`);
    await q.query(`UPDATE complaint c SET sop_state = s.state FROM complaint_state s WHERE s.complaint_id = c.id`);
    await q.query(`UPDATE complaint SET sop_state = '{"status":"NEW"}'::jsonb WHERE sop_state IS NULL`);
    await q.query('ALTER TABLE complaint ALTER COLUMN sop_state SET NOT NULL');
    await q.query(`
      ALTER TABLE complaint
        DROP COLUMN dismissed_at,
        DROP COLUMN dismissal,
        DROP COLUMN confirmed_at,
        DROP COLUMN summary,
        DROP COLUMN classification_code`);
  }
}
