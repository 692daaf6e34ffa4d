import type { EntityManager } from 'typeorm';
import type { ContactCipher } from '../reporter-contact/contact-cipher';
import { ERASED_KEY_ID, PERSON_KEY_ID, PersonalDataKeys, type ErasureReason } from './personal-data-keys';

/** A complaint whose complainant's data was erased: what the erasure's event and the destruction record name. */
export interface ErasedComplaint {
  complaintId: string;
  trackingNumber: string;
  officeCode: string;
}

/** What one erasure did. */
export interface StoredDataErasure {
  /** Whether this call destroyed the key (false: it was destroyed before; the rest ran again anyway). */
  destroyedKey: boolean;
  /** The complainant's complaints, in the order received. */
  complaints: ErasedComplaint[];
}

/** The message text left in place of an erased one (the full-text index follows it). */
export const ERASED_TEXT = '';

/**
 * Erases what intake holds of the complainant behind `reporterRef` (docs/adr/0057): destroys their
 * data key (their contact, sealed under it, becomes noise) and clears, for each of their
 * complaints, what is kept in the clear or under a key of the ring: the message texts (and so
 * their full-text index), the sealed channel messages and sender digests, the attachments' bytes
 * and hashes, a contact row still under a key of the ring, and the Laporan Aduan, which prints the
 * messages. Idempotent: run again (a retry, the re-application after a restore) it clears
 * whatever came back and destroys no key twice. In the caller's transaction.
 */
export async function eraseStoredPersonalData(tx: EntityManager, cipher: ContactCipher, reporterRef: string, reason: ErasureReason, at: Date): Promise<StoredDataErasure> {
  const destroyedKey = await new PersonalDataKeys(cipher).destroy(tx, reporterRef, reason, at);
  const complaints = (
    (await tx.query('SELECT id, tracking_number, office_code FROM complaint WHERE reporter_ref = $1 ORDER BY received_at, id', [reporterRef])) as {
      id: string;
      tracking_number: string;
      office_code: string;
    }[]
  ).map((r) => ({ complaintId: r.id, trackingNumber: r.tracking_number, officeCode: r.office_code }));
  const ids = complaints.map((c) => c.complaintId);
  // A contact still under a key of the ring (not yet brought under the person's key) is no noise: cleared.
  await tx.query(`UPDATE reporter_contact SET key_id = $3, sealed = '\\x'::bytea WHERE reporter_ref = $1 AND key_id NOT IN ($2, $3)`, [reporterRef, PERSON_KEY_ID, ERASED_KEY_ID]);
  await tx.query('UPDATE complaint SET reporter_digest = NULL, reporter_digest_version = NULL WHERE reporter_ref = $1 AND reporter_digest IS NOT NULL', [reporterRef]);
  if (ids.length === 0) return { destroyedKey, complaints };
  await tx.query('UPDATE complaint_message SET text = $2 WHERE complaint_id = ANY($1::uuid[]) AND text <> $2', [ids, ERASED_TEXT]);
  await tx.query(
    `UPDATE inbound_media SET content = NULL, sha256 = NULL, stated_sha256 = NULL
      WHERE inbound_message_id IN (SELECT id FROM inbound_message WHERE complaint_id = ANY($1::uuid[]))
        AND (content IS NOT NULL OR sha256 IS NOT NULL OR stated_sha256 IS NOT NULL)`,
    [ids],
  );
  await tx.query(`UPDATE inbound_message SET key_id = $2, sealed = '\\x'::bytea, sender_digest = $2 WHERE complaint_id = ANY($1::uuid[]) AND key_id <> $2`, [ids, ERASED_KEY_ID]);
  await tx.query(`DELETE FROM complaint_document WHERE complaint_id = ANY($1::uuid[]) AND kind = 'LAPORAN_ADUAN'`, [ids]);
  // The rating's comment and the appeal's reason are the complainant's own words (docs/adr/0053).
  await tx.query('UPDATE complaint_feedback SET text = NULL WHERE complaint_id = ANY($1::uuid[]) AND text IS NOT NULL', [ids]);
  return { destroyedKey, complaints };
}

/**
 * Erases the personal data of the complainant behind `reporterRef` (docs/adr/0057): records the
 * erasure in the data side's ledger (`personal_data_erasure`, kept with the data) and erases what
 * is stored ({@link eraseStoredPersonalData}). `erasedBy` is the officer's user id or `system`
 * (the retention job). Idempotent; the first erasure's time and reason stay on record.
 */
export async function erasePersonalData(tx: EntityManager, cipher: ContactCipher, erasure: { reporterRef: string; reason: ErasureReason; at: Date; erasedBy: string }): Promise<StoredDataErasure> {
  await tx.query('INSERT INTO personal_data_erasure (reporter_ref, reason, erased_at, erased_by) VALUES ($1, $2, $3, $4) ON CONFLICT (reporter_ref) DO NOTHING', [
    erasure.reporterRef,
    erasure.reason,
    erasure.at,
    erasure.erasedBy,
  ]);
  return eraseStoredPersonalData(tx, cipher, erasure.reporterRef, erasure.reason, erasure.at);
}
