import { parseEnvelope, toSopEvent, type EventEnvelope, type EventKeyRing } from '@pengaduan/contracts';
import { evolve, initialState, isComplaintEventType, type ComplaintState, type ComplaintStatus, type SlaPolicy } from '@pengaduan/sop';
import { hash } from 'node:crypto';
import { checkHistory, type LoggedEvent } from './check-history';
import { ChainVerifier } from '../verify-signatures/chain-verifier';
import { inspectRecord } from '../verify-signatures/inspect';
import { auditClocks, type RecordedDeadline } from './clocks';
import type { AsOfComplaint, AuditFilters, AuditRecord, AuditReport, AuditSummary, ComplaintAudit, GenuineEventRef, Notice, OfficeSummary, RefusedEvent, ReportSink, SignatureVerdict, Violation } from './report';

export interface AuditOptions {
  /**
   * The published keys. With them only events that verify against a key published for their
   * source are folded; the others are refused ({@link RefusedEvent}). Without them nothing is
   * verified, everything is folded, and the report says so.
   */
  readonly keyRing?: EventKeyRing;
  readonly filters?: AuditFilters;
  /** What-if SLA policies by office code; `*` for every office not named. */
  readonly whatIfPolicies?: Readonly<Record<string, SlaPolicy>>;
  /** ISO-8601: answer every complaint's state at this time too. */
  readonly asOf?: string;
  /** ISO-8601: the audit's time, where open clocks are measured to (the core never reads the clock). */
  readonly now: string;
  /**
   * How many closed complaints to remember (their event ids and digests) after their report was
   * emitted, so that a redelivery or a late record of them is still recognised (default 10,000).
   */
  readonly closedWindow?: number;
}

export type { ChainFinding, SignatureVerdict } from './report';

type Refusal = Omit<RefusedEvent, 'contradicts'>;
type EventRef = Omit<GenuineEventRef, 'relation'>;

interface ComplaintLog {
  readonly complaintId: string;
  /** The office of the first record read for it (the received's, in a sound log). */
  office: string;
  events: LoggedEvent[];
  /** The envelope's office of each complaint event, to check against the complaint's. */
  offices: string[];
  recorded: RecordedDeadline[];
  violations: Violation[];
  notices: Notice[];
  refused: Refusal[];
  /** The ids this complaint holds in {@link Auditor.seen}. */
  ids: string[];
}

/** What is left of a complaint whose report was emitted: enough to recognise its late records. */
interface ClosedComplaint {
  readonly officeCode: string;
  readonly events: readonly EventRef[];
  /** Its ids in {@link Auditor.seen} (a late record's too), forgotten with it. */
  readonly ids: string[];
}

const DEFAULT_CLOSED_WINDOW = 10_000;

/**
 * The auditors' replay, without I/O: feed it the topic's records in partition order
 * ({@link Auditor.add}); it emits each complaint's findings to the sink when the complaint closes
 * (libs/sop status CLOSED) and forgets it; {@link Auditor.finish} emits the complaints still open
 * and answers the summary. Memory depends on the open complaints (and a window of recently closed
 * ones), not on the length of the log.
 * Per record: parse, redelivery (same id, same bytes: a notice), signature (with keys: an event
 * that does not verify is refused, never folded), duplicate id (other content: a violation); per
 * complaint: its history with libs/sop (every illegal transition, missing step, wrong role), the
 * office of every event, the SLA clocks and the state as of a time.
 */
export class Auditor {
  private readonly complaints = new Map<string, ComplaintLog>();
  private readonly closed = new Map<string, ClosedComplaint>();
  /** Event ids of verified (or, without keys, all) events of the open and recently closed complaints. */
  private readonly seen = new Map<string, { digest: string; partition: number; offset: string; complaintId: string }>();
  private readonly counts = { read: 0, inScope: 0, complaintEvents: 0, slaEvents: 0, otherEvents: 0, unparseable: 0, redelivered: 0, refused: 0 };
  private readonly signatures = { verified: 0, failed: 0 };
  private readonly totals = { complaints: 0, violations: 0, refused: 0, notices: 0 };
  private readonly offices = new Map<string, OfficeTally>();
  private readonly byStatus: Partial<Record<ComplaintStatus, number>> = {};
  private readonly reference: number;
  private readonly asOfMs: number | undefined;

