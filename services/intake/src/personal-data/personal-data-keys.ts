import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContactCipher } from '../reporter-contact/contact-cipher';

/** Why a complainant's data key was destroyed (docs/adr/0057). */
export type ErasureReason = 'REQUEST' | 'RETENTION';

/** The `key_id` beside a value sealed under its complainant's own data key instead of a key of the ring. */
export const PERSON_KEY_ID = 'person';

/** The `key_id` of a sealed value cleared by an erasure (its bytes are gone). */
export const ERASED_KEY_ID = 'erased';

/** Thrown when a complainant's data is asked for after their key was destroyed; callers answer "erased", never a failure. */
export class PersonalDataErasedError extends Error {
  readonly code = 'PERSONAL_DATA.ERASED';
  constructor(readonly reporterRef: string) {
    super(`the personal data of ${reporterRef} was erased`);
  }
}

interface KeyRow {
  kek_id: string | null;
  wrapped: Buffer | null;
  destroyed_at: Date | null;
}

/**
 * The store of per-complainant data keys (envelope encryption, docs/adr/0057): each `reporterRef`
 * has a 32-byte data key of its own, kept wrapped by the newest key-encryption key of the contact
 * key ring (ADR 0026), so rotating the ring re-wraps keys and never touches data. Destroying a key
 * (crypto-shredding) makes everything sealed under it noise; the destroyed row stays, without key,
 * as the store's ledger of erasures. Stateless: a handler makes one from its cipher when needed.
 */
export class PersonalDataKeys {
  constructor(private readonly kek: ContactCipher) {}

  /** The complainant's cipher (one key, id {@link PERSON_KEY_ID}); made on first use; {@link PersonalDataErasedError} once destroyed. */
  async cipherFor(manager: EntityManager, reporterRef: string): Promise<ContactCipher> {
    const existing = await this.cipherOf(manager, reporterRef);
    if (existing) return existing;
    const key = randomBytes(32);
    // ON CONFLICT: another transaction made one first (or destroyed it): read what stands.
    await manager.query('INSERT INTO personal_data_key (reporter_ref, kek_id, wrapped) VALUES ($1, $2, $3) ON CONFLICT (reporter_ref) DO NOTHING', [
      reporterRef,
      this.kek.keyId,
      this.kek.sealBytes(key),
    ]);
    const made = await this.cipherOf(manager, reporterRef);
    if (!made) throw new Error(`no data key for ${reporterRef} after making one`);
    return made;
  }

  /** The complainant's cipher, or undefined when they have no key yet; {@link PersonalDataErasedError} once destroyed. */
  async cipherOf(manager: EntityManager, reporterRef: string): Promise<ContactCipher | undefined> {
    const [row] = (await manager.query('SELECT kek_id, wrapped, destroyed_at FROM personal_data_key WHERE reporter_ref = $1', [reporterRef])) as KeyRow[];
    if (!row) return undefined;
    if (row.destroyed_at || !row.wrapped || !row.kek_id) throw new PersonalDataErasedError(reporterRef);
    return new ContactCipher([{ id: PERSON_KEY_ID, key: this.kek.openBytes(row.wrapped, row.kek_id) }]);
  }

  /** Whether the complainant's key was destroyed. */
  async isDestroyed(manager: EntityManager, reporterRef: string): Promise<boolean> {
    const [row] = (await manager.query('SELECT destroyed_at FROM personal_data_key WHERE reporter_ref = $1', [reporterRef])) as KeyRow[];
    return Boolean(row?.destroyed_at);
  }

  /**
   * Destroys the complainant's key (or records a key that never existed as destroyed, so none is
   * ever made for them again). True when this call destroyed it; false when it already was: a
   * repeated or re-applied erasure changes nothing.
   */
  async destroy(manager: EntityManager, reporterRef: string, reason: ErasureReason, at: Date): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO personal_data_key (reporter_ref, kek_id, wrapped, destroyed_at, reason) VALUES ($1, NULL, NULL, $2, $3)
       ON CONFLICT (reporter_ref) DO UPDATE SET kek_id = NULL, wrapped = NULL, destroyed_at = EXCLUDED.destroyed_at, reason = EXCLUDED.reason
         WHERE personal_data_key.destroyed_at IS NULL
       RETURNING reporter_ref`,
      [reporterRef, at, reason],
    )) as unknown[];
    return rows.length > 0;
  }
}
