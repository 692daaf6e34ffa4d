import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each service's own view of every complaint's libs/sop state, folded from the complaint
 * stream with `evolve`, and the commands it decides against that view. Events the service
 * emits itself are applied when it commits them (and marked in its inbox, so they are not
 * applied a second time when they come back from the topic).
 */
export class ComplaintStateMigration1795800000010 implements MigrationInterface {
  name = 'ComplaintStateMigration1795800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_state (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE command_idempotency (
        request_id text PRIMARY KEY,
        operation text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE command_idempotency');
    await q.query('DROP TABLE complaint_state');
  }
}

/**
 * `version` becomes the complaint's version (docs/adr/0033): the number of its events that
 * changed its state. Rows before it counted every event, which no service agrees on: they are
 * cleared, and a complaint recorded before versions has none.
 */
export class ComplaintVersionMigration1795801000330 implements MigrationInterface {
  name = 'ComplaintVersionMigration1795801000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_state ALTER COLUMN version DROP NOT NULL');
    await q.query('UPDATE complaint_state SET version = NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('UPDATE complaint_state SET version = 0 WHERE version IS NULL');
    await q.query('ALTER TABLE complaint_state ALTER COLUMN version SET NOT NULL');
  }
}

/** Migrations of the complaint-state view; command services list them after MESSAGING_MIGRATIONS. */
export const COMPLAINT_STATE_MIGRATIONS = [ComplaintStateMigration1795800000010, ComplaintVersionMigration1795801000330];
