import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offices' texts of the messages to reporters (docs/adr/0050):
 *
 * - `message_template_version`: every text the head of office recorded for a purpose, variant
 *   and channel, numbered from 1 per text, only ever added to (a trigger refuses UPDATE and
 *   DELETE). The newest is in force unless it is a reset (`reset`, no body), which brings the
 *   built-in text back. `request_key` is the administrator's request (their Idempotency-Key
 *   scoped to them): the same request again finds its row.
 * - `follow_up_information.dismissal_reason`: for the information about a dismissed message, why
 *   it was dismissed (libs/sop DISMISSAL_REASONS), which the text may name as `{alasan}`.
 */
export class NotificationMessageTemplates1795801001600 implements MigrationInterface {
  name = 'NotificationMessageTemplates1795801001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_template_version (
        id uuid PRIMARY KEY,
        office_code text NOT NULL,
        purpose text NOT NULL,
        variant text NOT NULL,
        channel text NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        body text,
        reset boolean NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL,
        request_key text NOT NULL,
        CHECK (reset = (body IS NULL)),
        CONSTRAINT message_template_version_number UNIQUE (office_code, purpose, variant, channel, version),
        CONSTRAINT message_template_version_request UNIQUE (office_code, request_key)
      )`);
    await q.query(`
      CREATE FUNCTION message_template_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'message_template_version is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER message_template_version_append_only BEFORE UPDATE OR DELETE ON message_template_version
      FOR EACH ROW EXECUTE FUNCTION message_template_version_append_only()`);
    await q.query('ALTER TABLE follow_up_information ADD COLUMN dismissal_reason text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE follow_up_information DROP COLUMN dismissal_reason');
    await q.query('DROP TABLE message_template_version');
    await q.query('DROP FUNCTION message_template_version_append_only');
  }
}
