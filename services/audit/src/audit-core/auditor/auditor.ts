import { parseEnvelope, toSopEvent, type EventEnvelope, type ParsedEvent } from '@pengaduan/contracts';
import { isComplaintEventType, type ComplaintStatus } from '@pengaduan/sop';
import { hash } from 'node:crypto';
import { auditClocks } from '../clocks';
import type { AuditRecord, AuditSummary, ComplaintAudit, Notice, ReportSink, SignatureVerdict, Violation } from '../report';
import type { AuditOptions } from './audit-options';
import { checkComplaint, stateAsOf, type CheckedComplaint } from './check-complaint';
import { ANY_TIME_EVENT_TYPES, DataAccessRequests } from './data-access-requests';
import { contradicted, emptyLog, recordDeadline, refOf, rememberClosed, type ClosedComplaint, type ComplaintLog, type EventRef, type Refusal } from './complaint-log';
import { emptyTally, summarise, tally, type OfficeTally } from './office-tally';
import { RateableClosings } from './rateable-closings';
import { attribution, inPeriod, inScope } from './record-scope';

const DEFAULT_CLOSED_WINDOW = 10_000;

/** A valid record as every finding about it names it: its complaint, the event, where it was read. */
interface RecordRef {
  complaintId: string;
  officeCode: string;
  eventId: string;
  eventType: string;
  at: string;
  partition: number;
  offset: string;
}

