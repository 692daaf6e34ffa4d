import type { SignatureCheck } from '@pengaduan/contracts';
import type { ClockId, ComplaintStatus, SlaPolicy } from '@pengaduan/sop';

/** One record of the complaint topic, as the reader (or a test, or the bench) hands it over. */
export interface AuditRecord {
  readonly partition: number;
  /** The record's offset (Kafka's decimal string). */
  readonly offset: string;
  /** The record's value: the event's JSON, or null for a tombstone. */
  readonly value: Buffer | Uint8Array | string | null;
}

/**
 * What a violation is about:
 * - `UNPARSEABLE`: not a valid event (JSON, envelope, payload) or not mappable to libs/sop;
 * - `SIGNATURE`: no longer a violation: with published keys such events are refused ({@link RefusedEvent});
 * - `DUPLICATE`: an event id used again for different content;
 * - `WRONG_ROLE`: recorded by an actor the SOP does not allow to fire the command behind the event;
 * - `MISSING_STEP`: a step the event needs is not in the log (skipped; `complaint.received` absent; a follower absent);
 * - `ILLEGAL_TRANSITION`: any other event that cannot follow the complaint's state (libs/sop `verifyHistory`);
 * - `INCONSISTENT`: the envelope disagrees with the complaint (another office than its `complaint.received`'s);
 * - `CHAIN`: a genuine event whose hash chain shows events removed before it or the log reordered
 *   (`CHAIN.GAP`, `CHAIN.BROKEN`, `CHAIN.OUT_OF_ORDER`; ADR 0034);
 * - `DATA_ACCESS_LATE`: an access request to personal data answered after its 3 × 24 hours
 *   (`DATA_ACCESS.ANSWERED_LATE`), or unanswered past them at the audit's time
 *   (`DATA_ACCESS.OVERDUE`): a breach of UU 27/2022 Pasal 32 (ADR 0061).
 */
export type ViolationKind = 'UNPARSEABLE' | 'SIGNATURE' | 'DUPLICATE' | 'WRONG_ROLE' | 'MISSING_STEP' | 'ILLEGAL_TRANSITION' | 'INCONSISTENT' | 'CHAIN' | 'DATA_ACCESS_LATE';

export interface Violation {
  readonly kind: ViolationKind;
  /** The complaint (the envelope's `subject`), or null when the record names none. */
  readonly complaintId: string | null;
  readonly officeCode: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  /** The event's time, when known. */
  readonly at: string | null;
  readonly partition: number;
  readonly offset: string;
  /** A stable code: libs/contracts' `EVENT.*` for signatures, else the kind. */
  readonly code: string;
  readonly reason: string;
}

/**
 * An event the replay refused to fold (only with published keys): it does not verify against a key
 * published for its source — unsigned, an unknown key, a key of another source, a signature that
 * does not hold (forged, or an altered copy of a genuine event). It never changes a complaint's
 * state, SLA or findings; `contradicts` names the genuine event of the same complaint it competes
 * with (the same id, else the same type), when there is one.
 */
export interface RefusedEvent {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly eventId: string;
  readonly eventType: string;
  /** The time the event claims. */
  readonly at: string;
  readonly partition: number;
  readonly offset: string;
  /** libs/contracts' `EVENT.UNSIGNED`, `EVENT.UNKNOWN_KEY`, `EVENT.KEY_NOT_FOR_SOURCE`, `EVENT.BAD_SIGNATURE`. */
  readonly code: string;
  readonly reason: string;
  readonly contradicts: GenuineEventRef | null;
}

/** A genuine (verified, folded) event a refused one competes with. */
export interface GenuineEventRef {
  /** `same-id`: the refused event reuses its id (an altered copy); `same-type`: the same step of the same complaint. */
  readonly relation: 'same-id' | 'same-type';
  readonly eventId: string;
  readonly eventType: string;
  readonly at: string;
  readonly partition: number;
  readonly offset: string;
}

/** Something an auditor should know that is not a violation. */
export interface Notice {
  readonly kind: 'REDELIVERED' | 'SIGNATURES_NOT_CHECKED' | 'FOLLOWER_ASSUMED' | 'INCOMPLETE_READ';
  readonly complaintId: string | null;
  readonly eventId: string | null;
  readonly partition: number | null;
  readonly offset: string | null;
  readonly message: string;
}

/** `on-time`/`late`: the clock stopped before/after its due time; `open`/`overdue`: still running, before/after it at the reference time. */
export type SlaOutcome = 'on-time' | 'late' | 'open' | 'overdue';

export interface ClockVerdict {
  readonly dueAt: string;
  readonly outcome: SlaOutcome;
}

