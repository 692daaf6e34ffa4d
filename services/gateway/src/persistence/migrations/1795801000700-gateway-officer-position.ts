import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `user_account.position`: the officer's position (jabatan), e.g. `Kepala Seksi Inteldakim`, so
 * the head of office picks a team decree's members from the office's officers with their name,
 * NIP and position filled in (`GET /api/v1/office/officers`). Null for the accounts created before
 * the column and for any created without one: the decree's form then asks for it.
 */
export class GatewayOfficerPosition1795801000700 implements MigrationInterface {
  name = 'GatewayOfficerPosition1795801000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account ADD COLUMN position text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_account DROP COLUMN position');
  }
}
