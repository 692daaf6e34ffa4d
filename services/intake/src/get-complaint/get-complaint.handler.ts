import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { BREAK_GLASS_REASON_MAX, CONTACT_READ_PURPOSES, isContactReadPurpose, mayReadContact, type ComplaintState, type Role } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { ContactCipher, type ReporterContact } from '../reporter-contact/contact-cipher';
import { PersonalDataKeys } from '../personal-data/personal-data-keys';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { disclosedFields, recordContactRead } from '../processing-record/contact-processing-record';
import { contactRestricted } from '../data-subject-rights/contact-restriction';
import type { ComplaintDetailsView, GetComplaintQuery } from './get-complaint.query';

/** Officers who read complaints. The reporter follows theirs by tracking number elsewhere, never here. */
export const COMPLAINT_READERS: readonly Role[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR', 'SEKSI_TERKAIT', 'KEPALA_SEKSI_TI', 'TIM_PENANGANAN', 'AUDITOR'];

/**
 * A complaint with its messages, for an officer of its office. The reporter's contact only for a
 * purpose the officer's role may state (libs/sop `mayReadContact`, docs/adr/0029: Admin Tikkim
 * to confirm, inform and deliver; the head of office to break the glass with a reason; an
 * anonymous complaint's to Admin Tikkim alone), and every read goes into the processing record
 * first; so does a refused attempt. Without a purpose the contact is withheld, and the answer
 * says so (`contactRedacted`).
 */
@Injectable()
export class GetComplaintHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(q: GetComplaintQuery): Promise<ComplaintDetailsView> {
    assertReadable(q);
    const manager = this.runtime.dataSource.manager;
    const complaint = await findComplaint(manager, q);
    const messages = await manager.find(ComplaintMessageRecord, { where: { complaintId: complaint.id }, order: { sequence: 'ASC' } });
    const kept = (await manager.query(
      `SELECT m.complaint_message_id AS id, count(*)::int AS n FROM inbound_message m JOIN inbound_media a ON a.inbound_message_id = m.id
        WHERE m.complaint_id = $1 AND a.status = 'STORED' GROUP BY m.complaint_message_id`,
      [complaint.id],
    )) as { id: string; n: number }[];
    const attachments = new Map(kept.map((k) => [k.id, k.n]));
    const [stateRow] = (await manager.query('SELECT state FROM complaint_state WHERE complaint_id = $1', [complaint.id])) as { state: ComplaintState }[];
    const state = stateRow?.state;

    const stored = nonEmpty(await readReporterContact(manager, this.cipher, complaint.reporterRef));
    const restricted = await contactRestricted(manager, complaint.reporterRef);
    const erased = await new PersonalDataKeys(this.cipher).isDestroyed(manager, complaint.reporterRef);
    const purpose = await this.contactPurpose(manager, q, complaint, restricted);
    const contact = purpose ? stored : undefined;
    if (contact && purpose) {
      const reason = purpose === 'BREAK_GLASS' ? q.contactReason?.trim() : undefined;
      await recordContactRead(manager, { ...this.who(q, complaint), purpose, ...(reason ? { reason } : {}), fields: disclosedFields(contact), outcome: 'READ' });
    }
    const redacted = stored !== undefined && contact === undefined;
    const classification = classificationOf(state, complaint);

    return {
      complaintId: complaint.id,
      officeCode: complaint.officeCode,
      trackingNumber: complaint.trackingNumber,
      channel: complaint.channel,
      status: state?.status ?? complaint.status,
      receivedAt: complaint.receivedAt,
      text: messages.map((m) => m.text).join('\n\n'),
      messages: messages.map((m) => ({ messageId: m.id, sequence: m.sequence, channel: m.channel, receivedAt: m.receivedAt, text: m.text, attachmentCount: attachments.get(m.id) ?? 0 })),
      reporterRef: complaint.reporterRef,
      ...(contact ? { contact } : {}),
      contactRedacted: redacted,
      contactRestricted: restricted,
      personalDataErased: erased,
      ...(contact && purpose ? { contactPurpose: purpose } : {}),
      anonymous: complaint.anonymous,
      confidential: complaint.confidential,
      ...(classification ? { classificationCode: classification } : {}),
      ...(complaint.summary ? { summary: complaint.summary } : {}),
    };
  }

  /** The purpose the request states, once the policy allows it; a refusal is recorded, then thrown. */
  private async contactPurpose(manager: EntityManager, q: GetComplaintQuery, complaint: ComplaintRecord, restricted: boolean): Promise<string | undefined> {
    if (q.contactPurpose === undefined || q.contactPurpose === '') return undefined;
    const purpose = q.contactPurpose;
    if (!isContactReadPurpose(purpose)) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the contact purpose is not one the platform knows', {
        fieldViolations: [{ field: 'contactPurpose', description: `one of ${CONTACT_READ_PURPOSES.join(', ')}` }],
      });
    }
    if ((q.contactReason ?? '').length > BREAK_GLASS_REASON_MAX) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the reason is too long', {
        fieldViolations: [{ field: 'contactReason', description: `at most ${BREAK_GLASS_REASON_MAX} characters` }],
      });
    }
    const decision = mayReadContact(q.actor.role, purpose, complaint, q.contactReason);
    if (!decision.ok && decision.code === 'CONTACT.REASON_REQUIRED') {
      // The request is incomplete, not refused: nothing to record.
      throw new ServiceError('invalid', decision.code, decision.message, { fieldViolations: [{ field: 'contactReason', description: decision.message }] });
    }
    if (!decision.ok) {
      const reason = q.contactReason?.trim();
      await recordContactRead(manager, { ...this.who(q, complaint), purpose, ...(reason ? { reason } : {}), fields: [], outcome: 'REFUSED', refusalCode: decision.code });
      throw new ServiceError('forbidden', decision.code, decision.message);
    }
    if (restricted) {
      // UU 27/2022 restriction (docs/adr/0056): withheld from every read, the attempt on record.
      await recordContactRead(manager, { ...this.who(q, complaint), purpose, fields: [], outcome: 'REFUSED', refusalCode: 'CONTACT.RESTRICTED' });
      return undefined;
    }
    return purpose;
  }

  private who(q: GetComplaintQuery, complaint: ComplaintRecord) {
    return { complaintId: complaint.id, officeCode: complaint.officeCode, actor: q.actor, ...(q.actorOffice ? { actorOffice: q.actorOffice } : {}) };
  }
}

function assertReadable(q: GetComplaintQuery): void {
  if (!isUuid(q.complaintId)) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the complaint id is invalid', {
      fieldViolations: [{ field: 'complaintId', description: 'must be a UUID' }],
    });
  }
  if (!COMPLAINT_READERS.includes(q.actor.role)) {
    throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${q.actor.role} may not read complaints`);
  }
}

/** The complaint, if it is of the officer's office; one of another office is as not found. */
async function findComplaint(manager: EntityManager, q: GetComplaintQuery): Promise<ComplaintRecord> {
  const complaint = await manager.findOneBy(ComplaintRecord, { id: q.complaintId });
  if (!complaint || (q.actorOffice && complaint.officeCode !== q.actorOffice)) {
    throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${q.complaintId} not found`);
  }
  return complaint;
}

/** The classification the complaint's state holds once confirmed, else the one the row was written with. */
function classificationOf(state: ComplaintState | undefined, complaint: ComplaintRecord): string | null {
  return state && 'classification' in state && state.classification ? state.classification : complaint.classificationCode;
}

function nonEmpty(contact: ReporterContact): ReporterContact | undefined {
  return Object.values(contact).some((v) => typeof v === 'string' && v !== '') ? contact : undefined;
}