  constructor(
    private readonly options: AuditOptions,
    private readonly sink: ReportSink,
  ) {
    this.reference = Date.parse(options.now);
    this.asOfMs = options.asOf === undefined ? undefined : Date.parse(options.asOf);
    if (!options.keyRing) {
      this.notice({
        kind: 'SIGNATURES_NOT_CHECKED',
        complaintId: null,
        eventId: null,
        partition: null,
        offset: null,
        message: 'signatures NOT checked: no published keys given (--keys <file> or EVENT_PUBLIC_KEYS); every event was folded into the replay as it is, a forged one too',
      });
    }
  }

  /**
   * Adds one record (in partition order). `verdict`: its signature, already checked from these
   * bytes (with keys; verified here when absent).
   */
  add(record: AuditRecord, verdict?: SignatureVerdict): void {
    this.counts.read++;
    const filters = this.options.filters ?? {};
    if (record.value === null) {
      this.unparseable(record, null, null, 'an empty record (tombstone) on the complaint topic');
      return;
    }
    const parsed = parseEnvelope(record.value);
    if (!parsed.ok) {
      const hint = attribution(record.value);
      if (!inScope(filters, hint.subject, hint.office)) return;
      this.unparseable(record, hint.subject, hint.office, parsed.reason);
      return;
    }
    const envelope = parsed.envelope;
    if (!inScope(filters, envelope.subject, envelope.office)) return;
    this.counts.inScope++;
    const closed = this.closed.get(envelope.subject);
    const log = closed ? undefined : this.logOf(envelope);
    const base = { complaintId: envelope.subject, officeCode: envelope.office, eventId: envelope.id, eventType: envelope.type, at: envelope.time, partition: record.partition, offset: record.offset };

    const digest = hash('sha1', record.value, 'base64');
    const earlier = this.seen.get(envelope.id);
    if (earlier?.digest === digest) {
      // The same bytes as an event already folded (verified, when there are keys): a redelivery.
      this.counts.redelivered++;
      const notice: Notice = { kind: 'REDELIVERED', complaintId: envelope.subject, eventId: envelope.id, partition: record.partition, offset: record.offset, message: `event ${envelope.id} redelivered (the same bytes as at ${earlier.partition}/${earlier.offset}); counted once` };
      if (log) log.notices.push(notice);
      else this.notice(notice);
      return;
    }

    if (this.options.keyRing) {
      const check = verdict ?? this.options.keyRing.verify(envelope);
      if (!check.ok) {
        this.signatures.failed++;
        this.counts.refused++;
        const refusal: Refusal = { ...base, code: check.code, reason: check.reason };
        if (log) log.refused.push(refusal);
        else this.refuse(refusal, (closed as ClosedComplaint).events);
        return;
      }
      this.signatures.verified++;
      if (check.ok && verdict?.ok && verdict.chain) {
        // Genuine, folded as such; what its chain says of the log around it is a finding of its complaint.
        this.violation(log, { ...base, kind: 'CHAIN', code: verdict.chain.code, reason: verdict.chain.reason });
      }
    }

    if (earlier) {
      this.violation(log, { ...base, kind: 'DUPLICATE', code: 'DUPLICATE', reason: `event id ${envelope.id} was already used at ${earlier.partition}/${earlier.offset} by an event with other content; this one is left out of the replay` });
      return;
    }
    // The complaint's own id string, not this record's copy: the window holds ~100,000 of these.
    this.seen.set(envelope.id, { digest, partition: record.partition, offset: record.offset, complaintId: log ? log.complaintId : envelope.subject });

    if (!log) {
      // A verified record of a complaint already reported as closed.
      (closed as ClosedComplaint).ids.push(envelope.id);
      if (isComplaintEventType(parsed.type)) {
        this.counts.complaintEvents++;
        this.violation(undefined, { ...base, kind: 'ILLEGAL_TRANSITION', code: 'ILLEGAL_TRANSITION', reason: `${parsed.type} cannot follow status CLOSED: complaint ${envelope.subject} was closed before this event (its report was already written)` });
      } else if (parsed.type.startsWith('sla.')) this.counts.slaEvents++;
      else this.counts.otherEvents++;
      return;
    }
    log.ids.push(envelope.id);

    if (isComplaintEventType(parsed.type)) {
      this.counts.complaintEvents++;
      let sop;
      try {
        sop = toSopEvent(parsed);
      } catch (error) {
        this.counts.unparseable++;
        const problems = (error as { problems?: string[] }).problems;
        log.violations.push({ ...base, kind: 'UNPARSEABLE', code: 'UNPARSEABLE', reason: `${(error as Error).message}${problems ? `: ${problems.join('; ')}` : ''}` });
        return;
      }
      if (sop === undefined) return;
      log.events.push({ sop, eventId: envelope.id, partition: record.partition, offset: record.offset });
      log.offices.push(envelope.office);
      if (sop.type === 'complaint.closed') this.closeIfClosed(log);
    } else if (parsed.type === 'sla.deadline-started') {
      this.counts.slaEvents++;
      const data = envelope.data as { stepId?: string; sectionCode?: string; startedAt?: string; dueAt?: string };
      if (data.stepId && data.startedAt && data.dueAt) {
        log.recorded.push({ key: data.sectionCode ? `${data.stepId}:${data.sectionCode}` : data.stepId, startedAt: new Date(data.startedAt).toISOString(), dueAt: new Date(data.dueAt).toISOString() });
      }
    } else if (parsed.type.startsWith('sla.')) this.counts.slaEvents++;
    else this.counts.otherEvents++;
  }

