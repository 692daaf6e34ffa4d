// Test support: one complaint's history as the services record it, in the given / when / then
// style of libs/sop's fixtures. Given: the SOP's steps up to any status (`historyUntil`, or one
// step at a time), each decided by libs/sop `decide` on the state so far, or a service's own
// view of a complaint (`from`); when: any further command, decided on that state (`when`);
// then: the envelopes the producing services publish, made by libs/contracts' own mapping
// (`sopEventToEnvelope`) with each event type's wire-only fields from one table (WIRE_EXTRAS).
import {
  COMPLAINT_EVENTS_TOPIC,
  createEnvelope,
  EVENT_CATALOGUE,
  parseEnvelope,
  serializeEnvelope,
  sopEventToEnvelope,
  type CreateEnvelopeInput,
  type EventEnvelope,
  type EventType,
  type ParsedEvent,
  type SopEnvelopeContext,
  type SopEventExtras,
} from '@pengaduan/contracts';
import {
  decide,
  evolve,
  initialState,
  runningClocks,
  type Actor,
  type Channel,
  type ClassificationCode,
  type ComplaintState,
  type ComplaintStatus,
  type DispositionInstruction,
  type FollowUpDecision,
  type NotificationPurpose,
  type SlaEventType,
  type SopCommand,
  type SopEvent,
  type SopEventOf,
  type UserActor,
} from '@pengaduan/sop';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { randomOfficeCode } from './isolation';
import { SlaDeadline, type DeadlineStartOptions, type SlaEventLog } from './sla-deadline';

/** An event as a consumer hands it to its handler (the shape of @pengaduan/messaging's ConsumedEvent). */
export type ConsumedEvent = ParsedEvent & { topic: string; partition: number; offset: string };

