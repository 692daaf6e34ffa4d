import type { RunningClock } from './sla-clocks';

/** The working-time arithmetic it needs (sla-policy's WorkingCalendar, named by shape so this file does not import it back). */
interface WorkingDaysCalendar {
  endOfWorkingDays(start: number, days: number): number;
  addWorkingTime(start: number, ms: number): number;
  workingTimeBetween(from: number, to: number): number;
  readonly yearsWithoutData: ReadonlySet<number>;
  readonly provisionalYears: ReadonlySet<number>;
}

/**
 * A clock of working days (the LAPOR! clocks, docs/adr/0055): due at the end of the N-th working
 * day after the day it started, on the office's working calendar whatever the office counts its
 * SOP hours in (its working days, holidays, cuti bersama and days off); warned at the office's
 * share of the working time in between. An office's `deadlineHours` do not apply: the days are LAPOR!'s.
 */
export function workingDaysDeadline(clock: RunningClock, start: number, warningShare: number, calendar: WorkingDaysCalendar) {
  const due = calendar.endOfWorkingDays(start, clock.workingDays ?? Math.round(clock.deadlineHours / 24));
  const warnAt = calendar.addWorkingTime(start, Math.round(calendar.workingTimeBetween(start, due) * warningShare));
  return {
    dueAt: new Date(due).toISOString(),
    warnAt: new Date(warnAt).toISOString(),
    deadlineHours: clock.deadlineHours,
    calendar: 'WORKING_CALENDAR' as const,
    yearsWithoutHolidayData: [...calendar.yearsWithoutData].sort(),
    provisionalYears: [...calendar.provisionalYears].sort(),
  };
}
