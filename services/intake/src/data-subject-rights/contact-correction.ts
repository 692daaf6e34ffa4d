import { ServiceError } from '@pengaduan/runtime';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ReporterContactRecord } from '../persistence/entities';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import { openStoredReporter, sealReporterContact } from '../reporter-contact/reporter-contacts';
import { CONTACT_FIELDS, type ContactField } from '../processing-record/contact-processing-record';

/** A correction of the contact behind `reporterRef`, as Admin Tikkim recorded it with the person's word. */
export interface ContactCorrection {
  reporterRef: string;
  officeCode: string;
  /** The whole contact as it is to be from now on: a field left out is removed. */
  contact: ReporterContact;
  reason: string;
  userId: string;
  at: Date;
}

/**
 * Replaces the contact (UU 27/2022's right to correction, docs/adr/0056). The inaccurate
 * version is not kept: the sealed row is overwritten, sealed again under the person's data key (docs/adr/0057) with the
 * tracking PIN hashes it held; the record keeps who, when, why and which fields changed, never a
 * value. Answers the changed fields; a correction that changes nothing is refused.
 */
export async function correctContact(manager: EntityManager, cipher: ContactCipher, correction: ContactCorrection): Promise<ContactField[]> {
  return manager.transaction(async (tx) => {
    const record = await tx.findOne(ReporterContactRecord, { where: { reporterRef: correction.reporterRef }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', 'the complaint has no contact to correct');
    const sealed = await openStoredReporter(tx, cipher, correction.reporterRef, record.sealed, record.keyId, `the contact ${correction.reporterRef}`);
    if (!sealed) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', 'the contact was erased (docs/adr/0057)');
    const next = onlyContactFields(correction.contact);
    const changed = CONTACT_FIELDS.filter((f) => (sealed[f] ?? '') !== (next[f] ?? ''));
    if (changed.length === 0) throw new ServiceError('conflict', 'CONTACT.CORRECTION_UNCHANGED', 'the correction changes no field of the contact');
    const pins = sealed.trackingPinHashes ? { trackingPinHashes: sealed.trackingPinHashes } : {};
    await sealReporterContact(tx, cipher, correction.reporterRef, { ...next, ...pins });
    await tx.query('INSERT INTO contact_correction_record (id, reporter_ref, office_code, fields, reason, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      uuidv7(),
      correction.reporterRef,
      correction.officeCode,
      changed,
      correction.reason,
      correction.userId,
      correction.at,
    ]);
    return changed;
  });
}

function onlyContactFields(contact: ReporterContact): ReporterContact {
  const out: Record<string, string> = {};
  for (const f of CONTACT_FIELDS) {
    const v = contact[f]?.trim();
    if (v) out[f] = v;
  }
  return out as ReporterContact;
}
