import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The problem messages (docs/adr/0047): a quarantined webhook and a FAILED channel message can
 * be re-processed or discarded by an officer, never deleted.
 *
 * - `webhook_quarantine.status`: `QUARANTINED` until re-processed into stored messages
 *   (`REPROCESSED`) or `DISCARDED`.
 * - `inbound_message.status` gains `DISCARDED`.
 * - `problem_message_action`: one row per action (who, when, what, the reason), append-only; its
 *   `request_id` is the action's idempotency key, with the request's hash and the answer a
 *   retry gets.
 */
export class IntakeProblemMessages1795801000800 implements MigrationInterface {
  name = 'IntakeProblemMessages1795801000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_quarantine ADD COLUMN status text NOT NULL DEFAULT 'QUARANTINED' CHECK (status IN ('QUARANTINED', 'REPROCESSED', 'DISCARDED'))`);
    await q.query(`CREATE INDEX webhook_quarantine_waiting ON webhook_quarantine (provider, received_at, id) WHERE status = 'QUARANTINED'`);
    await q.query('ALTER TABLE inbound_message DROP CONSTRAINT inbound_message_status_check');
    await q.query(`ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_status_check CHECK (status IN ('PENDING', 'PROCESSED', 'FAILED', 'DISCARDED'))`);
    await q.query(`CREATE INDEX inbound_message_failed ON inbound_message (office_code, received_at, id) WHERE status = 'FAILED'`);
    await q.query(`
      CREATE TABLE problem_message_action (
        request_id text PRIMARY KEY,
        request_hash text NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('QUARANTINED_WEBHOOK', 'FAILED_MESSAGE')),
        target_id uuid NOT NULL,
        office_code text NOT NULL,
        action text NOT NULL CHECK (action IN ('REPROCESS', 'DISCARD')),
        outcome text NOT NULL,
        reason text,
        user_id text NOT NULL,
        role text NOT NULL,
        answer jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX problem_message_action_target ON problem_message_action (target_id, at)');
    await q.query(`
      CREATE FUNCTION problem_message_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'problem_message_action is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER problem_message_action_append_only BEFORE UPDATE OR DELETE ON problem_message_action
      FOR EACH ROW EXECUTE FUNCTION problem_message_action_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE problem_message_action');
    await q.query('DROP FUNCTION problem_message_action_append_only()');
    await q.query('DROP INDEX inbound_message_failed');
    await q.query(`UPDATE inbound_message SET status = 'FAILED' WHERE status = 'DISCARDED'`);
    await q.query('ALTER TABLE inbound_message DROP CONSTRAINT inbound_message_status_check');
    await q.query(`ALTER TABLE inbound_message ADD CONSTRAINT inbound_message_status_check CHECK (status IN ('PENDING', 'PROCESSED', 'FAILED'))`);
    await q.query('DROP INDEX webhook_quarantine_waiting');
    await q.query('ALTER TABLE webhook_quarantine DROP COLUMN status');
  }
}