  /** Records that did not reach the end of the topic, etc.: noted in the report. */
  notice(notice: Notice): void {
    this.totals.notices++;
    this.sink.notice(notice);
  }

  /** Emits every complaint still open and answers the summary (the lists went to the sink). */
  finish(): AuditSummary {
    const { filters = {}, whatIfPolicies, asOf, now, keyRing } = this.options;
    for (const log of this.complaints.values()) this.emit(log, this.check(log));
    this.complaints.clear();
    this.closed.clear();
    this.seen.clear();
    return {
      referenceTime: now,
      filters,
      records: { ...this.counts },
      signatures: { checked: keyRing !== undefined, keyIds: keyRing ? keyRing.all().map((k) => k.keyId) : [], ...this.signatures },
      whatIfPolicy: whatIfPolicies ? { offices: whatIfPolicies } : null,
      offices: summarise(this.offices, whatIfPolicies !== undefined),
      asOf: asOf === undefined ? null : { at: new Date(asOf).toISOString(), byStatus: { ...this.byStatus } },
      totals: { ...this.totals },
      clean: this.totals.violations === 0 && this.totals.refused === 0,
    };
  }

  /** At a complaint's `complaint.closed`: when its history leaves it CLOSED, emit its report and forget it. */
  private closeIfClosed(log: ComplaintLog): void {
    const checked = this.check(log);
    if (checked.state.status !== 'CLOSED') return;
    this.emit(log, checked);
    this.complaints.delete(log.complaintId);
    const refs = log.events.filter((e) => !e.assumed).map(refOf);
    this.closed.set(log.complaintId, { officeCode: checked.officeCode, events: refs, ids: log.ids });
    if (this.closed.size > (this.options.closedWindow ?? DEFAULT_CLOSED_WINDOW)) {
      const [oldestId, oldest] = this.closed.entries().next().value as [string, ClosedComplaint];
      this.closed.delete(oldestId);
      for (const id of oldest.ids) if (this.seen.get(id)?.complaintId === oldestId) this.seen.delete(id);
    }
  }

  /** A complaint's findings, from its events alone (nothing emitted yet). */
  private check(log: ComplaintLog) {
    const received = log.events.find((e) => e.sop.type === 'complaint.received');
    const receivedAt = received?.sop.at ?? log.events[0]?.sop.at ?? null;
    const officeCode = received?.sop.type === 'complaint.received' ? received.sop.data.officeCode : log.office;
    const own: Violation[] = [...log.violations];
    const notices: Notice[] = [];
    const at = (e: LoggedEvent) => ({ complaintId: log.complaintId, officeCode, eventId: e.eventId, eventType: e.sop.type, at: e.sop.at, partition: e.partition, offset: e.offset });

    log.events.forEach((e, i) => {
      if (log.offices[i] !== officeCode) {
        own.push({ ...at(e), officeCode: log.offices[i], kind: 'INCONSISTENT', code: 'INCONSISTENT', reason: `the envelope names office ${log.offices[i]}, but complaint ${log.complaintId} was received for office ${officeCode}` });
      }
    });
    if (received && received.sop.type === 'complaint.received' && received.sop.data.complaintId !== log.complaintId) {
      own.push({ ...at(received), kind: 'INCONSISTENT', code: 'INCONSISTENT', reason: `complaint.received names complaint ${received.sop.data.complaintId}, but its subject is ${log.complaintId}` });
    }

    let applied: readonly LoggedEvent[] = [];
    let state: ComplaintState = initialState();
    if (log.events.length > 0 && !received) {
      const first = log.events[0];
      own.push({ ...at(first), kind: 'MISSING_STEP', code: 'MISSING_STEP', reason: `complaint.received is not in the log: none of the complaint's ${log.events.length} event(s) can apply` });
    } else if (log.events.length > 0) {
      const checked = checkHistory(log.events);
      for (const f of checked.findings) own.push({ ...at(f.event), kind: f.kind, code: f.kind, reason: f.reason });
      for (const a of checked.assumed) {
        notices.push({ kind: 'FOLLOWER_ASSUMED', complaintId: log.complaintId, eventId: a.eventId, partition: a.partition, offset: a.offset, message: `${a.sop.type} assumed after ${a.eventId.replace(/\+follower$/, '')} to go on checking` });
      }
      applied = checked.applied;
      state = checked.state;
    }
    own.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
    return { received, receivedAt, officeCode, own, notices, applied, state };
  }

