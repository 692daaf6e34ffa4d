import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { durationMs, timestampDate } from '@bufbuild/protobuf/wkt';
import type { ParsedEvent } from '@pengaduan/contracts';
import type { EntityManager } from 'typeorm';
import { ProjectionError } from './projection-error';

type SlaEvent = Extract<ParsedEvent, { type: `sla.${string}` }>;

export function isSlaEvent(event: ParsedEvent): event is SlaEvent {
  return event.type.startsWith('sla.');
}

/**
 * Applies an `sla.*` event to `sla_deadline`, in the consumer's transaction. A deadline's
 * events come in order (started → warning → breached → escalated → stopped, per complaint key),
 * so one about a deadline never started is a gap in the stream or a wrong producer: a
 * ProjectionError (to the DLQ), never dropped. Each write keeps what is already there
 * (COALESCE), so applying an event twice changes nothing, even past the inbox.
 */
export async function applySlaEvent(event: SlaEvent, tx: EntityManager): Promise<void> {
  const { envelope } = event;
  const complaintId = envelope.subject;
  const at = new Date(envelope.time);
  switch (event.type) {
    case 'sla.deadline-started': {
      const p = event.payload;
      await startDeadline(tx, complaintId, envelope.id, {
        deadlineId: p.deadlineId,
        stepId: p.stepId,
        sectionCode: p.sectionCode ?? null,
        startedAt: required(p.startedAt, 'startedAt', event),
        dueAt: required(p.dueAt, 'dueAt', event),
        warnAt: required(p.warnAt, 'warnAt', event),
        deadlineHours: p.deadlineHours,
        calendar: p.calendar,
        responsibleRole: p.responsibleRole,
        escalatesTo: p.escalatesTo,
      });
      return;
    }
    case 'sla.deadline-warning':
      await updateDeadline(tx, event, 'warned_at = COALESCE(warned_at, $3)', [at]);
      return;
    case 'sla.deadline-breached':
      await updateDeadline(tx, event, 'breached_at = COALESCE(breached_at, $3)', [at]);
      return;
    case 'sla.escalated':
      // A higher level (should the monitor ever escalate again) replaces the lower one; the same level again changes nothing.
      await updateDeadline(
        tx,
        event,
        `escalated_to_role = CASE WHEN escalation_level IS NULL OR $4 > escalation_level THEN $5 ELSE escalated_to_role END,
         escalated_at = CASE WHEN escalation_level IS NULL OR $4 > escalation_level THEN $3 ELSE escalated_at END,
         escalation_level = GREATEST(COALESCE(escalation_level, 0), $4)`,
        [at, event.payload.level, event.payload.escalatedToRole],
      );
      return;
    case 'sla.deadline-stopped': {
      const p = event.payload;
      await updateDeadline(
        tx,
        event,
        `stopped_at = COALESCE(stopped_at, $3), stopped_by_event_type = COALESCE(stopped_by_event_type, $4),
         lateness_ms = COALESCE(lateness_ms, $5), elapsed_ms = COALESCE(elapsed_ms, $6)`,
        [required(p.stoppedAt, 'stoppedAt', event), p.stoppedByEventType, millisOf(p.lateness), millisOf(p.elapsed)],
      );
      return;
    }
    default:
      return assertNever(event);
  }
}

interface StartedDeadline {
  deadlineId: string;
  stepId: string;
  sectionCode: string | null;
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
  deadlineHours: number;
  calendar: string;
  responsibleRole: string;
  escalatesTo: string;
}

async function startDeadline(tx: EntityManager, complaintId: string, eventId: string, d: StartedDeadline): Promise<void> {
  // The office comes from the complaint's view, which office scope reads everywhere else.
  const inserted = (await tx.query(
    `INSERT INTO sla_deadline (deadline_id, complaint_id, office_code, step_id, section_code, started_at, due_at, warn_at,
       deadline_hours, calendar, responsible_role, escalates_to)
     SELECT $1, v.id, v.office_code, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM complaint_view v WHERE v.id = $2
     ON CONFLICT (deadline_id) DO NOTHING
     RETURNING deadline_id`,
    [d.deadlineId, complaintId, d.stepId, d.sectionCode, d.startedAt, d.dueAt, d.warnAt, d.deadlineHours, d.calendar, d.responsibleRole, d.escalatesTo],
  )) as unknown[];
  if (inserted.length > 0) return;
  const [existing] = (await tx.query('SELECT complaint_id FROM sla_deadline WHERE deadline_id = $1', [d.deadlineId])) as { complaint_id: string }[];
  if (!existing) {
    throw new ProjectionError('PROJECTION.UNKNOWN_COMPLAINT', `sla.deadline-started ${eventId} is about complaint ${complaintId}, which the read model never received`);
  }
  if (existing.complaint_id !== complaintId) {
    throw new ProjectionError('PROJECTION.DEADLINE_MISMATCH', `sla.deadline-started ${eventId} starts deadline ${d.deadlineId} of complaint ${complaintId}, already started for another complaint`);
  }
}

/** Sets `assignments` ($3 on) on the complaint's deadline; one never started is a ProjectionError. */
async function updateDeadline(tx: EntityManager, event: SlaEvent, assignments: string, values: unknown[]): Promise<void> {
  const { envelope, payload } = event;
  // Selected from a CTE so the driver answers rows (TypeORM answers [rows, count] to a bare UPDATE).
  const rows = (await tx.query(
    `WITH updated AS (UPDATE sla_deadline SET ${assignments} WHERE deadline_id = $1 AND complaint_id = $2 RETURNING deadline_id)
     SELECT deadline_id FROM updated`,
    [payload.deadlineId, envelope.subject, ...values],
  )) as unknown[];
  if (rows.length === 0) {
    throw new ProjectionError(
      'PROJECTION.UNKNOWN_DEADLINE',
      `${envelope.type} ${envelope.id} is about deadline ${payload.deadlineId} of complaint ${envelope.subject}, which was never started`,
    );
  }
}

function required(value: Timestamp | undefined, field: string, event: SlaEvent): Date {
  if (!value) throw new ProjectionError('PROJECTION.UNSUPPORTED_PAYLOAD', `${event.type} ${event.envelope.id} has no ${field}`);
  return timestampDate(value);
}

/** A duration in whole milliseconds, as a string for a bigint column; zero when absent (proto3 default). */
function millisOf(duration: Parameters<typeof durationMs>[0] | undefined): string {
  return duration ? String(Math.round(durationMs(duration))) : '0';
}

function assertNever(value: never): never {
  throw new Error(`no SLA projection for ${JSON.stringify((value as { type?: unknown }).type)}`);
}
