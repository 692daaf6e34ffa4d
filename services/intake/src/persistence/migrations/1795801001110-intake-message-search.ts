import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text index of the complainants' messages (docs/adr/0045): a stored tsvector of the
 * `indonesian` snowball configuration, so "membuat" finds "pembuatan", and a GIN index. Built in
 * both Postgres and the embedded PGlite without an extension.
 */
export class IntakeMessageSearch1795801001110 implements MigrationInterface {
  name = 'IntakeMessageSearch1795801001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_message ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('indonesian'::regconfig, text)) STORED`);
    await q.query('CREATE INDEX complaint_message_search ON complaint_message USING gin (search_vector)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX complaint_message_search');
    await q.query('ALTER TABLE complaint_message DROP COLUMN search_vector');
  }
}
