import type { EntityManager } from 'typeorm';
import { ReporterContactRecord } from '../persistence/entities';
import { ERASED_KEY_ID, PERSON_KEY_ID, PersonalDataErasedError, PersonalDataKeys } from '../personal-data/personal-data-keys';
import type { ContactCipher, ReporterContact } from './contact-cipher';
import { contactOnly, newTrackingPin, trackingPinHash, withTrackingPin, type SealedReporter } from './tracking-pin';

/**
 * The reporter's contact behind `reporterRef`, unsealed with the key it names (their own data key,
 * docs/adr/0057, or a key of the ring for a row not yet brought under one); `{}` when the reporter
 * gave none or their data was erased (their key destroyed).
 */
export async function readReporterContact(manager: EntityManager, cipher: ContactCipher, reporterRef: string): Promise<ReporterContact> {
  const record = await manager.findOneBy(ReporterContactRecord, { reporterRef });
  if (!record) return {};
  return contactOnly((await openStoredReporter(manager, cipher, reporterRef, record.sealed, record.keyId, `the contact ${reporterRef}`)) ?? {});
}

/** Opens a stored reporter row wherever it is sealed; undefined when their data was erased. */
export async function openStoredReporter(manager: EntityManager, cipher: ContactCipher, reporterRef: string, sealed: Buffer, keyId: string, what: string): Promise<SealedReporter | undefined> {
  if (keyId === ERASED_KEY_ID) return undefined;
  if (keyId !== PERSON_KEY_ID) return openSealedReporter(cipher, sealed, keyId, what);
  try {
    const own = await new PersonalDataKeys(cipher).cipherOf(manager, reporterRef);
    if (!own) throw new Error(`${what} is sealed under a data key the key store does not hold`);
    return own.open(sealed, PERSON_KEY_ID);
  } catch (err) {
    if (err instanceof PersonalDataErasedError) return undefined;
    throw err;
  }
}

/** Seals `reporter` under the data key of `reporterRef` (made on first use) and stores it, new or replacing what was. */
export async function sealReporterContact(manager: EntityManager, cipher: ContactCipher, reporterRef: string, reporter: SealedReporter): Promise<void> {
  const own = await new PersonalDataKeys(cipher).cipherFor(manager, reporterRef);
  await manager.query(
    'INSERT INTO reporter_contact (reporter_ref, key_id, sealed) VALUES ($1, $2, $3) ON CONFLICT (reporter_ref) DO UPDATE SET key_id = EXCLUDED.key_id, sealed = EXCLUDED.sealed',
    [reporterRef, PERSON_KEY_ID, own.seal(reporter)],
  );
}

/** Opens a contact sealed under a key of the ring (a row from before docs/adr/0057) with the hashes of the reporter's tracking PINs. */
function openSealedReporter(cipher: ContactCipher, sealed: Buffer, keyId: string, what: string): SealedReporter {
  if (keyId === PERSON_KEY_ID || keyId === ERASED_KEY_ID) throw new Error(`${what} is sealed under the person's own key: open it with openStoredReporter`);
  if (!cipher.holds(keyId)) throw new Error(`${what} is sealed with key ${keyId}, which this intake does not hold`);
  return cipher.open(sealed, keyId);
}

/**
 * Issues a tracking PIN to the reporter behind `reporterRef` (ADR 0041): its hash joins their
 * sealed contact, sealed again under their data key with the row locked, and the PIN itself is
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
    const reporter = await openStoredReporter(tx, cipher, reporterRef, record.sealed, record.keyId, `the contact ${reporterRef}`);
    if (!reporter || !issuable(reporter)) return undefined;
    const pin = newTrackingPin();
    await sealReporterContact(tx, cipher, reporterRef, withTrackingPin(reporter, trackingPinHash(pin)));
    return pin;
  });
}
