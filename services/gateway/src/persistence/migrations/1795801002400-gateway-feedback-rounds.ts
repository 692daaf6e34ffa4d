import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaint page's rounds after closing (docs/adr/0053): `complaint_output.feedback_rounds`,
 * one entry per closing that was rated or appealed (the rating, the appeal with its trigger, the
 * head's review), in order. Complaints projected before it show their rounds once the projection
 * is rebuilt; the last rating, appeal and review stay in their own columns as before.
 */
export class GatewayFeedbackRounds1795801002400 implements MigrationInterface {
  name = 'GatewayFeedbackRounds1795801002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_output ADD COLUMN feedback_rounds jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_output DROP COLUMN feedback_rounds');
  }
}
