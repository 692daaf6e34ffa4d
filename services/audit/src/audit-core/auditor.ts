import { parseEnvelope, toSopEvent, type EventEnvelope, type EventKeyRing } from '@pengaduan/contracts';
import { evolve, initialState, isComplaintEventType, type ComplaintState, type ComplaintStatus, type SlaPolicy } from '@pengaduan/sop';
import { createHash } from 'node:crypto';
import { checkHistory, type LoggedEvent } from './check-history';
import { auditClocks, type RecordedDeadline } from './clocks';
import type { AsOfComplaint, AuditFilters, AuditRecord, AuditReport, ComplaintAudit, Notice, OfficeSummary, Violation } from './report';

export interface AuditOptions {
  /** The published keys; without them signatures are reported as not checked. */
  readonly keyRing?: EventKeyRing;
  readonly filters?: AuditFilters;
  /** What-if SLA policies by office code; `*` for every office not named. */
  readonly whatIfPolicies?: Readonly<Record<string, SlaPolicy>>;
  /** ISO-8601: answer every complaint's state at this time too. */
  readonly asOf?: string;
  /** ISO-8601: the audit's time, where open clocks are measured to (the core never reads the clock). */
  readonly now: string;
}

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
}

/**
 * The auditors' replay, without I/O: feed it the topic's records in partition order
 * ({@link Auditor.add}), then {@link Auditor.finish} checks every complaint and answers the report.
 * Per record: parse, duplicate id (same bytes = redelivered, a notice; other bytes = violation),
 * signature; per complaint: its history with libs/sop (every illegal transition, missing step,
 * wrong role), the office of every event, the SLA clocks and the state as of a time.
 */
export class Auditor {
  private readonly complaints = new Map<string, ComplaintLog>();
  private readonly seen = new Map<string, { digest: string; partition: number; offset: string }>();
  private readonly loose: Violation[] = [];
  private readonly notices: Notice[] = [];
  private readonly counts = { read: 0, inScope: 0, complaintEvents: 0, slaEvents: 0, otherEvents: 0, unparseable: 0, redelivered: 0 };
  private readonly signatures = { verified: 0, failed: 0 };

  constructor(private readonly options: AuditOptions) {}

  /** Adds one record (in partition order). */
  add(record: AuditRecord): void {
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
    const log = this.logOf(envelope);
    const base = { complaintId: envelope.subject, officeCode: envelope.office, eventId: envelope.id, eventType: envelope.type, at: envelope.time, partition: record.partition, offset: record.offset };

    const digest = createHash('sha1').update(record.value).digest('base64');
    const earlier = this.seen.get(envelope.id);
    if (earlier) {
      if (earlier.digest === digest) {
        this.counts.redelivered++;
        log.notices.push({ kind: 'REDELIVERED', complaintId: envelope.subject, eventId: envelope.id, partition: record.partition, offset: record.offset, message: `event ${envelope.id} redelivered (the same bytes as at ${earlier.partition}/${earlier.offset}); counted once` });
      } else {
        log.violations.push({ ...base, kind: 'DUPLICATE', code: 'DUPLICATE', reason: `event id ${envelope.id} was already used at ${earlier.partition}/${earlier.offset} by an event with other content; this one is left out of the replay` });
      }
      return;
    }
    this.seen.set(envelope.id, { digest, partition: record.partition, offset: record.offset });

    if (this.options.keyRing) {
      const check = this.options.keyRing.verify(envelope);
      if (check.ok) this.signatures.verified++;
      else {
        this.signatures.failed++;
        log.violations.push({ ...base, kind: 'SIGNATURE', code: check.code, reason: check.reason });
      }
    }

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
    this.notices.push(notice);
  }

