import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key store of per-complainant data keys (docs/adr/0057): one row per `reporterRef`, its
 * data key wrapped (AES-256-GCM) by a key-encryption key of REPORTER_CONTACT_KEYS (`kek_id`).
 * Erasure destroys the key: `wrapped` and `kek_id` become NULL, `destroyed_at` and `reason` say
 * when and why, and the row stays as the store's own ledger of erasures. A destroyed row never
 * gets a key again (a CHECK keeps the two states apart).
 */
export class IntakePersonalDataKeys1795801002300 implements MigrationInterface {
  name = 'IntakePersonalDataKeys1795801002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_data_key (
        reporter_ref text PRIMARY KEY,
        kek_id text,
        wrapped bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        reason text CHECK (reason IN ('REQUEST', 'RETENTION')),
        CONSTRAINT personal_data_key_state CHECK (
          (destroyed_at IS NULL AND kek_id IS NOT NULL AND wrapped IS NOT NULL AND reason IS NULL)
          OR (destroyed_at IS NOT NULL AND kek_id IS NULL AND wrapped IS NULL AND reason IS NOT NULL))
      )`);
    await q.query('CREATE INDEX personal_data_key_kek ON personal_data_key (kek_id) WHERE kek_id IS NOT NULL');
    await q.query(`
      CREATE TABLE personal_data_erasure (
        reporter_ref text PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('REQUEST', 'RETENTION')),
        erased_at timestamptz NOT NULL,
        erased_by text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_erasure');
    await q.query('DROP TABLE personal_data_key');
  }
}
