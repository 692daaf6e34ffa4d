// Test support: one deadline of the SLA monitor on a complaint's history, its events made as
// the monitor publishes them (see ComplaintHistory.deadlineStarted).
import { durationFromMs, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { createEnvelope, type CreateEnvelopeInput, type EventEnvelope } from '@pengaduan/contracts';
import type { SlaEventType } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';

/** Where a deadline's events go: a complaint history (ComplaintHistory), which appends them to its envelopes. */
export interface SlaEventLog {
  readonly envelopes: readonly EventEnvelope[];
  /** The time of the history's last event. */
  readonly now: Date;
  slaEvent<T extends SlaEventType>(type: T, time: Date, data: CreateEnvelopeInput<T>['data']): EventEnvelope;
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
  readonly started: EventEnvelope;

  constructor(
    private readonly history: SlaEventLog,
    readonly facts: DeadlineFacts,
  ) {
    const opener = history.envelopes.at(-1);
    this.started = history.slaEvent('sla.deadline-started', facts.startedAt, {
      ...this.payloadBase(),
      startedAt: timestampFromDate(facts.startedAt),
      dueAt: timestampFromDate(facts.dueAt),
      warnAt: timestampFromDate(facts.warnAt),
      deadlineHours: facts.deadlineHours,
      calendar: facts.calendar,
      responsibleRole: facts.responsibleRole,
      escalatesTo: facts.escalatesTo,
      openedByEventId: opener?.id ?? randomUUID(),
    });
  }

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
  private payloadBase(): { deadlineId: string; stepId: string; sectionCode?: string } {
    return { deadlineId: this.facts.deadlineId, stepId: this.facts.stepId, ...(this.facts.sectionCode === undefined ? {} : { sectionCode: this.facts.sectionCode }) };
  }
}

/**
 * A lone `sla.deadline-warning` for a complaint, as the SLA monitor publishes one three hours
 * before the CONFIRM step is due: a type the complaint-state consumers pass over.
 */
export function deadlineWarning(complaintId: string, options: { office?: string; at?: Date; deadlineId?: string } = {}): EventEnvelope {
  const at = options.at ?? new Date('2026-11-27T12:00:00Z');
  const dueAt = new Date(at.getTime() + 3 * 3_600_000);
  return createEnvelope({
    type: 'sla.deadline-warning',
    source: 'pengaduan/sla-monitor',
    subject: complaintId,
    office: options.office ?? 'BLP',
    actor: 'system:sla-monitor',
    correlationId: randomUUID(),
    time: at,
    data: {
      deadlineId: options.deadlineId ?? randomUUID(),
      stepId: 'CONFIRM',
      startedAt: timestampFromDate(new Date(dueAt.getTime() - 12 * 3_600_000)),
      dueAt: timestampFromDate(dueAt),
      remaining: durationFromMs(3 * 3_600_000),
      responsibleRole: 'ADMIN_TIKKIM',
    },
  });
}
