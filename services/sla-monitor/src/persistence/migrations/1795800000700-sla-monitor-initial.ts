import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sla-monitor's tables: one row per deadline (a clock of one complaint), fired by the
 * scheduler through `next_fire_at`, and the SLA policy each office has chosen.
 */
export class SlaMonitorInitial1795800000700 implements MigrationInterface {
  name = 'SlaMonitorInitial1795800000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deadline (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        clock_key text NOT NULL,
        clock_id text NOT NULL,
        section_code text,
        responsible_role text NOT NULL,
        escalates_to text NOT NULL,
        started_at timestamptz NOT NULL,
        warn_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        deadline_hours double precision NOT NULL,
        calendar text NOT NULL,
        policy jsonb NOT NULL,
        opened_by_event_id uuid NOT NULL,
        next_fire_at timestamptz,
        warned_at timestamptz,
        breached_at timestamptz,
        escalated_at timestamptz,
        stopped_at timestamptz,
        stopped_by_event_id uuid,
        lateness_ms bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deadline_one_per_clock UNIQUE (complaint_id, clock_key)
      )`);
    // The scheduler's only query: due rows, earliest first. Rows with nothing left to fire leave the index.
    await q.query(`CREATE INDEX deadline_due ON deadline (next_fire_at) WHERE next_fire_at IS NOT NULL`);
    await q.query(`CREATE INDEX deadline_open_by_complaint ON deadline (complaint_id) WHERE stopped_at IS NULL`);
    await q.query(`
      CREATE TABLE office_sla_policy (
        office_code text PRIMARY KEY,
        policy jsonb NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE office_sla_policy');
    await q.query('DROP TABLE deadline');
  }
}
