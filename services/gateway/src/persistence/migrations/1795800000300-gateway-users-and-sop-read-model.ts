import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' accounts, and the read model of the whole SOP: each view gains the complaint's
 * current step and what it was classified and dispositioned as; the timeline and the outputs
 * of every step are kept beside it.
 */
export class GatewayUsersAndSopReadModel1795800000300 implements MigrationInterface {
  name = 'GatewayUsersAndSopReadModel1795800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        office_code text NOT NULL,
        section_code text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      ALTER TABLE complaint_view
        ADD COLUMN current_step_id text,
        ADD COLUMN current_step_started_at timestamptz,
        ADD COLUMN current_step_due_at timestamptz,
        ADD COLUMN classification_code text,
        ADD COLUMN summary text,
        ADD COLUMN sections text[] NOT NULL DEFAULT '{}',
        ADD COLUMN pending_sections text[] NOT NULL DEFAULT '{}'`);
    // The inbox: an office's complaints by the due time of their current step.
    await q.query('CREATE INDEX complaint_view_office_due ON complaint_view (office_code, current_step_due_at, received_at)');

    await q.query(`
      CREATE TABLE complaint_timeline (
        event_id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL,
        position int NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_role text,
        actor_user_id text,
        actor_service text,
        summary text NOT NULL,
        status_after text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (complaint_id, position)
      )`);

    await q.query(`
      CREATE TABLE complaint_output (
        complaint_id uuid PRIMARY KEY,
        confirmation jsonb,
        dismissal jsonb,
        disposition jsonb,
        section_responses jsonb NOT NULL DEFAULT '[]',
        analysis jsonb,
        follow_up_decision jsonb,
        team_decree jsonb,
        follow_up_information jsonb,
        delivery jsonb,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_output');
    await q.query('DROP TABLE complaint_timeline');
    await q.query('DROP INDEX complaint_view_office_due');
    await q.query(`
      ALTER TABLE complaint_view
        DROP COLUMN current_step_id, DROP COLUMN current_step_started_at, DROP COLUMN current_step_due_at,
        DROP COLUMN classification_code, DROP COLUMN summary, DROP COLUMN sections, DROP COLUMN pending_sections`);
    await q.query('DROP TABLE user_account');
  }
}
