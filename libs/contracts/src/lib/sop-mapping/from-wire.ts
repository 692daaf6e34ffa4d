import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import * as sop from '@pengaduan/sop';
import type { ComplaintEventType, SopEvent, SopEventOf } from '@pengaduan/sop';
import { ContractViolation } from '../contract-violation';
import type { ParsedEvent } from '../envelope';
import type { SupportedEventPayload } from '../event-catalogue';
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
import { violation } from './mapping-violation';
import { toSopActor } from './sop-actors';

// wire → libs/sop

type FromWire = { readonly [T in ComplaintEventType]: (payload: SupportedEventPayload<T>) => SopEventOf<T>['data'] };

const FROM_WIRE: FromWire = {
  'complaint.received': (p) => ({
    complaintId: p.complaintId,
    officeCode: p.officeCode,
    trackingNumber: p.trackingNumber,
    channel: channelMapping.fromProto(p.channel, 'data.channel'),
    anonymous: p.anonymous,
    confidential: p.confidential,
  }),
  'complaint.message-appended': (p) => ({ messageId: p.messageId }),
  'complaint.acknowledged': (p) => ({ trackingNumber: p.trackingNumber }),
  'complaint.confirmed': (p) => ({
    classification: classification(p.classificationCode),
    summary: p.summary,
    anonymous: p.anonymous,
    confidential: p.confidential,
  }),
  'complaint.dismissed': (p) => ({ dismissal: dismissalFromWire(p), ...(p.note === undefined ? {} : { note: p.note }) }),
  'complaint.disposed': (p) => ({
    sheet: {
      entries: p.sections.map((s, i) => ({
        sectionCode: s.sectionCode,
        instructions: s.instructions.map((x, j) => dispositionInstructionMapping.fromProto(x, `data.sections[${i}].instructions[${j}]`)),
        ...(s.note === undefined ? {} : { note: s.note }),
      })),
    },
  }),
  'complaint.section-responded': (p) => ({ sectionCode: p.sectionCode, response: p.response }),
  'complaint.disposition-completed': (p) => ({ sectionCodes: [...p.sectionCodes] }),
  'complaint.analyzed': (p) => ({
    findings: p.findings,
    substantiated: substantiationMapping.fromProto(p.substantiated, 'data.substantiated'),
    classification: classification(p.classificationCode),
    severity: severityMapping.fromProto(p.severity, 'data.severity'),
    recommendation: p.recommendation,
  }),
  'complaint.follow-up-decided': (p) => ({
    decision: followUpDecisionMapping.fromProto(p.decision, 'data.decision'),
    reason: p.reason,
  }),
  'complaint.team-formed': (p) => ({
    decreeNumber: p.decreeNumber,
    members: p.members.map((m, i) => ({
      nip: m.nip,
      name: m.name,
      position: m.position,
      role: teamMemberRoleMapping.fromProto(m.teamRole, `data.members[${i}].teamRole`),
      ...(m.userId === undefined ? {} : { userId: m.userId }),
    })),
  }),
  'complaint.reporter-informed': (p) => ({
    outcome: complaintOutcomeMapping.fromProto(p.outcome, 'data.outcome'),
    informationRef: p.informationRef,
  }),
  'complaint.information-delivered': (p) => ({
    channel: outboundChannelMapping.fromProto(p.channel, 'data.channel'),
    method: deliveryMethodMapping.fromProto(p.method, 'data.method'),
    deliveredAt: isoTime(p.deliveredAt, 'data.deliveredAt'),
    ...(p.note === undefined ? {} : { note: p.note }),
  }),
  'complaint.notification-failed': (p) => ({
    purpose: notificationPurposeMapping.fromProto(p.purpose, 'data.purpose'),
    channel: outboundChannelMapping.fromProto(p.channel, 'data.channel'),
    errorCode: p.errorCode,
  }),
  // `purpose` unset: recorded before docs/adr/0051, about step 8's information.
  'complaint.call-attempted': (p) => ({
    retryAt: isoTime(p.retryAt, 'data.retryAt'),
    ...(p.purpose === undefined ? {} : { purpose: notificationPurposeMapping.fromProto(p.purpose, 'data.purpose') }),
  }),
  'complaint.delivery-abandoned': (p) => ({
    reason: p.reason,
    ...(p.purpose === undefined ? {} : { purpose: notificationPurposeMapping.fromProto(p.purpose, 'data.purpose') }),
  }),
  'complaint.closed': (p) => ({ outcome: complaintOutcomeMapping.fromProto(p.outcome, 'data.outcome') }),
  'complaint.rated': (p) => ({ rating: p.rating, hasComment: p.hasComment, withinAppealWindow: p.withinAppealWindow }),
  'complaint.appealed': (p) => ({ trigger: appealTriggerMapping.fromProto(p.trigger, 'data.trigger'), hasReason: p.hasReason }),
  'complaint.appeal-reviewed': (p) => ({
    decision: appealDecisionMapping.fromProto(p.decision, 'data.decision'),
    ...(p.reason === undefined ? {} : { reason: p.reason }),
  }),
  'complaint.personal-data-erased': (p) => ({ reason: erasureReasonMapping.fromProto(p.reason, 'data.reason') }),
  'complaint.data-access-requested': (p) => ({
    requestId: p.requestId,
    verifiedBy: dataAccessVerificationMapping.fromProto(p.verifiedBy, 'data.verifiedBy'),
    dueAt: isoTime(p.dueAt, 'data.dueAt'),
  }),
  'complaint.data-access-answered': (p) => ({ requestId: p.requestId, answeredAt: isoTime(p.answeredAt, 'data.answeredAt'), late: p.late }),
  'complaint.contact-corrected': (p) => ({ fields: p.fields.map((f, i) => contactFieldMapping.fromProto(f, `data.fields[${i}]`)) }),
  'complaint.contact-restricted': () => ({}),
  'complaint.contact-restriction-lifted': () => ({}),
};