/** One clock of a complaint (a step, a section's response, the 72 h target or the 60 days), from the events alone. */
export interface ClockAudit {
  /** libs/sop `RunningClock.key`: `CONFIRM`, `SECTION_RESPONSE:INTELDAKIM`, `SOP_TARGET` … */
  readonly key: string;
  readonly clockId: ClockId;
  readonly sectionCode: string | null;
  readonly startedAt: string;
  readonly openedByEventId: string;
  readonly stoppedAt: string | null;
  readonly stoppedByEventId: string | null;
  /** Wall-clock milliseconds from start to stop (to the reference time while open). */
  readonly durationMs: number;
  /**
   * As recorded: against the due time sla-monitor recorded for this clock (`sla.deadline-started`
   * on the topic), or, where there is none, the due time under libs/sop's default policy.
   */
  readonly asRecorded: ClockVerdict & { readonly dueSource: 'sla-monitor' | 'default-policy' };
  /** Under the `--policy` file's policy for the complaint's office (what-if); absent without one. */
  readonly whatIf?: ClockVerdict;
}

export interface ComplaintAudit {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly trackingNumber: string | null;
  /** The time of `complaint.received` (else the first event's). */
  readonly receivedAt: string;
  /** libs/sop status after the events that apply (illegal ones are left out). */
  readonly status: ComplaintStatus;
  readonly events: number;
  readonly violations: number;
  readonly clocks: readonly ClockAudit[];
}

export interface OfficeSummary {
  readonly officeCode: string;
  readonly complaints: number;
  readonly events: number;
  readonly complaintsWithViolations: number;
  readonly violations: number;
  readonly closed: number;
  readonly open: number;
  /** Clocks late or overdue, as recorded. */
  readonly lateClocks: number;
  /** Clocks late or overdue under the what-if policy (null without one). */
  readonly lateClocksWhatIf: number | null;
}

export interface AsOfComplaint {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly status: ComplaintStatus;
  /** When it entered that status. */
  readonly since: string;
}

export interface AuditFilters {
  readonly office?: string;
  readonly complaintId?: string;
  /** Complaints received at or after (ISO-8601). */
  readonly from?: string;
  /** Complaints received before (ISO-8601). */
  readonly to?: string;
}

/** What the replay emits as it goes: each complaint when it closes (open ones at the end), each finding when known. */
export interface ReportSink {
  complaint(complaint: ComplaintAudit): void;
  violation(violation: Violation): void;
  refused(event: RefusedEvent): void;
  notice(notice: Notice): void;
  asOf(complaint: AsOfComplaint): void;
}

/** The report without its lists: what `Auditor.finish` answers once the lists went to the sink. */
export interface AuditSummary extends Omit<AuditReport, 'complaints' | 'violations' | 'refused' | 'notices' | 'asOf'> {
  readonly asOf: { readonly at: string; readonly byStatus: Readonly<Partial<Record<ComplaintStatus, number>>> } | null;
  readonly totals: { readonly complaints: number; readonly violations: number; readonly refused: number; readonly notices: number };
}

/** The report's lists, in the order emitted: arrays, or read back from where a streaming replay spooled them. */
export interface AuditLists {
  readonly complaints: Iterable<ComplaintAudit>;
  readonly violations: Iterable<Violation>;
  readonly refused: Iterable<RefusedEvent>;
  readonly notices: Iterable<Notice>;
  readonly asOfComplaints: Iterable<AsOfComplaint>;
}

export interface AuditReport {
  /** The audit's time (passed in), where open clocks are measured to. */
  readonly referenceTime: string;
  readonly filters: AuditFilters;
  readonly records: {
    readonly read: number;
    readonly inScope: number;
    readonly complaintEvents: number;
    readonly slaEvents: number;
    readonly otherEvents: number;
    readonly unparseable: number;
    readonly redelivered: number;
    /** Events refused (not verified against a key published for their source): never folded. */
    readonly refused: number;
  };
  readonly signatures: { readonly checked: boolean; readonly keyIds: readonly string[]; readonly verified: number; readonly failed: number };
  readonly whatIfPolicy: { readonly offices: Readonly<Record<string, SlaPolicy>> } | null;
  readonly offices: readonly OfficeSummary[];
  readonly complaints: readonly ComplaintAudit[];
  readonly violations: readonly Violation[];
  /** Events not folded because they do not verify (only with published keys). */
  readonly refused: readonly RefusedEvent[];
  readonly notices: readonly Notice[];
  readonly asOf: { readonly at: string; readonly complaints: readonly AsOfComplaint[]; readonly byStatus: Readonly<Partial<Record<ComplaintStatus, number>>> } | null;
  /** No violations and no refused event. */
  readonly clean: boolean;
}

/**
 * A record's signature checked ahead of {@link Auditor.add}, from the same bytes (the verification
 * pool's threads): the same verdict `keyRing.verify` gives, without the key id.
 */
export type SignatureVerdict = { readonly ok: true; readonly chain?: ChainFinding } | Extract<SignatureCheck, { ok: false }>;

/**
 * A genuine event that does not link to the last genuine event of its hash chain (ADR 0034):
 * events are missing before it (`CHAIN.GAP`), it names another predecessor than the one read
 * (`CHAIN.BROKEN`), or it comes after a later one (`CHAIN.OUT_OF_ORDER`).
 */
export interface ChainFinding {
  readonly code: 'CHAIN.GAP' | 'CHAIN.BROKEN' | 'CHAIN.OUT_OF_ORDER';
  readonly reason: string;
}
