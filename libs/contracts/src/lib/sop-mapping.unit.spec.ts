import type { DescEnum } from '@bufbuild/protobuf';
import { COMPLAINT_EVENT_TYPES, decide, evolve, initialState, replay, verifyHistory } from '@pengaduan/sop';
import type { Actor, ComplaintEventType, ComplaintState, SopCommand, SopEvent } from '@pengaduan/sop';
import {
  ChannelSchema,
  ComplaintOutcomeSchema,
  ContractViolation,
  createEnvelope,
  DeliveryMethodSchema,
  DismissalReason,
  DismissalReasonSchema,
  DispositionInstructionSchema,
  EVENT_TYPES,
  FollowUpDecisionSchema,
  NotificationPurposeSchema,
  parseEnvelope,
  serializeEnvelope,
  SeveritySchema,
  SubstantiationSchema,
  TeamRoleSchema,
  type EventEnvelope,
  type ParsedEvent,
} from '../index';
import {
  channelMapping,
  complaintOutcomeMapping,
  deliveryMethodMapping,
  dismissalReasonMapping,
  dispositionInstructionMapping,
  followUpDecisionMapping,
  notificationPurposeMapping,
  outboundChannelMapping,
  severityMapping,
  sopEventPayload,
  sopEventToEnvelope,
  substantiationMapping,
  teamMemberRoleMapping,
  toSopEvent,
  type EnumMapping,
  type SopEventExtras,
} from './sop-mapping';
import { VALID_PAYLOADS } from './__fixtures__/valid-payloads';

const COMPLAINT_ID = '0195f0a2-7c1e-7000-8000-000000000001';
const T0 = Date.UTC(2026, 2, 16, 1, 0, 0); // Monday 16 March 2026, 08:00 WIB
const hour = (h: number) => new Date(T0 + h * 3_600_000);

const actors = {
  admin: { kind: 'user', userId: 'u-admin', role: 'ADMIN_TIKKIM' },
  kepalaKantor: { kind: 'user', userId: 'u-kakan', role: 'KEPALA_KANTOR' },
  lantaskim: { kind: 'user', userId: 'u-lantaskim', role: 'SEKSI_TERKAIT', sectionCode: 'LANTASKIM' },
  inteldakim: { kind: 'user', userId: 'u-inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' },
  kepalaSeksiTi: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' },
  intake: { kind: 'system', service: 'intake' },
  notification: { kind: 'system', service: 'notification' },
} as const satisfies Record<string, Actor>;

/** The wire-only fields a producer adds, one set per type. */
const EXTRAS: { readonly [T in ComplaintEventType]: SopEventExtras[T] } = {
  'complaint.received': { receivedAt: hour(-1), reporterRef: 'rep_01HZX', messageCount: 1, firstMessageId: 'msg-1' },
  'complaint.message-appended': { channel: 'WHATSAPP', receivedAt: hour(0.5), sequence: 2, attachmentCount: 1 },
  'complaint.acknowledged': { channel: 'WHATSAPP', providerMessageId: 'wamid.A' },
  'complaint.confirmed': { documentSha256: 'c'.repeat(64) },
  'complaint.dismissed': {},
  'complaint.disposed': { dispositionSheetNumber: 'LD/BLP/2026/0007', note: 'Segera.' },
  'complaint.section-responded': {},
  'complaint.disposition-completed': {},
  'complaint.analyzed': {},
  'complaint.follow-up-decided': { documentSha256: 'd'.repeat(64) },
  'complaint.team-formed': {
    decreeDate: '2026-03-16',
    mandate: 'Menata ulang jadwal loket paspor.',
    periodStartDate: '2026-03-16',
    periodEndDate: '2026-04-15',
  },
  'complaint.reporter-informed': { channel: 'WHATSAPP', templateId: 'follow_up_v1' },
  'complaint.information-delivered': { providerMessageId: 'wamid.B' },
  'complaint.notification-failed': { attempt: 1, willRetry: false, fallbackChannel: 'EMAIL' },
  'complaint.call-attempted': {},
  'complaint.delivery-abandoned': {},
  'complaint.closed': {},
  'complaint.rated': {},
  'complaint.appealed': {},
  'complaint.appeal-reviewed': {},
  'complaint.personal-data-erased': {},
  'complaint.data-access-requested': {},
  'complaint.data-access-answered': {},
  'complaint.contact-corrected': {},
  'complaint.contact-restricted': {},
  'complaint.contact-restriction-lifted': {},
};

