import { CLOCK_IDS, computeDeadline, DEFAULT_SLA_POLICY, evolve, initialState, runningClocks, type ComplaintState, type RunningClock, type SlaPolicy } from '@pengaduan/sop';
import type { LoggedEvent } from './check-history';
import type { ClockAudit, ClockVerdict, SlaOutcome } from './report';

/** A due time sla-monitor recorded (`sla.deadline-started`), by clock key. */
export interface RecordedDeadline {
  readonly key: string;
  readonly startedAt: string;
  readonly dueAt: string;
}

/**
 * Every clock of a complaint from its events alone, as sla-monitor runs them (libs/sop
 * `runningClocks` before and after each event: a key that appears starts a clock, one that
 * disappears stops it at the event's time), with its duration and outcome as recorded and,
 * given a what-if policy, under it.
 *
 * @param referenceTime - epoch ms: where open clocks are measured to (the as-of or audit time)
 */
export function auditClocks(
  events: readonly LoggedEvent[],
  recorded: readonly RecordedDeadline[],
  whatIf: SlaPolicy | undefined,
  referenceTime: number,
): ClockAudit[] {
  const open = new Map<string, { clock: RunningClock; openedBy: string }>();
  const done: ClockAudit[] = [];
  let state: ComplaintState = initialState();
  const finish = (clock: RunningClock, openedBy: string, stop: { at: string; eventId: string } | null): ClockAudit => {
    const end = stop ? Date.parse(stop.at) : referenceTime;
    const rec = recorded.find((r) => r.key === clock.key && r.startedAt === clock.startedAt) ?? recorded.find((r) => r.key === clock.key);
    const dueAt = rec?.dueAt ?? computeDeadline(clock, DEFAULT_SLA_POLICY).dueAt;
    return {
      key: clock.key,
      clockId: clock.clockId,
      sectionCode: clock.sectionCode ?? null,
      startedAt: clock.startedAt,
      openedByEventId: openedBy,
      stoppedAt: stop?.at ?? null,
      stoppedByEventId: stop?.eventId ?? null,
      durationMs: Math.max(0, end - Date.parse(clock.startedAt)),
      asRecorded: { ...verdict(dueAt, end, stop !== null), dueSource: rec ? 'sla-monitor' : 'default-policy' },
      ...(whatIf ? { whatIf: verdict(computeDeadline(clock, whatIf).dueAt, end, stop !== null) } : {}),
    };
  };
  for (const event of events) {
    state = evolve(state, event.sop);
    const running = runningClocks(state);
    const keys = new Set(running.map((c) => c.key));
    for (const [key, o] of open) {
      if (keys.has(key)) continue;
      done.push(finish(o.clock, o.openedBy, { at: event.sop.at, eventId: event.eventId }));
      open.delete(key);
    }
    for (const clock of running) if (!open.has(clock.key)) open.set(clock.key, { clock, openedBy: event.eventId });
  }
  for (const o of open.values()) done.push(finish(o.clock, o.openedBy, null));
  const order = (c: ClockAudit) => CLOCK_IDS.indexOf(c.clockId);
  return done.sort((a, b) => order(a) - order(b) || Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.key.localeCompare(b.key));
}

function verdict(dueAt: string, end: number, stopped: boolean): ClockVerdict {
  const late = end > Date.parse(dueAt);
  const outcome: SlaOutcome = stopped ? (late ? 'late' : 'on-time') : late ? 'overdue' : 'open';
  return { dueAt, outcome };
}
