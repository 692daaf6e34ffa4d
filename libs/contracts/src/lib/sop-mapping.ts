import type { DescEnum, MessageInitShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import * as sop from '@pengaduan/sop';
import type { ComplaintEventType, SopEvent, SopEventOf } from '@pengaduan/sop';
import { Channel, ChannelSchema } from '../gen/pengaduan/common/v1/channel_pb';
import {
  ComplaintOutcome,
  ComplaintOutcomeSchema,
  DeliveryMethod,
  DeliveryMethodSchema,
  DismissalReason,
  DismissalReasonSchema,
  DispositionInstruction,
  DispositionInstructionSchema,
  FollowUpDecision,
  FollowUpDecisionSchema,
  NotificationPurpose,
  NotificationPurposeSchema,
  Severity,
  SeveritySchema,
  Substantiation,
  SubstantiationSchema,
  TeamRole,
  TeamRoleSchema,
} from '../gen/pengaduan/events/v1/complaint_events_pb';
import { formatActor, parseActor, type EventActor } from './actor';
import { ContractViolation } from './contract-violation';
import { createEnvelope, type EventEnvelope, type ParsedEvent } from './envelope';
import type { EventSchema, SupportedEventPayload } from './event-catalogue';

// The one mapping between the complaint stream's payloads (proto) and libs/sop events. Every
// service folds the stream with `toSopEvent` + libs/sop `evolve`, and publishes what libs/sop
// `decide` returns with `sopEventToEnvelope`. Round trip: toSopEvent(parse(sopEventToEnvelope(e))) = e.

// --- enums -------------------------------------------------------------------------------------

/** A two-way mapping between a libs/sop string union and a proto enum. */
export interface EnumMapping<S extends string, P extends number> {
  /**
   * The proto value of a libs/sop value.
   *
   * @throws {@link ContractViolation} for a value libs/sop does not define (bad input at run time)
   */
  toProto(value: S, path?: string): P;
  /**
   * The libs/sop value of a proto value.
   *
   * @throws {@link ContractViolation} for `*_UNSPECIFIED`, an unknown number, or a value libs/sop lacks
   */
  fromProto(value: P, path?: string): S;
}

function enumMapping<S extends string, P extends number>(
  schema: DescEnum,
  table: { readonly [K in S]: P },
  why: Partial<Record<number, string>> = {},
): EnumMapping<S, P> {
  const reverse = new Map<number, S>(Object.entries<P>(table).map(([s, p]) => [p, s as S]));
  return {
    toProto(value, path = 'value') {
      const mapped = Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
      if (mapped === undefined) throw violation(`${path}: ${JSON.stringify(value)} is not a libs/sop value mapped to ${schema.name}`);
      return mapped;
    },
    fromProto(value, path = 'value') {
      const mapped = reverse.get(value);
      if (mapped !== undefined) return mapped;
      const name = schema.values.find((v) => v.number === value)?.name ?? String(value);
      throw violation(`${path}: ${schema.name} ${name} has no libs/sop counterpart${why[value] ? ` (${why[value]})` : ''}`);
    },
  };
}

/** libs/sop `Channel` (how complaints come in) ↔ proto `Channel`; `CHANNEL_EMAIL` is refused: complaints do not come in by e-mail. */
export const channelMapping: EnumMapping<sop.Channel, Channel> = enumMapping(
  ChannelSchema,
  {
    WHATSAPP: Channel.WHATSAPP,
    SMS: Channel.SMS,
    PHONE: Channel.PHONE,
    WEB: Channel.WEB,
    INSTAGRAM: Channel.INSTAGRAM,
    FACEBOOK: Channel.FACEBOOK,
    TELEGRAM: Channel.TELEGRAM,
    WALK_IN: Channel.WALK_IN,
    REGIONAL_OFFICE: Channel.REGIONAL_OFFICE,
  },
  { [Channel.EMAIL]: 'e-mail is outbound only; complaints do not come in by e-mail' },
);

/** libs/sop `OutboundChannel` (messages to the reporter) ↔ proto `Channel`: one to one. */
export const outboundChannelMapping: EnumMapping<sop.OutboundChannel, Channel> = enumMapping(ChannelSchema, {
  WHATSAPP: Channel.WHATSAPP,
  SMS: Channel.SMS,
  PHONE: Channel.PHONE,
  WEB: Channel.WEB,
  INSTAGRAM: Channel.INSTAGRAM,
  FACEBOOK: Channel.FACEBOOK,
  TELEGRAM: Channel.TELEGRAM,
  WALK_IN: Channel.WALK_IN,
  REGIONAL_OFFICE: Channel.REGIONAL_OFFICE,
  EMAIL: Channel.EMAIL,
});

/** libs/sop `DismissalReason` ↔ proto `DismissalReason`. */
export const dismissalReasonMapping: EnumMapping<sop.DismissalReason, DismissalReason> = enumMapping(DismissalReasonSchema, {
  SPAM: DismissalReason.SPAM,
  DUPLICATE: DismissalReason.DUPLICATE,
  NOT_A_COMPLAINT: DismissalReason.NOT_A_COMPLAINT,
  NOT_OUR_AUTHORITY: DismissalReason.NOT_OUR_AUTHORITY,
});

/** libs/sop `DispositionInstruction` ↔ proto `DispositionInstruction`. */
export const dispositionInstructionMapping: EnumMapping<sop.DispositionInstruction, DispositionInstruction> = enumMapping(
  DispositionInstructionSchema,
  {
    TINDAK_LANJUTI: DispositionInstruction.TINDAK_LANJUTI,
    PELAJARI_DAN_LAPORKAN: DispositionInstruction.PELAJARI_DAN_LAPORKAN,
    KOORDINASIKAN: DispositionInstruction.KOORDINASIKAN,
    UNTUK_DIKETAHUI: DispositionInstruction.UNTUK_DIKETAHUI,
  },
);

/** libs/sop `Substantiation` ↔ proto `Substantiation`. */
export const substantiationMapping: EnumMapping<sop.Substantiation, Substantiation> = enumMapping(SubstantiationSchema, {
  YES: Substantiation.YES,
  PARTLY: Substantiation.PARTLY,
  NO: Substantiation.NO,
});

/** libs/sop `Severity` ↔ proto `Severity`. */
export const severityMapping: EnumMapping<sop.Severity, Severity> = enumMapping(SeveritySchema, {
  LOW: Severity.LOW,
  MEDIUM: Severity.MEDIUM,
  HIGH: Severity.HIGH,
});

/** libs/sop `FollowUpDecision` ↔ proto `FollowUpDecision`. */
export const followUpDecisionMapping: EnumMapping<sop.FollowUpDecision, FollowUpDecision> = enumMapping(FollowUpDecisionSchema, {
  FOLLOW_UP: FollowUpDecision.FOLLOW_UP,
  NO_FOLLOW_UP: FollowUpDecision.NO_FOLLOW_UP,
});

/** libs/sop `TeamMemberRole` ↔ proto `TeamRole`. */
export const teamMemberRoleMapping: EnumMapping<sop.TeamMemberRole, TeamRole> = enumMapping(TeamRoleSchema, {
  KETUA: TeamRole.KETUA,
  SEKRETARIS: TeamRole.SEKRETARIS,
  ANGGOTA: TeamRole.ANGGOTA,
});

/** libs/sop `ComplaintOutcome` ↔ proto `ComplaintOutcome`. */
export const complaintOutcomeMapping: EnumMapping<sop.ComplaintOutcome, ComplaintOutcome> = enumMapping(ComplaintOutcomeSchema, {
  DISMISSED: ComplaintOutcome.DISMISSED,
  NO_FOLLOW_UP: ComplaintOutcome.NO_FOLLOW_UP,
  FOLLOWED_UP: ComplaintOutcome.FOLLOWED_UP,
});

/** libs/sop `DeliveryMethod` (how a delivery is known) ↔ proto `DeliveryMethod`. */
export const deliveryMethodMapping: EnumMapping<sop.DeliveryMethod, DeliveryMethod> = enumMapping(DeliveryMethodSchema, {
  PROVIDER_RECEIPT: DeliveryMethod.PROVIDER_RECEIPT,
  PHONE_CALL: DeliveryMethod.PHONE_CALL,
  IN_PERSON: DeliveryMethod.IN_PERSON,
  REPORTER_REPLY: DeliveryMethod.REPORTER_REPLY,
  LETTER: DeliveryMethod.LETTER,
});

/** libs/sop `NotificationPurpose` ↔ proto `NotificationPurpose`. */
export const notificationPurposeMapping: EnumMapping<sop.NotificationPurpose, NotificationPurpose> = enumMapping(
  NotificationPurposeSchema,
  {
    ACKNOWLEDGEMENT: NotificationPurpose.ACKNOWLEDGEMENT,
    FOLLOW_UP_INFORMATION: NotificationPurpose.FOLLOW_UP_INFORMATION,
    DISMISSAL_NOTICE: NotificationPurpose.DISMISSAL_NOTICE,
  },
);

// --- actors ------------------------------------------------------------------------------------

/** The envelope actor of a libs/sop actor (its `sectionCode` travels in `actorsection`). */
export function toEventActor(actor: sop.Actor): EventActor {
  return actor.kind === 'system'
    ? { kind: 'system', service: actor.service }
    : { kind: 'user', userId: actor.userId, role: actor.role };
}

/**
 * The libs/sop actor of an envelope: its `actor` (see {@link parseActor}) and `actorsection`.
 *
 * @throws {@link ContractViolation} when `actor` is malformed, names a role libs/sop does not
 *   define, or a system actor comes with an `actorsection`
 */
export function toSopActor(envelope: Pick<EventEnvelope, 'actor' | 'actorsection'>): sop.Actor {
  const parsed = parseActor(envelope.actor);
  if (parsed === undefined) throw violation(`actor: ${JSON.stringify(envelope.actor)} is not "<ROLE>:<userId>" or "system:<service>"`);
  const section = envelope.actorsection;
  if (parsed.kind === 'system') {
    if (section !== undefined) throw violation(`actorsection: a system actor (${envelope.actor}) acts for no section`);
    return { kind: 'system', service: parsed.service };
  }
  if (!sop.isRole(parsed.role)) throw violation(`actor: ${parsed.role} is not a libs/sop role (${sop.ROLES.join(', ')})`);
  return { kind: 'user', userId: parsed.userId, role: parsed.role, ...(section === undefined ? {} : { sectionCode: section }) };
}

// --- wire → libs/sop ---------------------------------------------------------------------------

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
  'complaint.closed': (p) => ({ outcome: complaintOutcomeMapping.fromProto(p.outcome, 'data.outcome') }),
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

// --- libs/sop → wire ---------------------------------------------------------------------------

/**
 * Per event type, the payload fields the wire has and the libs/sop event lacks: what a
 * producer adds from its own records. Optional where the proto field is `optional`.
 */
export interface SopEventExtras {
  /** Intake's own facts of the report. */
  'complaint.received': {
    /** When the first message reached the channel (the provider's time where there is one). */
    readonly receivedAt: Date;
    /** Opaque reference to the reporter's contact kept by intake. */
    readonly reporterRef: string;
    /** Messages the complaint holds so far (at least 1). */
    readonly messageCount: number;
    readonly firstMessageId?: string;
    /** For channel `REGIONAL_OFFICE`: the forwarding office. */
    readonly forwardedByOfficeCode?: string;
    /** For a transferred complaint: the original complaint in the forwarding office. */
    readonly transferredFromComplaintId?: string;
    /** SHA-256 of the Laporan Aduan document. */
    readonly documentSha256?: string;
  };
  'complaint.message-appended': {
    readonly channel: sop.Channel;
    readonly receivedAt: Date;
    /** Position in the complaint, from 1. */
    readonly sequence: number;
    readonly attachmentCount: number;
  };
  'complaint.acknowledged': { readonly channel: sop.OutboundChannel; readonly providerMessageId?: string };
  'complaint.confirmed': { readonly documentSha256?: string };
  'complaint.dismissed': NoExtras;
  'complaint.disposed': {
    /** Number of the disposition sheet, unique per office per year. */
    readonly dispositionSheetNumber: string;
    /** The head of office's general note on the sheet. */
    readonly note?: string;
    readonly documentSha256?: string;
  };
  'complaint.section-responded': NoExtras;
  'complaint.disposition-completed': NoExtras;
  'complaint.analyzed': { readonly documentSha256?: string };
  'complaint.follow-up-decided': { readonly documentSha256?: string };
  'complaint.team-formed': {
    /** `YYYY-MM-DD` (WIB). */
    readonly decreeDate: string;
    /** What the team is to do, as written in the decree. */
    readonly mandate: string;
    /** `YYYY-MM-DD`. */
    readonly periodStartDate: string;
    /** `YYYY-MM-DD`. */
    readonly periodEndDate: string;
    readonly documentSha256?: string;
  };
  'complaint.reporter-informed': {
    /** The channel the information went out over. */
    readonly channel: sop.OutboundChannel;
    readonly templateId?: string;
    readonly providerMessageId?: string;
    readonly documentSha256?: string;
  };
  'complaint.information-delivered': { readonly providerMessageId?: string };
  'complaint.notification-failed': {
    /** The attempt that failed, from 1. */
    readonly attempt: number;
    readonly willRetry: boolean;
    readonly nextAttemptAt?: Date;
    /** The channel tried next instead, if any. */
    readonly fallbackChannel?: sop.OutboundChannel;
  };
  /** `closedAt` is the event's `at`. */
  'complaint.closed': NoExtras;
}

/** No wire-only fields. */
type NoExtras = Readonly<Record<string, never>>;

/** The extras argument for event type `T`: required when `T` has a required wire-only field, else optional. */
export type SopEventExtrasArgs<T extends ComplaintEventType> = T extends ComplaintEventType
  ? NoExtras extends SopEventExtras[T]
    ? [extras?: SopEventExtras[T]]
    : [extras: SopEventExtras[T]]
  : never;

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
  'complaint.closed': (e) => ({
    closedAt: timestamp(new Date(e.at), 'at'),
    outcome: complaintOutcomeMapping.toProto(e.data.outcome, 'data.outcome'),
  }),
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

/** Where a libs/sop event is published: the envelope attributes it does not carry itself. */
export interface SopEnvelopeContext {
  /** The producing service, e.g. `pengaduan/intake`. */
  readonly source: string;
  /** The complaint id (the Kafka key). */
  readonly subject: string;
  /** Code of the office the complaint belongs to. */
  readonly office: string;
  /** Id of the business flow (usually the request's). */
  readonly correlationId: string;
  /** Id of the event or request that caused this one. */
  readonly causationId?: string;
  /** Event id; pass one (e.g. derived from the command's request id) to make re-creating it idempotent. */
  readonly id?: string;
}

/**
 * The envelope of a libs/sop event (as `decide` returns it): `time` = `at`, `actor` formatted
 * with {@link formatActor} (a section officer's section in `actorsection`), the payload from
 * {@link sopEventPayload}.
 *
 * @throws {@link ContractViolation} when the envelope would be invalid (see {@link createEnvelope}),
 *   or a `complaint.received` names another complaint than `ctx.subject`
 */
export function sopEventToEnvelope<E extends SopEvent>(
  event: E,
  ctx: SopEnvelopeContext,
  ...extras: SopEventExtrasArgs<E['type']>
): EventEnvelope & { type: E['type'] } {
  if (event.type === 'complaint.received' && event.data.complaintId !== ctx.subject) {
    throw new ContractViolation(`invalid ${event.type} event`, [
      `subject: ${JSON.stringify(ctx.subject)} is not the received complaint's id ${JSON.stringify(event.data.complaintId)}`,
    ]);
  }
  const actor = event.actor;
  return createEnvelope<E['type']>({
    type: event.type,
    source: ctx.source,
    subject: ctx.subject,
    office: ctx.office,
    actor: formatActor(toEventActor(actor)),
    actorSection: actor.kind === 'user' ? actor.sectionCode : undefined,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    id: ctx.id,
    time: new Date(event.at),
    data: sopEventPayload(event, ...extras),
  });
}

function timestamp(date: Date, path: string): Timestamp {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw violation(`${path}: not a valid time`);
  return timestampFromDate(date);
}

function violation(problem: string): ContractViolation {
  return new ContractViolation('cannot map between libs/sop and the wire', [problem]);
}
