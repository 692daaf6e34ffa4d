import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/adr/0053: the complaint's page shows the reporter's last rating, the last appeal and the
 * head of office's last review (`complaint_output.rating`, `.appeal`, `.appeal_review`), from the
 * events; the timeline keeps every round.
 */
export class GatewayRatingsAndAppeals1795801001930 implements MigrationInterface {
  name = 'GatewayRatingsAndAppeals1795801001930';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_output ADD COLUMN rating jsonb, ADD COLUMN appeal jsonb, ADD COLUMN appeal_review jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_output DROP COLUMN rating, DROP COLUMN appeal, DROP COLUMN appeal_review');
  }
}