/**
 * The libs/sop event of a parsed `complaint.*` event, for folding the stream with `evolve`:
 * `type`, `at` = the envelope's `time` (ISO-8601 UTC), `actor` from `actor`/`actorsection`, and
 * `data` from the payload (its wire-only fields left out).
 *
 * @returns `undefined` for `sla.*` events, which are not state-machine events
 * @throws {@link ContractViolation} naming the problem when the event cannot be mapped (an actor
 *   whose role libs/sop does not define, `CHANNEL_EMAIL` as a complaint's inbound channel, a
 *   duplicate dismissal without `duplicateOf` …)
 */
export function toSopEvent(event: ParsedEvent): SopEvent | undefined {
  if (!sop.isComplaintEventType(event.type)) return undefined;
  try {
    const data = (FROM_WIRE[event.type] as (payload: unknown) => SopEvent['data'])(event.payload);
    return { type: event.type, at: isoTime(event.envelope.time, 'time'), actor: toSopActor(event.envelope), data } as SopEvent;
  } catch (e) {
    if (e instanceof ContractViolation) {
      throw new ContractViolation(`cannot map ${event.type} event ${event.envelope.id} to libs/sop`, e.problems);
    }
    throw e;
  }
}

function classification(code: string): sop.ClassificationCode {
  if (!sop.isClassificationCode(code)) throw violation(`data.classificationCode: ${JSON.stringify(code)} is not a Permen PAN 5/2009 code`);
  return code;
}

function dismissalFromWire(p: SupportedEventPayload<'complaint.dismissed'>): sop.Dismissal {
  const reason = dismissalReasonMapping.fromProto(p.reason, 'data.reason');
  if (reason !== 'DUPLICATE' && p.duplicateOf !== undefined) throw violation(`data.duplicateOf: only for DISMISSAL_REASON_DUPLICATE, not ${reason}`);
  if (reason !== 'NOT_OUR_AUTHORITY' && p.belongsTo !== undefined) {
    throw violation(`data.belongsTo: only for DISMISSAL_REASON_NOT_OUR_AUTHORITY, not ${reason}`);
  }
  switch (reason) {
    case 'DUPLICATE':
      if (!p.duplicateOf) throw violation('data.duplicateOf: required for DISMISSAL_REASON_DUPLICATE');
      return { reason, originalComplaintId: p.duplicateOf };
    case 'NOT_OUR_AUTHORITY':
      if (!p.belongsTo) throw violation('data.belongsTo: required for DISMISSAL_REASON_NOT_OUR_AUTHORITY');
      return { reason, belongsTo: p.belongsTo };
    default:
      return { reason };
  }
}

function isoTime(value: Timestamp | string | undefined, path: string): string {
  const date = typeof value === 'string' ? new Date(value) : value === undefined ? undefined : timestampDate(value);
  if (date === undefined || Number.isNaN(date.getTime())) throw violation(`${path}: required timestamp`);
  return date.toISOString();
}
