import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `complaint_timeline.step_id`: the step (or target) an `sla.*` line is about (`CONFIRM`,
 * `SECTION_RESPONSE`, `SOP_TARGET` …), so the web app folds the SLA lines under their step.
 * Null for the SOP's own events, and for the SLA lines recorded before this column: they keep
 * their text and fold under the step line before them.
 */
export class GatewayTimelineStep1795801000600 implements MigrationInterface {
  name = 'GatewayTimelineStep1795801000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_timeline ADD COLUMN step_id text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_timeline DROP COLUMN step_id');
  }
}