  /** Emits a complaint's report: its violations, refused events, notices, the complaint and its state as of. */
  private emit(log: ComplaintLog, checked: ReturnType<Auditor['check']>): void {
    const { filters = {}, whatIfPolicies } = this.options;
    const { received, receivedAt, officeCode, own, notices, applied, state } = checked;
    if (receivedAt !== null && !inPeriod(filters, receivedAt)) return;
    for (const v of own) this.violation(undefined, v);
    const refs = log.events.filter((e) => !e.assumed).map(refOf);
    for (const r of log.refused) this.refuse(r, refs);
    for (const n of [...notices, ...log.notices]) this.notice(n);
    if (receivedAt === null) return; // only unparseable, refused or non-complaint records: the lists say it

    const policy = whatIfPolicies ? (whatIfPolicies[officeCode] ?? whatIfPolicies['*']) : undefined;
    const clocks = auditClocks(applied, log.recorded, whatIfPolicies ? (policy ?? undefined) : undefined, this.reference);
    const complaint: ComplaintAudit = {
      complaintId: log.complaintId,
      officeCode,
      trackingNumber: received?.sop.type === 'complaint.received' ? received.sop.data.trackingNumber : null,
      receivedAt,
      status: state.status,
      events: log.events.length,
      violations: own.length,
      clocks,
    };
    this.totals.complaints++;
    tally(this.office(officeCode), complaint);
    this.sink.complaint(complaint);

    if (this.asOfMs !== undefined) {
      let s: ComplaintState = initialState();
      for (const e of applied) {
        if (Date.parse(e.sop.at) > this.asOfMs) break;
        s = evolve(s, e.sop);
      }
      if (s.status !== 'NEW') {
        this.byStatus[s.status] = (this.byStatus[s.status] ?? 0) + 1;
        this.sink.asOf({ complaintId: log.complaintId, officeCode, status: s.status, since: s.since });
      }
    }
  }

  /** A violation: kept with its open complaint, else emitted at once. */
  private violation(log: ComplaintLog | undefined, v: Violation): void {
    if (log) {
      log.violations.push(v);
      return;
    }
    this.totals.violations++;
    this.office(v.officeCode ?? '(unknown)').violations++;
    this.sink.violation(v);
  }

  /** Emits a refused event with the genuine event of its complaint it competes with: the same id, else the same type. */
  private refuse(r: Refusal, genuine: readonly EventRef[]): void {
    const sameId = genuine.find((g) => g.eventId === r.eventId);
    const sameType = sameId ? undefined : genuine.find((g) => g.eventType === r.eventType);
    const match = sameId ?? sameType;
    this.totals.refused++;
    this.sink.refused({ ...r, contradicts: match ? { relation: sameId ? 'same-id' : 'same-type', ...match } : null });
  }

  private office(code: string): OfficeTally {
    let o = this.offices.get(code);
    if (!o) this.offices.set(code, (o = { complaints: 0, events: 0, withViolations: 0, violations: 0, closed: 0, late: 0, lateWhatIf: 0 }));
    return o;
  }

  private logOf(envelope: Pick<EventEnvelope, 'subject' | 'office'>): ComplaintLog {
    let log = this.complaints.get(envelope.subject);
    if (!log) {
      log = { complaintId: envelope.subject, office: envelope.office, events: [], offices: [], recorded: [], violations: [], notices: [], refused: [], ids: [] };
      this.complaints.set(envelope.subject, log);
    }
    return log;
  }

  private unparseable(record: AuditRecord, subject: string | null, office: string | null, reason: string): void {
    this.counts.unparseable++;
    this.counts.inScope++;
    const v: Violation = { kind: 'UNPARSEABLE', code: 'UNPARSEABLE', complaintId: subject, officeCode: office, eventId: null, eventType: null, at: null, partition: record.partition, offset: record.offset, reason };
    this.violation(subject !== null && !this.closed.has(subject) ? this.logOf({ subject, office: office ?? '' }) : undefined, v);
  }
}

