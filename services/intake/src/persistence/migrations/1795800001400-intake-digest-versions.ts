import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rotating keys (docs/adr/0026): the version of the digest key beside each sender digest, so
 * `reseal-contacts` finds what is not under the newest version. Rows from before are NULL (the
 * digest derived from REPORTER_CONTACT_KEY); lookups compare digests under every version held,
 * so they need no version. The contact key id was always stored beside each sealed value.
 */
export class IntakeDigestVersions1795800001400 implements MigrationInterface {
  name = 'IntakeDigestVersions1795800001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inbound_message ADD COLUMN sender_digest_version text');
    await q.query('ALTER TABLE complaint ADD COLUMN reporter_digest_version text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE complaint DROP COLUMN reporter_digest_version');
    await q.query('ALTER TABLE inbound_message DROP COLUMN sender_digest_version');
  }
}