  /** Checks every complaint and answers the report. */
  finish(): AuditReport {
    const { filters = {}, whatIfPolicies, asOf, now, keyRing } = this.options;
    const reference = Date.parse(now);
    const asOfMs = asOf === undefined ? undefined : Date.parse(asOf);
    const violations: Violation[] = [...this.loose];
    const notices: Notice[] = [...this.notices];
    const complaints: ComplaintAudit[] = [];
    const asOfComplaints: AsOfComplaint[] = [];

    for (const log of this.complaints.values()) {
      const received = log.events.find((e) => e.sop.type === 'complaint.received');
      const receivedAt = received?.sop.at ?? log.events[0]?.sop.at ?? null;
      const officeCode = received?.sop.type === 'complaint.received' ? received.sop.data.officeCode : log.office;
      if (receivedAt !== null && !inPeriod(filters, receivedAt)) continue;
      const own: Violation[] = [...log.violations];
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

      const policy = whatIfPolicies ? (whatIfPolicies[officeCode] ?? whatIfPolicies['*']) : undefined;
      const clocks = auditClocks(applied, log.recorded, whatIfPolicies ? (policy ?? undefined) : undefined, reference);
      own.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
      violations.push(...own);
      notices.push(...log.notices);
      if (receivedAt === null) continue; // only unparseable or non-complaint records: the violations say it
      complaints.push({
        complaintId: log.complaintId,
        officeCode,
        trackingNumber: received?.sop.type === 'complaint.received' ? received.sop.data.trackingNumber : null,
        receivedAt,
        status: state.status,
        events: log.events.length,
        violations: own.length,
        clocks,
      });

      if (asOfMs !== undefined) {
        let s: ComplaintState = initialState();
        for (const e of applied) {
          if (Date.parse(e.sop.at) > asOfMs) break;
          s = evolve(s, e.sop);
        }
        if (s.status !== 'NEW') asOfComplaints.push({ complaintId: log.complaintId, officeCode, status: s.status, since: s.since });
      }
    }

    if (!keyRing) {
      notices.unshift({ kind: 'SIGNATURES_NOT_CHECKED', complaintId: null, eventId: null, partition: null, offset: null, message: 'signatures not checked: no published keys given (--keys <file> or EVENT_PUBLIC_KEYS)' });
    }
    const byStatus: Partial<Record<ComplaintStatus, number>> = {};
    for (const c of asOfComplaints) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    return {
      referenceTime: now,
      filters,
      records: { ...this.counts },
      signatures: { checked: keyRing !== undefined, keyIds: keyRing ? keyRing.all().map((k) => k.keyId) : [], ...this.signatures },
      whatIfPolicy: whatIfPolicies ? { offices: whatIfPolicies } : null,
      offices: summarise(complaints, violations, whatIfPolicies !== undefined),
      complaints,
      violations,
      notices,
      asOf: asOf === undefined ? null : { at: new Date(asOf).toISOString(), complaints: asOfComplaints, byStatus },
      clean: violations.length === 0,
    };
  }

  private logOf(envelope: Pick<EventEnvelope, 'subject' | 'office'>): ComplaintLog {
    let log = this.complaints.get(envelope.subject);
    if (!log) {
      log = { complaintId: envelope.subject, office: envelope.office, events: [], offices: [], recorded: [], violations: [], notices: [] };
      this.complaints.set(envelope.subject, log);
    }
    return log;
  }

  private unparseable(record: AuditRecord, subject: string | null, office: string | null, reason: string): void {
    this.counts.unparseable++;
    this.counts.inScope++;
    const v: Violation = { kind: 'UNPARSEABLE', code: 'UNPARSEABLE', complaintId: subject, officeCode: office, eventId: null, eventType: null, at: null, partition: record.partition, offset: record.offset, reason };
    if (subject !== null) this.logOf({ subject, office: office ?? '' }).violations.push(v);
    else this.loose.push(v);
  }
}

/** The audit of these records: {@link Auditor} over an array or any iterable. */
export function auditEvents(records: Iterable<AuditRecord>, options: AuditOptions): AuditReport {
  const auditor = new Auditor(options);
  for (const record of records) auditor.add(record);
  return auditor.finish();
}

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

function summarise(complaints: readonly ComplaintAudit[], violations: readonly Violation[], whatIf: boolean): OfficeSummary[] {
  const offices = new Map<string, { complaints: number; events: number; withViolations: number; violations: number; closed: number; late: number; lateWhatIf: number }>();
  const get = (code: string) => {
    let o = offices.get(code);
    if (!o) offices.set(code, (o = { complaints: 0, events: 0, withViolations: 0, violations: 0, closed: 0, late: 0, lateWhatIf: 0 }));
    return o;
  };
  const late = (outcome: string | undefined) => outcome === 'late' || outcome === 'overdue';
  for (const c of complaints) {
    const o = get(c.officeCode);
    o.complaints++;
    o.events += c.events;
    if (c.violations > 0) o.withViolations++;
    if (c.status === 'CLOSED') o.closed++;
    o.late += c.clocks.filter((k) => late(k.asRecorded.outcome)).length;
    o.lateWhatIf += c.clocks.filter((k) => late(k.whatIf?.outcome)).length;
  }
  for (const v of violations) get(v.officeCode ?? '(unknown)').violations++;
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