/**
 * A sink that keeps the whole report in memory, and the report it makes of an auditor's summary:
 * for {@link auditEvents} and the tests that feed an {@link Auditor} themselves.
 */
export function reportInMemory(): { sink: ReportSink; report: (finished: ReturnType<Auditor['finish']>) => AuditReport } {
  const lists = { complaints: [] as ComplaintAudit[], violations: [] as Violation[], refused: [] as RefusedEvent[], notices: [] as Notice[], asOfComplaints: [] as AsOfComplaint[] };
  return {
    sink: {
      complaint: (c) => lists.complaints.push(c),
      violation: (v) => lists.violations.push(v),
      refused: (r) => lists.refused.push(r),
      notice: (n) => lists.notices.push(n),
      asOf: (c) => lists.asOfComplaints.push(c),
    },
    report: ({ totals: _totals, asOf, ...summary }) => ({
      ...summary,
      complaints: lists.complaints,
      violations: lists.violations,
      refused: lists.refused,
      notices: lists.notices,
      asOf: asOf && { ...asOf, complaints: lists.asOfComplaints },
    }),
  };
}

/** The audit of these records, the whole report in memory: {@link Auditor} over an array or any iterable, the chains judged as the CLI does. */
export function auditEvents(records: Iterable<AuditRecord>, options: AuditOptions): AuditReport {
  const memory = reportInMemory();
  const auditor = new Auditor(options, memory.sink);
  const { keyRing } = options;
  if (keyRing) {
    // Hash-chained events are vouched for by their chains, the others by their own signatures (ADR 0034).
    const chains = new ChainVerifier({ keyRing, deliver: (record, verdict) => auditor.add(record, verdict) });
    for (const record of records) chains.push(record, inspectRecord(record, keyRing));
    chains.finish();
  } else for (const record of records) auditor.add(record);
  return memory.report(auditor.finish());
}

const refOf = (e: LoggedEvent): EventRef => ({ eventId: e.eventId, eventType: e.sop.type, at: e.sop.at, partition: e.partition, offset: e.offset });

/** The subject and office of a record that is not a valid event, as far as its JSON tells. */
function attribution(value: Buffer | Uint8Array | string): { subject: string | null; office: string | null } {
  try {
    const json = JSON.parse(typeof value === 'string' ? value : Buffer.from(value).toString('utf8')) as Record<string, unknown>;
    return { subject: typeof json['subject'] === 'string' ? json['subject'] : null, office: typeof json['office'] === 'string' ? json['office'] : null };
  } catch {
    return { subject: null, office: null };
  }
}

/** Whether a record is in the office/complaint filter (a record naming neither stays in: it is a violation of the log). */
function inScope(filters: AuditFilters, subject: string | null, office: string | null): boolean {
  if (filters.complaintId !== undefined && subject !== null && subject !== filters.complaintId) return false;
  if (filters.office !== undefined && office !== null && office !== filters.office) return false;
  return true;
}

function inPeriod(filters: AuditFilters, receivedAt: string): boolean {
  const t = Date.parse(receivedAt);
  if (filters.from !== undefined && t < Date.parse(filters.from)) return false;
  if (filters.to !== undefined && t >= Date.parse(filters.to)) return false;
  return true;
}

interface OfficeTally {
  complaints: number;
  events: number;
  withViolations: number;
  violations: number;
  closed: number;
  late: number;
  lateWhatIf: number;
}

const isLate = (outcome: string | undefined) => outcome === 'late' || outcome === 'overdue';

function tally(o: OfficeTally, c: ComplaintAudit): void {
  o.complaints++;
  o.events += c.events;
  if (c.violations > 0) o.withViolations++;
  if (c.status === 'CLOSED') o.closed++;
  o.late += c.clocks.filter((k) => isLate(k.asRecorded.outcome)).length;
  o.lateWhatIf += c.clocks.filter((k) => isLate(k.whatIf?.outcome)).length;
}

function summarise(offices: ReadonlyMap<string, OfficeTally>, whatIf: boolean): OfficeSummary[] {
  return [...offices.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([officeCode, o]) => ({
      officeCode,
      complaints: o.complaints,
      events: o.events,
      complaintsWithViolations: o.withViolations,
      violations: o.violations,
      closed: o.closed,
      open: o.complaints - o.closed,
      lateClocks: o.late,
      lateClocksWhatIf: whatIf ? o.lateWhatIf : null,
    }));
}
