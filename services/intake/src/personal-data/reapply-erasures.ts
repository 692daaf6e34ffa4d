import type { DataSource } from 'typeorm';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { erasePersonalData } from './erase-stored-data';
import type { ErasureReason } from './personal-data-keys';

/** What a re-application found and did. */
export interface Reapplication {
  /** Erasures known to either ledger. */
  erasures: number;
  /** Keys that were back (a key store restored from an older copy) and were destroyed again. */
  keysDestroyedAgain: number;
}

/**
 * Brings the key store and the data in line with every erasure either side remembers
 * (docs/adr/0057), before intake serves: a key store restored from a copy older than an erasure
 * gets the key destroyed again from the data's ledger (`personal_data_erasure`); data restored
 * from an older backup gets its texts, attachments and documents cleared again from the key
 * store's ledger (destroyed rows of `personal_data_key`), and the erasure written back to the
 * data's ledger. Each erasure is one transaction and idempotent, so replicas starting together
 * and a run interrupted halfway are harmless.
 */
export async function reapplyErasures(ds: DataSource, cipher: ContactCipher, at: Date): Promise<Reapplication> {
  const known = (await ds.query(
    `SELECT reporter_ref, reason, erased_at, erased_by FROM personal_data_erasure
     UNION ALL
     SELECT reporter_ref, reason, destroyed_at, 'system' FROM personal_data_key k
      WHERE destroyed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM personal_data_erasure e WHERE e.reporter_ref = k.reporter_ref)`,
  )) as { reporter_ref: string; reason: ErasureReason; erased_at: Date; erased_by: string }[];
  let keysDestroyedAgain = 0;
  for (const e of known) {
    const done = await ds.transaction((tx) => erasePersonalData(tx, cipher, { reporterRef: e.reporter_ref, reason: e.reason, at: e.erased_at ?? at, erasedBy: e.erased_by }));
    if (done.destroyedKey) keysDestroyedAgain += 1;
  }
  return { erasures: known.length, keysDestroyedAgain };
}
