import { appendToOutbox, applyComplaintEvent, type ConsumedEvent } from '@pengaduan/messaging';
import { Clock, type Logger } from '@pengaduan/runtime';
import { computeDeadline, runningClocks, type ComplaintState, type RunningClock } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { OfficePolicies } from '../office-policy/office-policies';
import { slaEvents, type DeadlineRow } from '../sla-events';

/** sla-monitor's consumer group on the complaint stream. */
export const SLA_MONITOR_CONSUMER_GROUP = 'sla-monitor';

/**
 * Keeps one deadline row per clock that runs in a complaint (libs/sop `runningClocks`): for each
 * complaint event, folded into sla-monitor's own complaint state, a clock that appeared starts
 * a deadline (due time under the office's policy, copied onto the row) and emits
 * `sla.deadline-started`; a clock that disappeared stops its deadline at the event's time,
 * recording how late it was, and emits `sla.deadline-stopped`. Rows, events and the inbox row
 * commit in the event's transaction, so a redelivered event changes nothing. A stop takes the
 * row's lock, so a scheduler that has not yet fired it skips it (SKIP LOCKED) or, after the
 * commit, no longer finds it due.
 */
export class DeadlineTracker {
  constructor(
    private readonly policies: OfficePolicies,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async handle(event: ConsumedEvent, tx: EntityManager): Promise<void> {
    const applied = await applyComplaintEvent(event, tx);
    if (!applied) return; // sla.* events change no clock
    const complaintId = event.envelope.subject;
    const [row] = (await tx.query('SELECT office_code, state FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { office_code: string; state: ComplaintState }[];
    const wanted = new Map(runningClocks(row.state).map((c) => [c.key, c]));
    const existing = (await tx.query('SELECT * FROM deadline WHERE complaint_id = $1 FOR UPDATE', [complaintId])) as DeadlineRow[];
    const known = new Map(existing.map((d) => [d.clock_key, d]));
    const ctx = { now: this.clock.now(), correlationId: event.envelope.correlationid, causationId: event.envelope.id };
    const envelopes = [];

    for (const deadline of existing) {
      if (deadline.stopped_at || wanted.has(deadline.clock_key)) continue;
      const at = new Date(event.envelope.time);
      await tx.query(
        `UPDATE deadline SET stopped_at = $2, stopped_by_event_id = $3, next_fire_at = NULL, lateness_ms = GREATEST(0, (extract(epoch FROM ($2::timestamptz - due_at)) * 1000)::bigint)
          WHERE id = $1`,
        [deadline.id, at, event.envelope.id],
      );
      envelopes.push(slaEvents.stopped(deadline, { at, eventId: event.envelope.id, eventType: event.envelope.type }, ctx));
    }

    for (const clock of wanted.values()) {
      if (known.has(clock.key)) continue;
      const deadline = await this.start(tx, complaintId, row.office_code, clock, event.envelope.id);
      envelopes.push(slaEvents.started(deadline, ctx));
    }
    await appendToOutbox(tx, envelopes);
  }

  private async start(tx: EntityManager, complaintId: string, officeCode: string, clock: RunningClock, openedBy: string): Promise<DeadlineRow> {
    const policy = await this.policies.of(tx, officeCode);
    const computed = computeDeadline(clock, policy);
    if (computed.yearsWithoutHolidayData.length > 0 || computed.provisionalYears.length > 0) {
      this.logger.warn(
        { complaintId, clock: clock.key, yearsWithoutHolidayData: computed.yearsWithoutHolidayData, provisionalYears: computed.provisionalYears },
        'deadline computed with missing or provisional holiday data; add the year to libs/sop calendars',
      );
    }
    const deadline: DeadlineRow = {
      id: uuidv7(),
      complaint_id: complaintId,
      office_code: officeCode,
      clock_key: clock.key,
      clock_id: clock.clockId,
      section_code: clock.sectionCode ?? null,
      responsible_role: clock.responsibleRole,
      escalates_to: clock.escalatesTo,
      started_at: new Date(clock.startedAt),
      warn_at: new Date(computed.warnAt),
      due_at: new Date(computed.dueAt),
      deadline_hours: computed.deadlineHours,
      calendar: computed.calendar,
      opened_by_event_id: openedBy,
      warned_at: null,
      breached_at: null,
    };
    await tx.query(
      `INSERT INTO deadline (id, complaint_id, office_code, clock_key, clock_id, section_code, responsible_role, escalates_to,
         started_at, warn_at, due_at, deadline_hours, calendar, policy, opened_by_event_id, next_fire_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $10)`,
      [
        deadline.id,
        complaintId,
        officeCode,
        clock.key,
        clock.clockId,
        deadline.section_code,
        deadline.responsible_role,
        deadline.escalates_to,
        deadline.started_at,
        deadline.warn_at,
        deadline.due_at,
        deadline.deadline_hours,
        deadline.calendar,
        JSON.stringify(policy),
        openedBy,
      ],
    );
    return deadline;
  }
}
