import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { ComplaintEventType, SopEvent, SopEventOf } from '@pengaduan/sop';
import type { EventSchema } from '../event-catalogue';
import {
  appealDecisionMapping,
  appealTriggerMapping,
  channelMapping,
  complaintOutcomeMapping,
  contactFieldMapping,
  dataAccessVerificationMapping,
  deliveryMethodMapping,
  dismissalReasonMapping,
  dispositionInstructionMapping,
  erasureReasonMapping,
  followUpDecisionMapping,
  notificationPurposeMapping,
  outboundChannelMapping,
  severityMapping,
  substantiationMapping,
  teamMemberRoleMapping,
} from './enum-mappings';
import type { SopEventExtras, SopEventExtrasArgs } from './event-extras';
import { violation } from './mapping-violation';

// libs/sop → wire

type ToWire = {
  readonly [T in ComplaintEventType]: (event: SopEventOf<T>, extras: SopEventExtras[T]) => MessageInitShape<EventSchema<T>>;
};

const TO_WIRE: ToWire = {
  'complaint.received': ({ data: d }, x) => ({
    complaintId: d.complaintId,
    officeCode: d.officeCode,
    trackingNumber: d.trackingNumber,
    channel: channelMapping.toProto(d.channel, 'data.channel'),
    receivedAt: timestamp(x.receivedAt, 'receivedAt'),
    reporterRef: x.reporterRef,
    anonymous: d.anonymous,
    confidential: d.confidential,
    messageCount: x.messageCount,
    firstMessageId: x.firstMessageId,
    forwardedByOfficeCode: x.forwardedByOfficeCode,
    transferredFromComplaintId: x.transferredFromComplaintId,
    documentSha256: x.documentSha256,
    laporReportNumber: x.laporReportNumber,
  }),
  'complaint.message-appended': ({ data: d }, x) => ({
    messageId: d.messageId,
    channel: channelMapping.toProto(x.channel, 'channel'),
    receivedAt: timestamp(x.receivedAt, 'receivedAt'),
    sequence: x.sequence,
    attachmentCount: x.attachmentCount,
  }),
  'complaint.acknowledged': ({ data: d }, x) => ({
    channel: outboundChannelMapping.toProto(x.channel, 'channel'),
    trackingNumber: d.trackingNumber,
    providerMessageId: x.providerMessageId,
  }),
  'complaint.confirmed': ({ data: d }, x) => ({
    classificationCode: d.classification,
    summary: d.summary,
    anonymous: d.anonymous,
    confidential: d.confidential,
    documentSha256: x.documentSha256,
  }),
  'complaint.dismissed': ({ data: d }) => ({
    reason: dismissalReasonMapping.toProto(d.dismissal.reason, 'data.dismissal.reason'),
    duplicateOf: d.dismissal.reason === 'DUPLICATE' ? d.dismissal.originalComplaintId : undefined,
    belongsTo: d.dismissal.reason === 'NOT_OUR_AUTHORITY' ? d.dismissal.belongsTo : undefined,
    note: d.note,
  }),
  'complaint.disposed': ({ data: d }, x) => ({
    dispositionSheetNumber: x.dispositionSheetNumber,
    sections: d.sheet.entries.map((e, i) => ({
      sectionCode: e.sectionCode,
      instructions: e.instructions.map((s, j) =>
        dispositionInstructionMapping.toProto(s, `data.sheet.entries[${i}].instructions[${j}]`),
      ),
      note: e.note,
    })),
    note: x.note,
    documentSha256: x.documentSha256,
  }),
  'complaint.section-responded': ({ data: d }) => ({ sectionCode: d.sectionCode, response: d.response }),
  'complaint.disposition-completed': ({ data: d }) => ({ sectionCodes: [...d.sectionCodes] }),
  'complaint.analyzed': ({ data: d }, x) => ({
    findings: d.findings,
    substantiated: substantiationMapping.toProto(d.substantiated, 'data.substantiated'),
    classificationCode: d.classification,
    severity: severityMapping.toProto(d.severity, 'data.severity'),
    recommendation: d.recommendation,
    documentSha256: x.documentSha256,
  }),
  'complaint.follow-up-decided': ({ data: d }, x) => ({
    decision: followUpDecisionMapping.toProto(d.decision, 'data.decision'),
    reason: d.reason,
    documentSha256: x.documentSha256,
  }),
  'complaint.team-formed': ({ data: d }, x) => ({
    decreeNumber: d.decreeNumber,
    decreeDate: x.decreeDate,
    members: d.members.map((m, i) => ({
      name: m.name,
      nip: m.nip,
      position: m.position,
      teamRole: teamMemberRoleMapping.toProto(m.role, `data.members[${i}].role`),
      userId: m.userId,
    })),
    mandate: x.mandate,
    periodStartDate: x.periodStartDate,
    periodEndDate: x.periodEndDate,
    documentSha256: x.documentSha256,
  }),
  'complaint.reporter-informed': ({ data: d }, x) => ({
    informationRef: d.informationRef,
    channel: outboundChannelMapping.toProto(x.channel, 'channel'),
    templateId: x.templateId,
    providerMessageId: x.providerMessageId,
    documentSha256: x.documentSha256,
    outcome: complaintOutcomeMapping.toProto(d.outcome, 'data.outcome'),
  }),
  'complaint.information-delivered': ({ data: d }, x) => ({
    channel: outboundChannelMapping.toProto(d.channel, 'data.channel'),
    method: deliveryMethodMapping.toProto(d.method, 'data.method'),
    deliveredAt: timestamp(new Date(d.deliveredAt), 'data.deliveredAt'),
    note: d.note,
    providerMessageId: x.providerMessageId,
  }),
  'complaint.notification-failed': ({ data: d }, x) => ({
    purpose: notificationPurposeMapping.toProto(d.purpose, 'data.purpose'),
    channel: outboundChannelMapping.toProto(d.channel, 'data.channel'),
    errorCode: d.errorCode,
    attempt: x.attempt,
    willRetry: x.willRetry,
    nextAttemptAt: x.nextAttemptAt === undefined ? undefined : timestamp(x.nextAttemptAt, 'nextAttemptAt'),
    fallbackChannel: x.fallbackChannel === undefined ? undefined : outboundChannelMapping.toProto(x.fallbackChannel, 'fallbackChannel'),
  }),
  'complaint.call-attempted': ({ data: d }) => ({
    retryAt: timestamp(new Date(d.retryAt), 'data.retryAt'),
    purpose: d.purpose === undefined ? undefined : notificationPurposeMapping.toProto(d.purpose, 'data.purpose'),
  }),
  'complaint.delivery-abandoned': ({ data: d }) => ({
    reason: d.reason,
    purpose: d.purpose === undefined ? undefined : notificationPurposeMapping.toProto(d.purpose, 'data.purpose'),
  }),
  'complaint.closed': (e) => ({
    closedAt: timestamp(new Date(e.at), 'at'),
    outcome: complaintOutcomeMapping.toProto(e.data.outcome, 'data.outcome'),
  }),
  'complaint.rated': ({ data: d }) => ({ rating: d.rating, hasComment: d.hasComment, withinAppealWindow: d.withinAppealWindow }),
  'complaint.appealed': ({ data: d }) => ({ trigger: appealTriggerMapping.toProto(d.trigger, 'data.trigger'), hasReason: d.hasReason }),
  'complaint.appeal-reviewed': ({ data: d }) => ({ decision: appealDecisionMapping.toProto(d.decision, 'data.decision'), reason: d.reason }),
  'complaint.personal-data-erased': ({ data: d }) => ({ reason: erasureReasonMapping.toProto(d.reason, 'data.reason') }),
  'complaint.data-access-requested': ({ data: d }) => ({
    requestId: d.requestId,
    verifiedBy: dataAccessVerificationMapping.toProto(d.verifiedBy, 'data.verifiedBy'),
    dueAt: timestamp(new Date(d.dueAt), 'data.dueAt'),
  }),
  'complaint.data-access-answered': ({ data: d }) => ({ requestId: d.requestId, answeredAt: timestamp(new Date(d.answeredAt), 'data.answeredAt'), late: d.late }),
  'complaint.contact-corrected': ({ data: d }) => ({ fields: d.fields.map((f, i) => contactFieldMapping.toProto(f, `data.fields[${i}]`)) }),
  'complaint.contact-restricted': () => ({}),
  'complaint.contact-restriction-lifted': () => ({}),
};

/**
 * The payload (init shape for {@link createEnvelope}) of a libs/sop event, completed with the
 * wire-only fields of its type.
 *
 * @throws {@link ContractViolation} when a value has no proto counterpart (bad input at run time)
 */
export function sopEventPayload<E extends SopEvent>(
  event: E,
  ...[extras]: SopEventExtrasArgs<E['type']>
): MessageInitShape<EventSchema<E['type']>> {
  const toWire = TO_WIRE[event.type] as (event: SopEvent, extras: object) => MessageInitShape<EventSchema<E['type']>>;
  return toWire(event, extras ?? {});
}

function timestamp(date: Date, path: string): Timestamp {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw violation(`${path}: not a valid time`);
  return timestampFromDate(date);
}
