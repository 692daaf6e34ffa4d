import { durationFromMs, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  COMPLAINT_EVENTS_TOPIC,
  createEnvelope,
  parseEnvelope,
  serializeEnvelope,
  sopEventToEnvelope,
  type CreateEnvelopeInput,
  type EventEnvelope,
  type SopEnvelopeContext,
} from '@pengaduan/contracts';
import type { ConsumedEvent } from '@pengaduan/messaging';
import {
  decide,
  evolve,
  initialState,
  runningClocks,
  type Actor,
  type Channel,
  type ComplaintState,
  type DispositionInstruction,
  type FollowUpDecision,
  type SopCommand,
  type SlaEventType,
  type SopEvent,
  type UserActor,
} from '@pengaduan/sop';
import { randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Officers of a test office, as the events name them. */
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
    kepalaSeksiTi: user('KEPALA_SEKSI_TI', 'u-kasi-ti', undefined),
  };
}

/** A random office code of five capital letters, so suites never share complaints or tracking numbers. */
export function randomOfficeCode(): string {
  return Array.from(randomBytes(5), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

const SOURCE_OF: Record<string, string> = {
  'complaint.received': 'pengaduan/intake',
  'complaint.confirmed': 'pengaduan/intake',
  'complaint.dismissed': 'pengaduan/intake',
  'complaint.disposed': 'pengaduan/disposition',
  'complaint.section-responded': 'pengaduan/disposition',
  'complaint.disposition-completed': 'pengaduan/disposition',
  'complaint.analyzed': 'pengaduan/analysis',
  'complaint.follow-up-decided': 'pengaduan/analysis',
  'complaint.team-formed': 'pengaduan/team-decree',
};

export interface HistoryOptions {
  complaintId?: string;
  officeCode?: string;
  trackingNumber?: string;
  channel?: Channel;
  anonymous?: boolean;
  confidential?: boolean;
  /** When the complaint is received; every later step comes an hour after the one before. */
  start?: Date;
  /** The SHA-256 of the document an event records (`documentSha256`), by event type. */
  documentHashes?: Partial<Record<string, string>>;
}

/**
 * A complaint's history as the services record it: each step decided by libs/sop `decide` on
 * the state so far and published as the producing service would (`sopEventToEnvelope` with
 * its wire-only fields). `envelopes` holds every event so far, in order.
 */
export class ComplaintHistory {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly trackingNumber: string;
  readonly officers: ReturnType<typeof officersOf>;
  readonly envelopes: EventEnvelope[] = [];
  state: ComplaintState = initialState();
  private clock: Date;
  private sheets = 0;

  constructor(private readonly options: HistoryOptions = {}) {
    this.complaintId = options.complaintId ?? uuidv7();
    this.officeCode = options.officeCode ?? 'BLP';
    this.trackingNumber = options.trackingNumber ?? `${this.officeCode}-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    this.officers = officersOf(this.officeCode);
    this.clock = options.start ?? new Date('2026-03-14T02:00:00.000Z');
  }

  /** The time of the last event. */
  get now(): Date {
    return this.clock;
  }

  received(actor: Actor = { kind: 'system', service: 'intake' }): EventEnvelope[] {
    return this.step(
      {
        type: 'receive',
        actor,
        complaintId: this.complaintId,
        officeCode: this.officeCode,
        trackingNumber: this.trackingNumber,
        channel: this.options.channel ?? 'WHATSAPP',
        anonymous: this.options.anonymous ?? false,
        confidential: this.options.confidential ?? false,
      },
      0,
    );
  }

  confirmed(classification: '02' | '03' = '03', summary = 'Dugaan pungutan tambahan di loket paspor'): EventEnvelope[] {
    return this.step({ type: 'confirm', actor: this.officers.admin, classification, summary, anonymous: this.options.anonymous ?? false, confidential: this.options.confidential ?? false });
  }

  dismissed(): EventEnvelope[] {
    return this.step({ type: 'dismiss', actor: this.officers.admin, reason: 'SPAM', note: 'Promosi judi daring' });
  }

  disposedTo(sectionCodes: string[], instructions: DispositionInstruction[] = ['TINDAK_LANJUTI']): EventEnvelope[] {
    return this.step({ type: 'dispose', actor: this.officers.kepalaKantor, sheet: { entries: sectionCodes.map((sectionCode) => ({ sectionCode, instructions })) } });
  }

  sectionResponded(sectionCode: string): EventEnvelope[] {
    const actor: UserActor = { kind: 'user', userId: `u-${sectionCode.toLowerCase()}`, role: 'SEKSI_TERKAIT', sectionCode };
    return this.step({ type: 'respondAsSection', actor, sectionCode, response: `Seksi ${sectionCode} telah memeriksa petugas loket` });
  }

  analyzed(): EventEnvelope[] {
    return this.step({
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
    return this.step({ type: 'decideFollowUp', actor: this.officers.kepalaSeksiTi, decision, reason: 'Aduan terbukti' });
  }

  teamFormed(): EventEnvelope[] {
    return this.step({
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
    return this.step({ type: 'informReporter', actor: this.officers.admin, informationRef: `info-${this.complaintId}` });
  }

  delivered(): EventEnvelope[] {
    return this.step({ type: 'recordDelivery', actor: this.officers.admin, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: this.clock.toISOString(), note: 'Pelapor dihubungi' });
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
    const deadline = new SlaDeadline(this, {
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
    deadline.started = this.slaEvent('sla.deadline-started', startedAt, {
      ...deadline.payloadBase(),
      startedAt: timestampFromDate(startedAt),
      dueAt: timestampFromDate(dueAt),
      warnAt: timestampFromDate(deadline.facts.warnAt),
      deadlineHours: deadline.facts.deadlineHours,
      calendar: deadline.facts.calendar,
      responsibleRole: deadline.facts.responsibleRole,
      escalatesTo: deadline.facts.escalatesTo,
      openedByEventId: this.envelopes.at(-1)?.id ?? randomUUID(),
    });
    return deadline;
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

  private step(command: SopCommand, advanceHours = 1): EventEnvelope[] {
    this.clock = new Date(this.clock.getTime() + advanceHours * 3_600_000);
    const decision = decide(command, this.state, this.clock);
    if (!decision.ok) throw new Error(`the fixture history is illegal: ${decision.error.message}`);
    const correlationId = randomUUID();
    const envelopes = decision.events.map((event) => {
      this.state = evolve(this.state, event);
      const documentSha256 = this.options.documentHashes?.[event.type];
      const extras = { ...this.extrasOf(event), ...(documentSha256 ? { documentSha256 } : {}) };
      return toEnvelope(event, { source: SOURCE_OF[event.type] ?? 'pengaduan/notification', subject: this.complaintId, office: this.officeCode, correlationId }, extras);
    });
    this.envelopes.push(...envelopes);
    return envelopes;
  }

  /** The wire-only fields each producer adds. */
  private extrasOf(event: SopEvent): object {
    switch (event.type) {
      case 'complaint.received':
        return { receivedAt: new Date(event.at), reporterRef: `rep_${randomBytes(12).toString('hex')}`, messageCount: 1 };
      case 'complaint.disposed':
        this.sheets += 1;
        return { dispositionSheetNumber: `LD/${this.officeCode}/2026/${String(this.sheets).padStart(6, '0')}`, note: 'Segera' };
      case 'complaint.team-formed':
        return { decreeDate: '2026-03-16', mandate: 'Memeriksa petugas loket paspor', periodStartDate: '2026-03-16', periodEndDate: '2026-04-15' };
      case 'complaint.reporter-informed':
        return { channel: 'WHATSAPP' };
      default:
        return {};
    }
  }
}

export interface DeadlineStartOptions {
  /** Which running clock (libs/sop `runningClocks` key: `CONFIRM`, `SECTION_RESPONSE:INTELDAKIM`, `SOP_TARGET` …); default: the first. */
  clock?: string;
  deadlineId?: string;
  /** Default: when the clock started in the state. */
  startedAt?: Date;
  /** The due time the SLA monitor computed (a working calendar moves it); default: the start plus the clock's hours. */
  dueAt?: Date;
  calendar?: 'WALL_CLOCK' | 'WORKING_CALENDAR';
  /** Default: the clock's (libs/sop). */
  escalatesTo?: string;
}

export interface DeadlineFacts {
  deadlineId: string;
  stepId: string;
  sectionCode?: string;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
  deadlineHours: number;
  calendar: string;
  responsibleRole: string;
  escalatesTo: string;
}

/**
 * One deadline of the SLA monitor on a complaint's history: `started` is its
 * `sla.deadline-started`; each method makes its next event (appended to the history's
 * `envelopes` too), at the time the monitor would raise it unless told otherwise.
 */
export class SlaDeadline {
  started!: EventEnvelope;

  constructor(
    private readonly history: ComplaintHistory,
    readonly facts: DeadlineFacts,
  ) {}

  get deadlineId(): string {
    return this.facts.deadlineId;
  }

  /** `sla.deadline-warning`, by default at the warning time. */
  warning(at: Date = this.facts.warnAt): EventEnvelope {
    return this.history.slaEvent('sla.deadline-warning', at, {
      ...this.payloadBase(),
      startedAt: timestampFromDate(this.facts.startedAt),
      dueAt: timestampFromDate(this.facts.dueAt),
      remaining: durationFromMs(Math.max(0, this.facts.dueAt.getTime() - at.getTime())),
      responsibleRole: this.facts.responsibleRole,
    });
  }

  /** `sla.deadline-breached`, by default at the due time. */
  breached(at: Date = this.facts.dueAt): EventEnvelope {
    return this.history.slaEvent('sla.deadline-breached', at, {
      ...this.payloadBase(),
      startedAt: timestampFromDate(this.facts.startedAt),
      dueAt: timestampFromDate(this.facts.dueAt),
      responsibleRole: this.facts.responsibleRole,
    });
  }

  /** `sla.escalated` to the deadline's escalation target (or `toRole`), by default a minute after the due time. */
  escalated(options: { toRole?: string; level?: number; at?: Date } = {}): EventEnvelope {
    const at = options.at ?? new Date(this.facts.dueAt.getTime() + 60_000);
    return this.history.slaEvent('sla.escalated', at, {
      ...this.payloadBase(),
      dueAt: timestampFromDate(this.facts.dueAt),
      escalatedToRole: options.toRole ?? this.facts.escalatesTo,
      lateness: durationFromMs(Math.max(0, at.getTime() - this.facts.dueAt.getTime())),
      level: options.level ?? 1,
    });
  }

  /** `sla.deadline-stopped` by the step's output at `at` (default: the history's last event), late by what `at` is past the due time. */
  stopped(options: { at?: Date; byEventType?: string } = {}): EventEnvelope {
    const at = options.at ?? this.history.now;
    const last = this.history.envelopes.filter((e) => !e.type.startsWith('sla.')).at(-1);
    return this.history.slaEvent('sla.deadline-stopped', at, {
      ...this.payloadBase(),
      startedAt: timestampFromDate(this.facts.startedAt),
      dueAt: timestampFromDate(this.facts.dueAt),
      stoppedAt: timestampFromDate(at),
      lateness: durationFromMs(Math.max(0, at.getTime() - this.facts.dueAt.getTime())),
      elapsed: durationFromMs(at.getTime() - this.facts.startedAt.getTime()),
      stoppedByEventId: last?.id ?? randomUUID(),
      stoppedByEventType: options.byEventType ?? last?.type ?? 'complaint.confirmed',
    });
  }

  /** The fields every event of the deadline carries. */
  payloadBase(): { deadlineId: string; stepId: string; sectionCode?: string } {
    return { deadlineId: this.facts.deadlineId, stepId: this.facts.stepId, ...(this.facts.sectionCode === undefined ? {} : { sectionCode: this.facts.sectionCode }) };
  }
}

/** sopEventToEnvelope for any event, its extras checked by the producer's own tests, not here. */
function toEnvelope(event: SopEvent, ctx: SopEnvelopeContext, extras: object): EventEnvelope {
  return (sopEventToEnvelope as (e: SopEvent, c: SopEnvelopeContext, x: object) => EventEnvelope)(event, ctx, extras);
}

/** The event as a consumer hands it to its handler: the published bytes, parsed. */
export function asConsumed(envelope: EventEnvelope, offset = '0'): ConsumedEvent {
  const parsed = parseEnvelope(serializeEnvelope(envelope));
  if (!parsed.ok) throw new Error(`the fixture is not a valid event: ${parsed.reason}`);
  return { ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: 0, offset };
}
