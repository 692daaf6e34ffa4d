import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TeamDecree1795800000500 implements MigrationInterface {
  name = 'TeamDecree1795800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE team_decree (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        decree_number text NOT NULL UNIQUE,
        decree_date date NOT NULL,
        members jsonb NOT NULL,
        mandate text NOT NULL,
        period_start_date date NOT NULL,
        period_end_date date NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        request_id text NOT NULL,
        CHECK (period_start_date <= period_end_date)
      )`);
    await q.query('CREATE INDEX team_decree_office_date ON team_decree (office_code, decree_date)');
    await q.query(`
      CREATE TABLE decree_number_counter (
        office_code text NOT NULL,
        year int NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (office_code, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decree_number_counter');
    await q.query('DROP TABLE team_decree');
  }
}
