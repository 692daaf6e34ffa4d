import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call tasks of every notice no channel delivered (docs/adr/0051): `call_attempt.purpose`,
 * the notice a call that did not reach the reporter was about (NULL on rows projected before:
 * step 8's information, as on the events); `complaint_timeline.purpose`, the notice a line about
 * a message to the reporter names (a failure, an acknowledgement, a call, a notice given up), so
 * that the acknowledgement given up is not read as step 8 ended (the tracking page). Rows
 * projected before stay NULL: a rebuild of the read model from the topic fills them.
 */
export class GatewayNoticeCalls1795801001800 implements MigrationInterface {
  name = 'GatewayNoticeCalls1795801001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE call_attempt ADD COLUMN purpose text');
    await q.query('ALTER TABLE complaint_timeline ADD COLUMN purpose text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint_timeline DROP COLUMN purpose');
    await q.query('ALTER TABLE call_attempt DROP COLUMN purpose');
  }
}
