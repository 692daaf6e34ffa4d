import type { EntityManager } from 'typeorm';
import { ReporterContactRecord } from '../persistence/entities';
import type { ContactCipher, ReporterContact } from './contact-cipher';
import { contactOnly, newTrackingPin, trackingPinHash, withTrackingPin, type SealedReporter } from './tracking-pin';

/** The reporter's contact behind `reporterRef`, unsealed with the key it names; `{}` when the reporter gave none. */
export async function readReporterContact(manager: EntityManager, cipher: ContactCipher, reporterRef: string): Promise<ReporterContact> {
  const record = await manager.findOneBy(ReporterContactRecord, { reporterRef });
  if (!record) return {};
  return openContact(cipher, record.sealed, record.keyId, `the contact ${reporterRef}`);
}

/** Opens a sealed contact; an error names what it was (never its content). The PIN hashes stay behind. */
export function openContact(cipher: ContactCipher, sealed: Buffer, keyId: string, what: string): ReporterContact {
  return contactOnly(openSealedReporter(cipher, sealed, keyId, what));
}

/** Opens a sealed contact with the hashes of the reporter's tracking PINs: for the verifier alone. */
export function openSealedReporter(cipher: ContactCipher, sealed: Buffer, keyId: string, what: string): SealedReporter {
  if (!cipher.holds(keyId)) throw new Error(`${what} is sealed with key ${keyId}, which this intake does not hold`);
  return cipher.open(sealed, keyId);
}

/**
 * Issues a tracking PIN to the reporter behind `reporterRef` (ADR 0041): its hash joins their
 * sealed contact, sealed again under the newest key with the row locked, and the PIN itself is
 * answered once and kept nowhere. With `issuable`, only when it holds for the reporter as read
 * under that lock (the web form's page, ADR 0052); else nothing changes and nothing is answered.
 */
export async function issueTrackingPin(
  manager: EntityManager,
  cipher: ContactCipher,
  reporterRef: string,
  issuable: (reporter: SealedReporter) => boolean = () => true,
): Promise<string | undefined> {
  return manager.transaction(async (tx) => {
    const record = await tx.findOne(ReporterContactRecord, { where: { reporterRef }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new Error(`the contact ${reporterRef} does not exist`);
    const reporter = openSealedReporter(cipher, record.sealed, record.keyId, `the contact ${reporterRef}`);
    if (!issuable(reporter)) return undefined;
    const pin = newTrackingPin();
    await tx.update(ReporterContactRecord, { reporterRef }, { keyId: cipher.keyId, sealed: cipher.seal(withTrackingPin(reporter, trackingPinHash(pin))) });
    return pin;
  });
}