/** An officer of each role, with fixed ids, as tests name them in the commands they send. */
export const actors = {
  intake: { kind: 'system', service: 'intake' },
  adminTikkim: { kind: 'user', userId: 'u-admin-tikkim', role: 'ADMIN_TIKKIM' },
  kepalaKantor: { kind: 'user', userId: 'u-kepala-kantor', role: 'KEPALA_KANTOR' },
  inteldakim: { kind: 'user', userId: 'u-inteldakim', role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM' },
  kepalaSeksiTi: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' },
  auditor: { kind: 'user', userId: 'u-auditor', role: 'AUDITOR' },
} as const satisfies Record<string, Actor>;

/** The officers of one office, as its complaints' histories name them (their ids carry the office). */
export function officersOf(officeCode: string) {
  const user = (role: UserActor['role'], name: string, sectionCode?: string): UserActor => ({
    kind: 'user',
    userId: `${name}-${officeCode.toLowerCase()}`,
    role,
    ...(sectionCode ? { sectionCode } : {}),
  });
  return {
    admin: user('ADMIN_TIKKIM', 'u-admin'),
    kepalaKantor: user('KEPALA_KANTOR', 'u-kakan'),
    inteldakim: user('SEKSI_TERKAIT', 'u-inteldakim', 'INTELDAKIM'),
    lantaskim: user('SEKSI_TERKAIT', 'u-lantaskim', 'LANTASKIM'),
    kepalaSeksiTi: user('KEPALA_SEKSI_TI', 'u-kasi-ti'),
  };
}

/** Monday 2 March 2026, 08:00 WIB: when a history starts unless told. */
const HISTORY_START = new Date('2026-03-02T01:00:00.000Z');

export interface HistoryOptions {
  complaintId?: string;
  /** Default: an office of the history's own (randomOfficeCode). */
  officeCode?: string;
  /** Default: `<office>-2026-<six random digits>`. */
  trackingNumber?: string;
  /** Default WHATSAPP. A PHONE or WALK_IN complaint is received by Admin Tikkim typing it in; any other by intake. */
  channel?: Channel;
  anonymous?: boolean;
  confidential?: boolean;
  /** Intake's reference to the reporter's contact; default a fresh `rep_…`. */
  reporterRef?: string;
  /** When the complaint is received (default {@link HISTORY_START}); each later step comes `stepMs` after the one before. */
  start?: Date;
  /** Default an hour. */
  stepMs?: number;
  /** The SHA-256 of the document an event records (`documentSha256`), by event type. */
  documentHashes?: Partial<Record<EventType, string>>;
  /**
   * Go on from this state (a service's own view of the complaint) instead of a new complaint:
   * its facts are the history's, and the history holds only the events that follow.
   */
  from?: ComplaintState;
}

/** The wire-only fields of an event type: what its producer adds from its own records (see SopEventExtras). */
type WireExtras = { readonly [T in keyof SopEventExtras]?: (event: SopEventOf<T>, history: ComplaintHistory) => SopEventExtras[T] };

/** What the fixture's producers add to each libs/sop event; types without required wire-only fields add nothing. */
const WIRE_EXTRAS: WireExtras = {
  'complaint.received': (event, h) => ({
    receivedAt: new Date(event.at),
    reporterRef: h.reporterRef,
    messageCount: 1,
    // A LAPOR! complaint's report number (docs/adr/0055): the tracking number's digits.
    ...(h.channel === 'LAPOR' ? { laporReportNumber: h.trackingNumber.replace(/\D/g, '').slice(-12) } : {}),
  }),
  'complaint.message-appended': (event, h) => ({
    channel: h.channel,
    receivedAt: new Date(event.at),
    // The report itself is message 1.
    sequence: 1 + h.events.filter((e) => e.type === 'complaint.message-appended').length,
    attachmentCount: 0,
  }),
  // Admin Tikkim tells the tracking number on the phone (docs/adr/0051).
  'complaint.acknowledged': (event) => ({ channel: event.actor.kind === 'user' ? 'PHONE' : 'WHATSAPP' }),
  'complaint.disposed': (_event, h) => ({ dispositionSheetNumber: h.nextSheetNumber(), note: 'Segera' }),
  'complaint.team-formed': () => ({ decreeDate: '2026-03-16', mandate: 'Memeriksa petugas loket paspor', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' }),
  'complaint.reporter-informed': () => ({ channel: 'WHATSAPP' }),
  'complaint.notification-failed': () => ({ attempt: 1, willRetry: false }),
};

/** sopEventToEnvelope for an event of any type, with the extras WIRE_EXTRAS made for it. */
const toEnvelope = sopEventToEnvelope as (event: SopEvent, ctx: SopEnvelopeContext, extras: object) => EventEnvelope;

/** The service that publishes an event type, as the envelope's `source` names it. */
function sourceOf(event: SopEvent): string {
  return `pengaduan/${EVENT_CATALOGUE[event.type].producer}`;
}

/**
 * A complaint's history as the services record it. Each step method decides the SOP command
 * of that step on the state so far (libs/sop `decide`, at the next step's time), folds its
 * events in, and answers their envelopes; `envelopes` holds every one so far, in order.
 */
export class ComplaintHistory implements SlaEventLog {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly trackingNumber: string;
  readonly channel: Channel;
  readonly reporterRef: string;
  readonly officers: ReturnType<typeof officersOf>;
  /** The libs/sop events so far, in order. */
  readonly events: SopEvent[] = [];
  /** The envelopes of every event so far (`sla.*` included), in order. */
  readonly envelopes: EventEnvelope[] = [];
  state: ComplaintState;
  private clock: Date;
  private readonly stepMs: number;
  private readonly anonymous: boolean;
  private readonly confidential: boolean;
  private sheets = 0;

  constructor(private readonly options: HistoryOptions = {}) {
    const facts = options.from && options.from.status !== 'NEW' ? options.from : undefined;
    this.state = options.from ?? initialState();
    this.complaintId = facts?.complaintId ?? options.complaintId ?? uuidv7();
    this.officeCode = facts?.officeCode ?? options.officeCode ?? randomOfficeCode();
    this.trackingNumber = facts?.trackingNumber ?? options.trackingNumber ?? `${this.officeCode}-2026-${String(randomInt(1_000_000)).padStart(6, '0')}`;
    this.channel = facts?.channel ?? options.channel ?? 'WHATSAPP';
    this.anonymous = facts?.anonymous ?? options.anonymous ?? false;
    this.confidential = facts?.confidential ?? options.confidential ?? false;
    this.reporterRef = options.reporterRef ?? `rep_${randomBytes(12).toString('hex')}`;
    this.officers = officersOf(this.officeCode);
    this.clock = options.start ?? (facts ? new Date(facts.since) : HISTORY_START);
    this.stepMs = options.stepMs ?? 3_600_000;
  }

  /** The time of the last event. */
  get now(): Date {
    return this.clock;
  }

  // --- given: the SOP's steps, each by the officer the SOP names ---------------------------

  received(actor: Actor = this.channel === 'PHONE' || this.channel === 'WALK_IN' || this.channel === 'LAPOR' ? this.officers.admin : actors.intake): EventEnvelope[] {
    const { complaintId, officeCode, trackingNumber, channel, anonymous, confidential } = this;
    return this.when({ type: 'receive', actor, complaintId, officeCode, trackingNumber, channel, anonymous, confidential });
  }

  confirmed(classification: ClassificationCode = '03', summary = 'Dugaan pungutan tambahan di loket paspor'): EventEnvelope[] {
    return this.when({ type: 'confirm', actor: this.officers.admin, classification, summary, anonymous: this.anonymous, confidential: this.confidential });
  }

  dismissed(): EventEnvelope[] {
    return this.when({ type: 'dismiss', actor: this.officers.admin, reason: 'SPAM', note: 'Promosi judi daring' });
  }

  disposedTo(sectionCodes: readonly string[], instructions: DispositionInstruction[] = ['TINDAK_LANJUTI']): EventEnvelope[] {
    return this.when({ type: 'dispose', actor: this.officers.kepalaKantor, sheet: { entries: sectionCodes.map((sectionCode) => ({ sectionCode, instructions })) } });
  }

  sectionResponded(sectionCode: string): EventEnvelope[] {
    const actor: UserActor = { kind: 'user', userId: `u-${sectionCode.toLowerCase()}`, role: 'SEKSI_TERKAIT', sectionCode };
    return this.when({ type: 'respondAsSection', actor, sectionCode, response: `Seksi ${sectionCode} telah memeriksa petugas loket` });
  }

  analyzed(): EventEnvelope[] {
    return this.when({
      type: 'analyze',
      actor: this.officers.admin,
      findings: 'Petugas mengakui meminta biaya tambahan',
      substantiated: 'YES',
      classification: '03',
      severity: 'HIGH',
      recommendation: 'Bentuk tim penanganan',
    });
  }

  decided(decision: FollowUpDecision = 'FOLLOW_UP'): EventEnvelope[] {
    return this.when({ type: 'decideFollowUp', actor: this.officers.kepalaSeksiTi, decision, reason: 'Aduan terbukti' });
  }

  teamFormed(): EventEnvelope[] {
    return this.when({
      type: 'formTeam',
      actor: this.officers.kepalaKantor,
      decreeNumber: `SK/${this.officeCode}/2026/000001`,
      members: [
        { nip: '198503122010121002', name: 'Budi Santoso', position: 'Kepala Seksi Inteldakim', role: 'KETUA' },
        { nip: '199001012015031001', name: 'Rina Kartika', position: 'Analis Keimigrasian', role: 'ANGGOTA' },
      ],
    });
  }

  reporterInformed(): EventEnvelope[] {
    return this.when({ type: 'informReporter', actor: this.officers.admin, informationRef: `info-${this.complaintId}` });
  }

  /** The officer records that the information reached the reporter at the last event's time (a LAPOR! complaint's: posted on LAPOR!). */
  delivered(): EventEnvelope[] {
    const how = this.channel === 'LAPOR' ? ({ channel: 'LAPOR', method: 'LAPOR_POSTED', note: 'Diposting di LAPOR!' } as const) : ({ channel: 'PHONE', method: 'PHONE_CALL', note: 'Pelapor dihubungi' } as const);
    return this.when({ type: 'recordDelivery', actor: this.officers.admin, ...how, deliveredAt: this.clock.toISOString() });
  }

  /**
   * The officer phoned and did not reach the reporter, one step after the last event; to try
   * again at `retryAt` (by default an hour after the call) (docs/adr/0044).
   */
  callAttempted(retryAt?: Date, purpose?: NotificationPurpose): EventEnvelope[] {
    const at = new Date(this.clock.getTime() + this.stepMs);
    const retry = retryAt ?? new Date(at.getTime() + 3_600_000);
    return this.when({ type: 'recordCallAttempt', actor: this.officers.admin, outcome: 'NOT_REACHABLE', retryAt: retry.toISOString(), ...(purpose ? { purpose } : {}) }, at);
  }

  /**
   * The officer gives up reaching the reporter: about step 8's information (by default) the
   * complaint closes without a delivery (docs/adr/0044); about the acknowledgement, that notice
   * alone ends (docs/adr/0051).
   */
  deliveryAbandoned(reason = 'Nomor tidak aktif setelah tiga kali dihubungi', purpose?: NotificationPurpose): EventEnvelope[] {
    return this.when({ type: 'recordCallAttempt', actor: this.officers.admin, outcome: 'GIVE_UP', reason, ...(purpose ? { purpose } : {}) });
  }

  /** The acknowledgement fails on its own channel, with no channel left: a call task (docs/adr/0051). */
  acknowledgementFailed(errorCode = 'WHATSAPP.NO_ADAPTER'): EventEnvelope[] {
    return this.when({ type: 'recordNotificationFailure', actor: { kind: 'system', service: 'notification' }, purpose: 'ACKNOWLEDGEMENT', channel: 'WHATSAPP', errorCode });
  }

  /** Admin Tikkim tells the reporter the tracking number on the phone (docs/adr/0051). */
  acknowledgedByPhone(): EventEnvelope[] {
    return this.when({ type: 'acknowledge', actor: this.officers.admin });
  }

  /** Every step from reception to closing, the follow-up branch, dispositioned to two sections. */
  closedAfterFollowUp(): EventEnvelope[] {
    return [
      ...this.received(),
      ...this.confirmed(),
      ...this.disposedTo(['INTELDAKIM', 'LANTASKIM']),
      ...this.sectionResponded('INTELDAKIM'),
      ...this.sectionResponded('LANTASKIM'),
      ...this.analyzed(),
      ...this.decided('FOLLOW_UP'),
      ...this.teamFormed(),
      ...this.reporterInformed(),
      ...this.delivered(),
    ];
  }

  /**
   * The SOP's next steps until the complaint is in `status`: confirmed (dismissed on the way to
   * DISMISSED), dispositioned to INTELDAKIM, decided as `decision` (NO_FOLLOW_UP on the way to
   * NO_FOLLOW_UP_DECIDED, else FOLLOW_UP). With `endingAt`, the steps are timed so the last
   * one is then.
   */
  until(status: ComplaintStatus, options: { decision?: FollowUpDecision; endingAt?: Date } = {}): this {
    if (options.endingAt) {
      const rehearsal = this.copy().until(status, { decision: options.decision });
      this.clock = new Date(this.clock.getTime() + options.endingAt.getTime() - rehearsal.now.getTime());
    }
    while (this.state.status !== status) this.stepTowards(status, options.decision);
    return this;
  }

  // --- when: any command, on the state so far ----------------------------------------------

  /** Decides `command` on the state so far at the next step's time (or `at`); answers the envelopes of its events. */
  when(command: SopCommand, at?: Date): EventEnvelope[] {
    // The report is received at the history's start; each later command one step after the last.
    this.clock = at ?? new Date(this.clock.getTime() + (command.type === 'receive' ? 0 : this.stepMs));
    const decision = decide(command, this.state, this.clock);
    if (!decision.ok) throw new Error(`the fixture history is illegal: libs/sop refuses ${command.type} in ${this.state.status}: ${decision.error.message}`);
    const correlationId = randomUUID();
    const envelopes = decision.events.map((event) => {
      this.state = evolve(this.state, event);
      this.events.push(event);
      return this.envelopeOf(event, sourceOf(event), correlationId);
    });
    this.envelopes.push(...envelopes);
    return envelopes;
  }

  /** The envelope a libs/sop event of this complaint is published in, by its producer unless `source` is given; not appended. */
  envelopeOf(event: SopEvent, source = sourceOf(event), correlationId: string = randomUUID()): EventEnvelope {
    const extras = (WIRE_EXTRAS[event.type] as ((e: SopEvent, h: ComplaintHistory) => object) | undefined)?.(event, this) ?? {};
    const documentSha256 = this.options.documentHashes?.[event.type];
    return toEnvelope(event, { source, subject: this.complaintId, office: this.officeCode, correlationId }, documentSha256 ? { ...extras, documentSha256 } : extras);
  }

  /** The number of the next disposition sheet of this history (`LD/<office>/2026/000001`, …). */
  nextSheetNumber(): string {
    this.sheets += 1;
    return `LD/${this.officeCode}/2026/${String(this.sheets).padStart(6, '0')}`;
  }

  // --- the SLA monitor's events ------------------------------------------------------------

  /**
   * `sla.deadline-started` of one of the clocks that run in the state now (libs/sop
   * `runningClocks`), as the SLA monitor publishes it at the time of the event that opened it;
   * answers the deadline, whose methods make its later events. Changes no state.
   */
  deadlineStarted(options: DeadlineStartOptions = {}): SlaDeadline {
    const clocks = runningClocks(this.state);
    const clock = options.clock === undefined ? clocks[0] : clocks.find((c) => c.key === options.clock);
    if (!clock) throw new Error(`no clock ${options.clock ?? ''} runs in ${this.state.status}; running: ${clocks.map((c) => c.key).join(', ')}`);
    const startedAt = options.startedAt ?? new Date(clock.startedAt);
    const dueAt = options.dueAt ?? new Date(startedAt.getTime() + clock.deadlineHours * 3_600_000);
    return new SlaDeadline(this, {
      deadlineId: options.deadlineId ?? randomUUID(),
      stepId: clock.clockId,
      ...(clock.sectionCode === undefined ? {} : { sectionCode: clock.sectionCode }),
      startedAt,
      dueAt,
      // The warning at three quarters of the time, as the default policy has it.
      warnAt: new Date(startedAt.getTime() + 0.75 * (dueAt.getTime() - startedAt.getTime())),
      deadlineHours: clock.deadlineHours,
      calendar: options.calendar ?? 'WALL_CLOCK',
      responsibleRole: clock.responsibleRole,
      escalatesTo: options.escalatesTo ?? clock.escalatesTo,
    });
  }

  /** An `sla.*` event of this complaint, as the SLA monitor publishes it; appended to `envelopes`. */
  slaEvent<T extends SlaEventType>(type: T, time: Date, data: CreateEnvelopeInput<T>['data']): EventEnvelope {
    const envelope = createEnvelope({
      type,
      source: 'pengaduan/sla-monitor',
      subject: this.complaintId,
      office: this.officeCode,
      actor: 'system:sla-monitor',
      correlationId: randomUUID(),
      time,
      data,
    });
    this.envelopes.push(envelope);
    return envelope;
  }

  private stepTowards(target: ComplaintStatus, decision: FollowUpDecision = target === 'NO_FOLLOW_UP_DECIDED' ? 'NO_FOLLOW_UP' : 'FOLLOW_UP'): void {
    const state = this.state;
    switch (state.status) {
      case 'NEW':
        this.received();
        return;
      case 'RECEIVED':
        if (target === 'DISMISSED') this.dismissed();
        else this.confirmed();
        return;
      case 'CONFIRMED':
        this.disposedTo(['INTELDAKIM']);
        return;
      case 'DISPOSED':
        this.sectionResponded(state.sections.find((s) => !state.respondedSections.includes(s)) ?? state.sections[0]);
        return;
      case 'SECTION_PROCESSED':
        this.analyzed();
        return;
      case 'ANALYZED':
        this.decided(decision);
        return;
      case 'FOLLOW_UP_DECIDED':
        this.teamFormed();
        return;
      case 'TEAM_FORMED':
      case 'NO_FOLLOW_UP_DECIDED':
      case 'DISMISSED':
      case 'APPEAL_UPHELD':
        this.reporterInformed();
        return;
      case 'REPORTER_INFORMED':
        this.delivered();
        return;
      case 'CLOSED':
        throw new Error(`the history is CLOSED and never reaches ${target}`);
      case 'APPEALED':
        // The head of office's review decides where it goes (docs/adr/0053): the test says it with `when`.
        throw new Error(`the history awaits the review of an appeal; say it with when({ type: 'reviewAppeal', … }) before it reaches ${target}`);
    }
  }

  /** The same history so far, to go on with apart. */
  private copy(): ComplaintHistory {
    const copy = Object.assign(Object.create(ComplaintHistory.prototype) as ComplaintHistory, this);
    Object.assign(copy, { events: [...this.events], envelopes: [...this.envelopes] });
    return copy;
  }
}

/** Given: a new complaint's history up to `status` (see ComplaintHistory.until). */
export function historyUntil(status: ComplaintStatus, options: HistoryOptions & { decision?: FollowUpDecision } = {}): ComplaintHistory {
  const { decision, ...historyOptions } = options;
  return new ComplaintHistory(historyOptions).until(status, { decision });
}

/** An envelope as a consumer receives it: serialized, parsed and validated, with where it was read. */
export function asConsumed(envelope: EventEnvelope, offset: number | string = 0): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(`the fixture is not a valid event: ${parsed.reason}`);
  return { ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: 0, offset: String(offset) };
}
