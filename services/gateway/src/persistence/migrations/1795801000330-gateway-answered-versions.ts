import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `complaint_answered_version`: the version of the last command answer the gateway gave on each
 * complaint, and its office (docs/adr/0033). A command that names no version waits for at least
 * it, so a client that acts on an answer is never refused for being early, whichever replica
 * answered; and a complaint the gateway registered is in its office before the view has it.
 */
export class GatewayAnsweredVersions1795801000330 implements MigrationInterface {
  name = 'GatewayAnsweredVersions1795801000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_answered_version (
        complaint_id uuid PRIMARY KEY,
        office_code text NOT NULL,
        version int NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_answered_version');
  }
}
