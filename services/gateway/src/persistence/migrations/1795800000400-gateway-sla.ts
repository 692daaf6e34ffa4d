import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA monitor's deadlines as the read model knows them from the complaint stream
 * (`sla.deadline-started` … `sla.deadline-stopped`): one row per deadline, so the views show
 * each complaint's open clocks, the office's summary counts them, and the escalations list
 * finds what was escalated to whom.
 */
export class GatewaySla1795800000400 implements MigrationInterface {
  name = 'GatewaySla1795800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_deadline (
        deadline_id text PRIMARY KEY,
        complaint_id uuid NOT NULL,
        office_code text NOT NULL,
        step_id text NOT NULL,
        section_code text,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        warn_at timestamptz NOT NULL,
        deadline_hours double precision NOT NULL,
        calendar text NOT NULL,
        responsible_role text NOT NULL,
        escalates_to text NOT NULL,
        warned_at timestamptz,
        breached_at timestamptz,
        escalated_at timestamptz,
        escalated_to_role text,
        escalation_level int,
        stopped_at timestamptz,
        stopped_by_event_type text,
        lateness_ms bigint,
        elapsed_ms bigint
      )`);
    // A page of complaints' deadlines in one query.
    await q.query('CREATE INDEX sla_deadline_complaint ON sla_deadline (complaint_id)');
    // The office's summary over a period of starts.
    await q.query('CREATE INDEX sla_deadline_office_started ON sla_deadline (office_code, started_at)');
    // The open escalations addressed to a role of an office.
    await q.query('CREATE INDEX sla_deadline_open_escalations ON sla_deadline (office_code, escalated_to_role, due_at) WHERE stopped_at IS NULL AND escalated_to_role IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sla_deadline');
  }
}
