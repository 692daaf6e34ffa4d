import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalysisRecord1795800000400 implements MigrationInterface {
  name = 'AnalysisRecord1795800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analysis_record (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        findings text NOT NULL,
        substantiated text NOT NULL,
        classification_code text NOT NULL,
        severity text NOT NULL,
        recommendation text NOT NULL,
        analyzed_by text NOT NULL,
        analyzed_at timestamptz NOT NULL,
        analysis_request_id text,
        decision text,
        decision_reason text,
        decided_by text,
        decided_at timestamptz,
        decision_request_id text,
        CHECK ((decision IS NULL) = (decided_at IS NULL))
      )`);
    await q.query('CREATE INDEX analysis_record_office_analyzed ON analysis_record (office_code, analyzed_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE analysis_record');
  }
}
