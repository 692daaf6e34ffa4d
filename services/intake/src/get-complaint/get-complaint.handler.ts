import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { ComplaintState, Role } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { ContactCipher, type ReporterContact } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import type { ComplaintDetailsView, GetComplaintQuery } from './get-complaint.query';

/** Officers who read complaints. The reporter follows theirs by tracking number elsewhere, never here. */
const READERS: readonly Role[] = ['ADMIN_TIKKIM', 'KEPALA_KANTOR', 'SEKSI_TERKAIT', 'KEPALA_SEKSI_TI', 'TIM_PENANGANAN', 'AUDITOR'];

/**
 * Who sees the reporter's contact of an anonymous complaint: the intake admin only
 * (SP4N-LAPOR! "Anonim": the report may be seen, the identity is hidden; DESIGN.md).
 */
const SEES_ANONYMOUS_CONTACT: readonly Role[] = ['ADMIN_TIKKIM'];

/**
 * A complaint with its messages, for an officer of its office. The contact of an anonymous
 * complaint is withheld from everyone but Admin Tikkim, and says so (`contactRedacted`).
 */
@Injectable()
export class GetComplaintHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(q: GetComplaintQuery): Promise<ComplaintDetailsView> {
    if (!isUuid(q.complaintId)) {
      throw new ServiceError('invalid', 'COMPLAINT.INVALID_REQUEST', 'the complaint id is invalid', {
        fieldViolations: [{ field: 'complaintId', description: 'must be a UUID' }],
      });
    }
    if (!READERS.includes(q.actor.role)) {
      throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${q.actor.role} may not read complaints`);
    }
    const manager = this.runtime.dataSource.manager;
    const complaint = await manager.findOneBy(ComplaintRecord, { id: q.complaintId });
    if (!complaint || (q.actorOffice && complaint.officeCode !== q.actorOffice)) {
      throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${q.complaintId} not found`);
    }
    const messages = await manager.find(ComplaintMessageRecord, { where: { complaintId: complaint.id }, order: { sequence: 'ASC' } });
    const kept = (await manager.query(
      `SELECT m.complaint_message_id AS id, count(*)::int AS n FROM inbound_message m JOIN inbound_media a ON a.inbound_message_id = m.id
        WHERE m.complaint_id = $1 AND a.status = 'STORED' GROUP BY m.complaint_message_id`,
      [complaint.id],
    )) as { id: string; n: number }[];
    const attachments = new Map(kept.map((k) => [k.id, k.n]));
    const [stateRow] = (await manager.query('SELECT state FROM complaint_state WHERE complaint_id = $1', [complaint.id])) as { state: ComplaintState }[];
    const state = stateRow?.state;

    const redacted = complaint.anonymous && !SEES_ANONYMOUS_CONTACT.includes(q.actor.role);
    const contact = redacted ? undefined : nonEmpty(await readReporterContact(manager, this.cipher, complaint.reporterRef));
    const classification = state && 'classification' in state && state.classification ? state.classification : complaint.classificationCode;

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
      anonymous: complaint.anonymous,
      confidential: complaint.confidential,
      ...(classification ? { classificationCode: classification } : {}),
      ...(complaint.summary ? { summary: complaint.summary } : {}),
    };
  }
}

function nonEmpty(contact: ReporterContact): ReporterContact | undefined {
  return Object.values(contact).some((v) => typeof v === 'string' && v !== '') ? contact : undefined;
}