/** Publishes a libs/sop event and consumes it again: envelope → bytes → parseEnvelope → toSopEvent. */
function throughTheWire(event: SopEvent): SopEvent | undefined {
  const envelope = sopEventToEnvelope(
    event,
    { source: 'pengaduan/test', subject: COMPLAINT_ID, office: 'BLP', correlationId: 'corr-1' },
    EXTRAS[event.type] as never,
  );
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(parsed.reason);
  return toSopEvent(parsed);
}

/** Runs commands through libs/sop `decide` as a service would, each an hour after the last. */
function decideAll(commands: readonly SopCommand[], start = 0): SopEvent[] {
  let state: ComplaintState = initialState();
  const events: SopEvent[] = [];
  commands.forEach((command, i) => {
    const decision = decide(command, state, hour(start + i));
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.message}`);
    for (const event of decision.events) state = evolve(state, event);
    events.push(...decision.events);
  });
  return events;
}

const receive: SopCommand = {
  type: 'receive',
  actor: actors.intake,
  complaintId: COMPLAINT_ID,
  officeCode: 'BLP',
  trackingNumber: 'BLP-2026-000123',
  channel: 'WHATSAPP',
  anonymous: true,
  confidential: false,
};
const toSectionProcessed: SopCommand[] = [
  receive,
  { type: 'appendMessage', actor: actors.intake, messageId: 'msg-2' },
  // A retryable failure first, then the acknowledgement on the next try (nothing of it after it was given).
  {
    type: 'recordNotificationFailure',
    actor: actors.notification,
    purpose: 'ACKNOWLEDGEMENT',
    channel: 'WHATSAPP',
    errorCode: 'WHATSAPP.131026',
  },
  { type: 'acknowledge', actor: actors.notification },
  { type: 'confirm', actor: actors.admin, classification: '02', summary: 'Antrean paspor melebihi jam layanan.', anonymous: true, confidential: true },
  {
    type: 'dispose',
    actor: actors.kepalaKantor,
    sheet: {
      entries: [
        { sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI', 'KOORDINASIKAN'], note: 'Segera.' },
        { sectionCode: 'INTELDAKIM', instructions: ['UNTUK_DIKETAHUI'] },
      ],
    },
  },
  { type: 'respondAsSection', actor: actors.lantaskim, sectionCode: 'LANTASKIM', response: 'Loket tambahan dibuka.' },
  { type: 'respondAsSection', actor: actors.inteldakim, sectionCode: 'INTELDAKIM', response: 'Tidak ada temuan.' },
  {
    type: 'analyze',
    actor: actors.admin,
    findings: 'Loket kedua tidak dibuka pada jam sibuk.',
    substantiated: 'PARTLY',
    classification: '08',
    severity: 'MEDIUM',
    recommendation: 'Tindak lanjuti dengan tim.',
  },
];
const informAndDeliver: SopCommand[] = [
  { type: 'informReporter', actor: actors.admin, informationRef: 'info-7' },
  {
    type: 'recordNotificationFailure',
    actor: actors.notification,
    purpose: 'FOLLOW_UP_INFORMATION',
    channel: 'WHATSAPP',
    errorCode: 'WHATSAPP.131047',
  },
  { type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(12.5).toISOString(), note: 'Ditelepon.' },
];

const PATHS: Record<string, SopEvent[]> = {
  'follow-up': decideAll([
    ...toSectionProcessed,
    { type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'FOLLOW_UP', reason: 'Perlu perbaikan prosedur loket.' },
    {
      type: 'formTeam',
      actor: actors.kepalaKantor,
      decreeNumber: 'W.1.IMI.IMI.5-UM.01.01-0123',
      members: [
        { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', role: 'KETUA', userId: 'u-42' },
        { nip: '199002022015022002', name: 'Siti Aminah', position: 'Analis Keimigrasian', role: 'SEKRETARIS' },
      ],
    },
    ...informAndDeliver,
  ]),
  'no-follow-up': decideAll([
    ...toSectionProcessed,
    { type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'NO_FOLLOW_UP', reason: 'Sudah diselesaikan oleh seksi.' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-8' },
    { type: 'recordDelivery', actor: actors.notification, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(10.5).toISOString() },
  ]),
  dismissal: decideAll([
    receive,
    { type: 'dismiss', actor: actors.admin, reason: 'DUPLICATE', originalComplaintId: '0195f0a2-7c1e-7000-8000-000000000009', note: 'Sama.' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-9' },
    {
      type: 'recordNotificationFailure',
      actor: actors.notification,
      purpose: 'DISMISSAL_NOTICE',
      channel: 'WHATSAPP',
      errorCode: 'WHATSAPP.131047',
    },
    { type: 'recordDelivery', actor: actors.notification, channel: 'EMAIL', method: 'REPORTER_REPLY', deliveredAt: hour(3.5).toISOString() },
  ]),
  'dismissal, given up after a call (docs/adr/0044)': decideAll([
    receive,
    { type: 'dismiss', actor: actors.admin, reason: 'SPAM' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-10' },
    { type: 'recordCallAttempt', actor: actors.admin, outcome: 'NOT_REACHABLE', retryAt: hour(10).toISOString() },
    { type: 'recordCallAttempt', actor: actors.admin, outcome: 'GIVE_UP', reason: 'Nomor tidak aktif.' },
  ]),
  'acknowledgement and dismissal notice called about (docs/adr/0051)': decideAll([
    receive,
    { type: 'recordNotificationFailure', actor: actors.notification, purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode: 'WHATSAPP.NO_ADAPTER' },
    { type: 'recordCallAttempt', actor: actors.admin, purpose: 'ACKNOWLEDGEMENT', outcome: 'NOT_REACHABLE', retryAt: hour(10).toISOString() },
    { type: 'acknowledge', actor: actors.admin },
    { type: 'dismiss', actor: actors.admin, reason: 'NOT_A_COMPLAINT' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-11' },
    { type: 'recordCallAttempt', actor: actors.admin, purpose: 'DISMISSAL_NOTICE', outcome: 'NOT_REACHABLE', retryAt: hour(10).toISOString() },
    { type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(6).toISOString() },
  ]),
  'acknowledgement given up, the complaint goes on (docs/adr/0051)': decideAll([
    receive,
    { type: 'recordNotificationFailure', actor: actors.notification, purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode: 'WHATSAPP.NO_ADAPTER' },
    { type: 'recordCallAttempt', actor: actors.admin, purpose: 'ACKNOWLEDGEMENT', outcome: 'GIVE_UP', reason: 'Nomor tidak aktif.' },
    { type: 'dismiss', actor: actors.admin, reason: 'SPAM' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-12' },
    { type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(4.5).toISOString() },
  ]),
  'rated poorly, analysed again, appealed, upheld and closed again (docs/adr/0053)': decideAll([
    ...toSectionProcessed,
    { type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'NO_FOLLOW_UP', reason: 'Sudah diselesaikan oleh seksi.' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-14' },
    { type: 'recordDelivery', actor: actors.notification, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(8).toISOString() },
    { type: 'rate', actor: actors.intake, rating: 1, hasComment: true, appealWindowDays: 14 },
    { type: 'reviewAppeal', actor: actors.kepalaKantor, decision: 'REANALYZE' },
    { type: 'analyze', actor: actors.admin, findings: 'Biaya tambahan tidak dijelaskan', substantiated: 'YES', classification: '03', severity: 'MEDIUM', recommendation: 'Jelaskan tarif resmi' },
    { type: 'decideFollowUp', actor: actors.kepalaSeksiTi, decision: 'NO_FOLLOW_UP', reason: 'Tarif resmi telah dijelaskan.' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-15' },
    { type: 'recordDelivery', actor: actors.notification, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(14).toISOString() },
    { type: 'appeal', actor: actors.admin, hasReason: false, appealWindowDays: 14 },
    { type: 'reviewAppeal', actor: actors.kepalaKantor, decision: 'UPHOLD', reason: 'Jawaban sesuai tarif resmi.' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-16' },
    { type: 'recordDelivery', actor: actors.notification, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: hour(18).toISOString() },
  ]),
  'personal data erased after closing (docs/adr/0057)': decideAll([
    receive,
    { type: 'dismiss', actor: actors.admin, reason: 'SPAM' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-13' },
    { type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(1.5).toISOString() },
    { type: 'erasePersonalData', actor: actors.intake, reason: 'RETENTION' },
  ]),
  'the data subject’s requests, before and after closing (docs/adr/0061)': decideAll([
    receive,
    { type: 'recordDataAccessRequest', actor: actors.admin, requestId: '0195f0a2-7c1e-7000-8000-00000000000a', verifiedBy: 'CHANNEL', dueAt: hour(73).toISOString() },
    { type: 'recordContactRestriction', actor: actors.admin, restricted: true },
    { type: 'recordContactCorrection', actor: actors.admin, fields: ['phone', 'handle'] },
    { type: 'recordContactRestriction', actor: actors.admin, restricted: false },
    { type: 'dismiss', actor: actors.admin, reason: 'SPAM' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-17' },
    { type: 'recordDelivery', actor: actors.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: hour(6.5).toISOString() },
    { type: 'recordDataAccessAnswer', actor: actors.admin, requestId: '0195f0a2-7c1e-7000-8000-00000000000a', dueAt: hour(73).toISOString(), answeredAt: hour(8).toISOString() },
    { type: 'recordDataAccessRequest', actor: actors.admin, requestId: '0195f0a2-7c1e-7000-8000-00000000000b', verifiedBy: 'IN_PERSON', dueAt: hour(81).toISOString() },
    { type: 'recordDataAccessAnswer', actor: actors.admin, requestId: '0195f0a2-7c1e-7000-8000-00000000000b', dueAt: hour(9).toISOString(), answeredAt: hour(9.5).toISOString() },
  ]),
};

/** Dismissals of every other kind, decided from RECEIVED. */
const OTHER_DISMISSALS: SopEvent[] = (['SPAM', 'NOT_A_COMPLAINT', 'NOT_OUR_AUTHORITY'] as const).flatMap((reason) =>
  decideAll([receive, { type: 'dismiss', actor: actors.admin, reason, belongsTo: 'Bea Cukai' }]).slice(1),
);

const ALL_EVENTS = [...Object.values(PATHS).flat(), ...OTHER_DISMISSALS];

describe('libs/sop events survive the wire unchanged', () => {
  it('the paths cover every complaint event type', () => {
    expect(new Set(ALL_EVENTS.map((e) => e.type))).toEqual(new Set(COMPLAINT_EVENT_TYPES));
  });

  it('libs/sop and the catalogue know the same complaint event types', () => {
    expect(EVENT_TYPES.filter((t) => t.startsWith('complaint.')).sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  it.each(ALL_EVENTS.map((event, i) => [`${i}: ${event.type}`, event] as const))(
    '%s: SopEvent → envelope → bytes → parseEnvelope → toSopEvent gives it back',
    (_name, event) => {
      expect(throughTheWire(event)).toStrictEqual(event);
    },
  );

  it.each(Object.entries(PATHS))('the %s path folds to the same state from the wire as from libs/sop, and passes the audit', (_name, events) => {
    const mapped = events.map((e) => throughTheWire(e) as SopEvent);
    expect(replay(mapped)).toStrictEqual(replay(events));
    expect(replay(mapped).status).toBe('CLOSED');
    expect(verifyHistory(mapped)).toEqual({ ok: true, state: replay(events) });
  });

  it('a section officer’s section travels in the actorsection extension', () => {
    const responded = PATHS['follow-up']?.find((e) => e.type === 'complaint.section-responded') as SopEvent;
    const envelope = sopEventToEnvelope(responded, { source: 's', subject: COMPLAINT_ID, office: 'BLP', correlationId: 'c' });
    expect(envelope).toMatchObject({ actor: 'SEKSI_TERKAIT:u-lantaskim', actorsection: 'LANTASKIM' });
  });

  it('the team decree names members by NIP, with name, position and (when they have one) user id', () => {
    const formed = PATHS['follow-up']?.find((e) => e.type === 'complaint.team-formed') as SopEvent;
    expect(sopEventPayload(formed, EXTRAS['complaint.team-formed'] as never)).toMatchObject({
      members: [
        { nip: '198001012005011001', name: 'Budi Santoso', position: 'Kepala Seksi Lantaskim', userId: 'u-42' },
        { nip: '199002022015022002', name: 'Siti Aminah', userId: undefined },
      ],
    });
  });

  it('the reporter-informed payload carries the outcome and a reference, never the text', () => {
    const informed = PATHS['no-follow-up']?.find((e) => e.type === 'complaint.reporter-informed') as SopEvent;
    const envelope = sopEventToEnvelope(
      informed,
      { source: 's', subject: COMPLAINT_ID, office: 'BLP', correlationId: 'c' },
      { channel: 'SMS' },
    );
    expect(envelope.data).toEqual({ informationRef: 'info-8', channel: 'CHANNEL_SMS', outcome: 'COMPLAINT_OUTCOME_NO_FOLLOW_UP' });
  });

  it('required extras are required by type', () => {
    const received = ALL_EVENTS[0] as Extract<SopEvent, { type: 'complaint.received' }>;
    // @ts-expect-error complaint.received needs receivedAt, reporterRef and messageCount
    expect(() => sopEventPayload(received)).toThrow();
    const completed = ALL_EVENTS.find((e) => e.type === 'complaint.disposition-completed') as Extract<SopEvent, { type: 'complaint.disposition-completed' }>;
    expect(sopEventPayload(completed)).toEqual({ sectionCodes: ['LANTASKIM', 'INTELDAKIM'] });
  });

  it('a complaint.received for another complaint than the subject is refused', () => {
    const received = ALL_EVENTS[0] as Extract<SopEvent, { type: 'complaint.received' }>;
    expect(() =>
      sopEventToEnvelope(received, { source: 's', subject: 'another', office: 'BLP', correlationId: 'c' }, EXTRAS['complaint.received']),
    ).toThrow(ContractViolation);
  });
});

/** Parses an envelope built straight from a payload, as another producer might write it. */
function parsed(envelope: Partial<EventEnvelope> & Pick<EventEnvelope, 'type'>, data: Record<string, unknown>): ParsedEvent {
  const built = createEnvelope({
    type: envelope.type,
    source: 'pengaduan/test',
    subject: COMPLAINT_ID,
    office: 'BLP',
    actor: envelope.actor ?? 'system:intake',
    correlationId: 'c',
    time: hour(0),
    data: data as never,
  });
  const result = parseEnvelope(serializeEnvelope({ ...built, ...envelope }));
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('toSopEvent', () => {
  it.each(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated', 'sla.deadline-stopped'] as const)('returns undefined for %s', (type) => {
    expect(toSopEvent(parsed({ type, actor: 'system:sla-monitor' }, VALID_PAYLOADS[type] as never))).toBeUndefined();
  });

  it('throws a ContractViolation naming an actor role that libs/sop does not define', () => {
    const event = parsed({ type: 'complaint.confirmed', actor: 'MENTERI:u-1' }, VALID_PAYLOADS['complaint.confirmed'] as never);
    expect(() => toSopEvent(event)).toThrow(ContractViolation);
    expect(() => toSopEvent(event)).toThrow(/MENTERI is not a libs\/sop role/);
  });

  it('throws when a system actor claims a section', () => {
    const event = parsed({ type: 'complaint.disposition-completed', actorsection: 'TU' }, VALID_PAYLOADS['complaint.disposition-completed'] as never);
    expect(() => toSopEvent(event)).toThrow(/actorsection: a system actor/);
  });

  it('throws for a complaint received by e-mail, which libs/sop does not take in', () => {
    const event = parsed({ type: 'complaint.received' }, { ...VALID_PAYLOADS['complaint.received'], channel: 10 });
    expect(() => toSopEvent(event)).toThrow(/data.channel: Channel CHANNEL_EMAIL has no libs\/sop counterpart/);
  });

  it.each([
    ['a duplicate without the original', { reason: DismissalReason.DUPLICATE }, /duplicateOf: required/],
    ['another office’s matter without the office', { reason: DismissalReason.NOT_OUR_AUTHORITY }, /belongsTo: required/],
    ['spam naming an original', { reason: DismissalReason.SPAM, duplicateOf: 'x' }, /duplicateOf: only for/],
  ])('throws for a dismissal that libs/sop cannot hold: %s', (_name, data, message) => {
    const event = parsed({ type: 'complaint.dismissed', actor: 'ADMIN_TIKKIM:u-admin' }, data);
    expect(() => toSopEvent(event)).toThrow(message);
  });

  it('maps the catalogue’s sample payload of every complaint event type', () => {
    for (const type of COMPLAINT_EVENT_TYPES) {
      expect(toSopEvent(parsed({ type, actor: 'ADMIN_TIKKIM:u-admin' }, VALID_PAYLOADS[type] as never))?.type).toBe(type);
    }
  });

  it('parseEnvelope refuses an actorsection that is not a section code', () => {
    const envelope = sopEventToEnvelope(PATHS['dismissal']?.[1] as SopEvent, { source: 's', subject: COMPLAINT_ID, office: 'BLP', correlationId: 'c' });
    const result = parseEnvelope(JSON.stringify({ ...envelope, actorsection: 'two words' }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('actorsection') });
  });
});

describe('enum mappings', () => {
  const cases: [string, EnumMapping<string, number>, DescEnum, readonly number[]][] = [
    ['channel (inbound)', channelMapping, ChannelSchema, [10]],
    ['outbound channel', outboundChannelMapping, ChannelSchema, []],
    ['dismissal reason', dismissalReasonMapping, DismissalReasonSchema, []],
    ['disposition instruction', dispositionInstructionMapping, DispositionInstructionSchema, []],
    ['substantiation', substantiationMapping, SubstantiationSchema, []],
    ['severity', severityMapping, SeveritySchema, []],
    ['follow-up decision', followUpDecisionMapping, FollowUpDecisionSchema, []],
    ['team member role', teamMemberRoleMapping, TeamRoleSchema, []],
    ['complaint outcome', complaintOutcomeMapping, ComplaintOutcomeSchema, []],
    ['delivery method', deliveryMethodMapping, DeliveryMethodSchema, []],
    ['notification purpose', notificationPurposeMapping, NotificationPurposeSchema, []],
  ];

  it.each(cases)('%s: every proto value but UNSPECIFIED maps to libs/sop and back', (_name, mapping, schema, refused) => {
    for (const { number } of schema.values.filter((v) => v.number !== 0 && !refused.includes(v.number))) {
      expect(mapping.toProto(mapping.fromProto(number))).toBe(number);
    }
    expect(() => mapping.fromProto(0)).toThrow(ContractViolation);
    for (const number of refused) expect(() => mapping.fromProto(number)).toThrow(ContractViolation);
    expect(() => mapping.toProto('PIGEON')).toThrow(ContractViolation);
  });
});