/**
 * The auditors' replay, without I/O: feed it the topic's records in partition order
 * ({@link Auditor.add}); it emits each complaint's findings to the sink when the complaint closes
 * (libs/sop status CLOSED, and nothing more may follow: a closing the reporter may still rate or
 * appeal stays open to the end, docs/adr/0053) and forgets it; {@link Auditor.finish} emits the complaints still open
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
  private readonly rateable = new RateableClosings();
  private readonly dataAccess = new DataAccessRequests();
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
    if (record.value === null) {
      this.unparseable(record, null, null, 'an empty record (tombstone) on the complaint topic');
      return;
    }
    const parsed = this.parseInScope(record, record.value);
    if (!parsed) return;
    const envelope = parsed.envelope;
    this.counts.inScope++;
    const closed = this.closed.get(envelope.subject);
    const standalone = ANY_TIME_EVENT_TYPES.includes(envelope.type) && !this.complaints.has(envelope.subject); // after closing (docs/adr/0057, 0061)
    const log = closed || standalone ? undefined : this.logOf(envelope);
    const base: RecordRef = { complaintId: envelope.subject, officeCode: envelope.office, eventId: envelope.id, eventType: envelope.type, at: envelope.time, partition: record.partition, offset: record.offset };

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

    if (!this.signatureHolds(envelope, verdict, base, log, closed)) return;

    if (earlier) {
      this.violation(log, { ...base, kind: 'DUPLICATE', code: 'DUPLICATE', reason: `event id ${envelope.id} was already used at ${earlier.partition}/${earlier.offset} by an event with other content; this one is left out of the replay` });
      return;
    }
    // The complaint's own id string, not this record's copy: the window holds ~100,000 of these.
    this.seen.set(envelope.id, { digest, partition: record.partition, offset: record.offset, complaintId: log ? log.complaintId : envelope.subject });
    for (const late of this.dataAccess.add(envelope, base)) this.violation(undefined, late);

    if (!log) {
      if (standalone) closed?.ids.push(envelope.id);
      if (standalone) this.counts.complaintEvents++;
      else this.addAfterClose(closed as ClosedComplaint, parsed, base);
      return;
    }
    log.ids.push(envelope.id);
    if (isComplaintEventType(parsed.type)) this.foldComplaintEvent(log, parsed, base);
    else {
      this.countOther(parsed.type);
      recordDeadline(log, envelope);
    }
  }

  /** Records that did not reach the end of the topic, etc.: noted in the report. */
  notice(notice: Notice): void {
    this.totals.notices++;
    this.sink.notice(notice);
  }

  /** Emits every complaint still open and answers the summary (the lists went to the sink). */
  finish(): AuditSummary {
    const { filters = {}, whatIfPolicies, asOf, now, keyRing } = this.options;
    for (const log of this.complaints.values()) this.emit(log, checkComplaint(log));
    for (const overdue of this.dataAccess.overdue(this.reference)) this.violation(undefined, overdue);
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

  /** The record's event when it parses and is in the filters; one that does not parse is a violation when in them. */
  private parseInScope(record: AuditRecord, value: Buffer | Uint8Array | string): ParsedEvent | undefined {
    const filters = this.options.filters ?? {};
    const parsed = parseEnvelope(value);
    if (!parsed.ok) {
      const hint = attribution(value);
      if (!inScope(filters, hint.subject, hint.office)) return undefined;
      this.unparseable(record, hint.subject, hint.office, parsed.reason);
      return undefined;
    }
    return inScope(filters, parsed.envelope.subject, parsed.envelope.office) ? parsed : undefined;
  }

  /** Without keys, true; with them, whether the record's signature verifies: one that does not is refused, never folded. */
  private signatureHolds(envelope: EventEnvelope, verdict: SignatureVerdict | undefined, base: RecordRef, log: ComplaintLog | undefined, closed: ClosedComplaint | undefined): boolean {
    if (!this.options.keyRing) return true;
    const check = verdict ?? this.options.keyRing.verify(envelope);
    if (!check.ok) {
      this.signatures.failed++;
      this.counts.refused++;
      const refusal: Refusal = { ...base, code: check.code, reason: check.reason };
      if (log) log.refused.push(refusal);
      else this.refuse(refusal, closed?.events ?? []);
      return false;
    }
    this.signatures.verified++;
    if (check.ok && verdict?.ok && verdict.chain) {
      // Genuine, folded as such; what its chain says of the log around it is a finding of its complaint.
      this.violation(log, { ...base, kind: 'CHAIN', code: verdict.chain.code, reason: verdict.chain.reason });
    }
    return true;
  }

  /** A verified record of a complaint already reported as closed. */
  private addAfterClose(closed: ClosedComplaint, parsed: ParsedEvent, base: RecordRef): void {
    closed.ids.push(parsed.envelope.id);
    if (isComplaintEventType(parsed.type)) {
      this.counts.complaintEvents++;
      this.violation(undefined, { ...base, kind: 'ILLEGAL_TRANSITION', code: 'ILLEGAL_TRANSITION', reason: `${parsed.type} cannot follow status CLOSED: complaint ${parsed.envelope.subject} was closed before this event (its report was already written)` });
    } else this.countOther(parsed.type);
  }

  /** A complaint event into its complaint's history; the complaint's report goes out when it leaves it closed. */
  private foldComplaintEvent(log: ComplaintLog, parsed: ParsedEvent, base: RecordRef): void {
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
    log.events.push({ sop, eventId: base.eventId, partition: base.partition, offset: base.offset });
    log.offices.push(parsed.envelope.office);
    if (sop.type === 'complaint.closed') this.closeIfClosed(log);
  }

  private countOther(type: string): void {
    if (type.startsWith('sla.')) this.counts.slaEvents++;
    else this.counts.otherEvents++;
  }

  /**
   * At a complaint's `complaint.closed`: when its history leaves it CLOSED, emit its report and
   * forget it; a closing the reporter may still rate or appeal (docs/adr/0053) is kept open, the
   * oldest such beyond the rateable window reported and forgotten.
   */
  private closeIfClosed(log: ComplaintLog): void {
    const checked = checkComplaint(log);
    if (checked.state.status !== 'CLOSED') return;
    const due = this.complaints.get(this.rateable.dueAt(log.complaintId, checked.state, this.options.rateableWindow) ?? '');
    if (!due) return;
    const dueChecked = due === log ? checked : checkComplaint(due);
    this.emit(due, dueChecked);
    this.complaints.delete(due.complaintId);
    rememberClosed(this.closed, this.seen, due.complaintId, { officeCode: dueChecked.officeCode, events: due.events.filter((e) => !e.assumed).map(refOf), ids: due.ids }, this.options.closedWindow ?? DEFAULT_CLOSED_WINDOW);
  }

  /** Emits a complaint's report: its violations, refused events, notices, the complaint and its state as of. */
  private emit(log: ComplaintLog, checked: CheckedComplaint): void {
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
    if (this.asOfMs !== undefined) this.emitAsOf(log, officeCode, applied);
  }

  /** The complaint's state as of the audit's `asOf`, unless it was not received yet then. */
  private emitAsOf(log: ComplaintLog, officeCode: string, applied: CheckedComplaint['applied']): void {
    const s = stateAsOf(applied, this.asOfMs as number);
    if (s.status !== 'NEW') {
      this.byStatus[s.status] = (this.byStatus[s.status] ?? 0) + 1;
      this.sink.asOf({ complaintId: log.complaintId, officeCode, status: s.status, since: s.since });
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

  /** Emits a refused event with the genuine event of its complaint it competes with. */
  private refuse(r: Refusal, genuine: readonly EventRef[]): void {
    this.totals.refused++;
    this.sink.refused({ ...r, contradicts: contradicted(r, genuine) });
  }

  private office(code: string): OfficeTally {
    let o = this.offices.get(code);
    if (!o) this.offices.set(code, (o = emptyTally()));
    return o;
  }

  private logOf(envelope: Pick<EventEnvelope, 'subject' | 'office'>): ComplaintLog {
    let log = this.complaints.get(envelope.subject);
    if (!log) {
      log = emptyLog(envelope);
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
