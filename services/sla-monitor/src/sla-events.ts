import { timestampFromDate, durationFromMs } from '@bufbuild/protobuf/wkt';
import { createEnvelope, type EventEnvelope, type EventType } from '@pengaduan/contracts';

/** The `source` of sla-monitor's events. */
export const SLA_MONITOR_SOURCE = 'pengaduan/sla-monitor';

/** A deadline row as the scheduler and the tracker read it. */
export interface DeadlineRow {
  id: string;
  complaint_id: string;
  office_code: string;
  clock_key: string;
  clock_id: string;
  section_code: string | null;
  responsible_role: string;
  escalates_to: string;
  started_at: Date;
  warn_at: Date;
  due_at: Date;
  deadline_hours: number;
  calendar: string;
  opened_by_event_id: string;
  warned_at: Date | null;
  breached_at: Date | null;
  stopped_at?: Date | null;
}

interface Context {
  /** When the event is emitted (the monitor's clock). */
  now: Date;
  correlationId: string;
  causationId?: string;
}

function envelope<T extends EventType>(type: T, row: DeadlineRow, ctx: Context, data: Parameters<typeof createEnvelope<T>>[0]['data']): EventEnvelope {
  return createEnvelope({
    type,
    source: SLA_MONITOR_SOURCE,
    subject: row.complaint_id,
    office: row.office_code,
    actor: { kind: 'system', service: 'sla-monitor' },
    correlationId: ctx.correlationId,
    ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
    time: ctx.now,
    data,
  });
}

const section = (row: DeadlineRow) => (row.section_code === null ? {} : { sectionCode: row.section_code });
const ts = timestampFromDate;

export const slaEvents = {
  started(row: DeadlineRow, ctx: Context): EventEnvelope {
    return envelope('sla.deadline-started', row, ctx, {
      deadlineId: row.id,
      stepId: row.clock_id,
      ...section(row),
      startedAt: ts(row.started_at),
      dueAt: ts(row.due_at),
      warnAt: ts(row.warn_at),
      deadlineHours: row.deadline_hours,
      calendar: row.calendar,
      responsibleRole: row.responsible_role,
      escalatesTo: row.escalates_to,
      openedByEventId: row.opened_by_event_id,
    });
  },
  warning(row: DeadlineRow, ctx: Context): EventEnvelope {
    return envelope('sla.deadline-warning', row, ctx, {
      deadlineId: row.id,
      stepId: row.clock_id,
      ...section(row),
      startedAt: ts(row.started_at),
      dueAt: ts(row.due_at),
      remaining: durationFromMs(Math.max(0, row.due_at.getTime() - ctx.now.getTime())),
      responsibleRole: row.responsible_role,
    });
  },
  breached(row: DeadlineRow, ctx: Context): EventEnvelope {
    return envelope('sla.deadline-breached', row, ctx, {
      deadlineId: row.id,
      stepId: row.clock_id,
      ...section(row),
      startedAt: ts(row.started_at),
      dueAt: ts(row.due_at),
      responsibleRole: row.responsible_role,
    });
  },
  escalated(row: DeadlineRow, ctx: Context): EventEnvelope {
    return envelope('sla.escalated', row, ctx, {
      deadlineId: row.id,
      stepId: row.clock_id,
      ...section(row),
      dueAt: ts(row.due_at),
      escalatedToRole: row.escalates_to,
      lateness: durationFromMs(Math.max(0, ctx.now.getTime() - row.due_at.getTime())),
      level: 1,
    });
  },
  stopped(row: DeadlineRow, stop: { at: Date; eventId: string; eventType: string }, ctx: Context): EventEnvelope {
    return envelope('sla.deadline-stopped', row, ctx, {
      deadlineId: row.id,
      stepId: row.clock_id,
      ...section(row),
      startedAt: ts(row.started_at),
      dueAt: ts(row.due_at),
      stoppedAt: ts(stop.at),
      lateness: durationFromMs(Math.max(0, stop.at.getTime() - row.due_at.getTime())),
      elapsed: durationFromMs(Math.max(0, stop.at.getTime() - row.started_at.getTime())),
      stoppedByEventId: stop.eventId,
      stoppedByEventType: stop.eventType,
    });
  },
};
