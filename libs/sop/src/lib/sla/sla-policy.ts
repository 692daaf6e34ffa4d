import { FIELD_RULES } from '../field-rules';
import { CLOCK_IDS, isClockId, type ClockId, type RunningClock } from './sla-clocks';
import { HOLIDAY_CALENDARS, type HolidayCalendarYear } from './holiday-calendars';
import { workingDaysDeadline } from './working-days';

/** Indonesia's time zones (none observes daylight saving): WIB, WITA, WIT. */
export const OFFICE_TIME_ZONES = { 'Asia/Jakarta': 7 * 60, 'Asia/Makassar': 8 * 60, 'Asia/Jayapura': 9 * 60 } as const;
export type OfficeTimeZone = keyof typeof OFFICE_TIME_ZONES;

/** ISO weekdays, Monday = 1 … Sunday = 7. */
export type IsoWeekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export const ISO_WEEKDAYS: readonly IsoWeekday[] = ['1', '2', '3', '4', '5', '6', '7'];

/** One of the office's own days off: a date (`YYYY-MM-DD`, in the office's time zone) and its name. */
export interface OfficeDayOff {
  readonly date: string;
  /** E.g. `Hari jadi Kota Batam`; empty for a day a file gave as a bare date. */
  readonly name: string;
}

/** How an office counts its SLA hours, per office, as data. */
export interface SlaPolicy {
  /** `WALL_CLOCK`: every hour counts (the default). `WORKING_CALENDAR`: only working hours count. */
  readonly calendar: 'WALL_CLOCK' | 'WORKING_CALENDAR';
  readonly timeZone: OfficeTimeZone;
  /** Working periods per ISO weekday as `HH:MM-HH:MM` in the office's time zone; a day absent or empty is not worked. */
  readonly workingHours: Readonly<Partial<Record<IsoWeekday, readonly string[]>>>;
  /** Which holiday calendar applies (`ID`: hari libur nasional), or null for none. */
  readonly holidayCalendar: string | null;
  /** Whether the SKB's cuti bersama are days off for the office (`NON_WORKING`) or served (`WORKING`). */
  readonly cutiBersama: 'NON_WORKING' | 'WORKING';
  /** The office's own days off (a regional holiday, a day the office is closed), named; a file may give a bare `YYYY-MM-DD`. */
  readonly extraNonWorkingDays: readonly OfficeDayOff[];
  /** Deadline hours per clock, where the office's differ from libs/sop's (12 h per step, 72 h in all). */
  readonly deadlineHours: Readonly<Partial<Record<ClockId, number>>>;
  /** Share of a deadline's time after which the warning is raised (0 < share < 1). */
  readonly warningShare: number;
}

/**
 * The default: wall-clock hours (the SOP's "12 jam"), WIB, a warning at 75 %, and — for an
 * office that switches to a working calendar — the civil service's hours (Monday–Thursday
 * 07:30–16:00, Friday 07:30–16:30), national holidays and cuti bersama off.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  calendar: 'WALL_CLOCK',
  timeZone: 'Asia/Jakarta',
  workingHours: { '1': ['07:30-16:00'], '2': ['07:30-16:00'], '3': ['07:30-16:00'], '4': ['07:30-16:00'], '5': ['07:30-16:30'] },
  holidayCalendar: 'ID',
  cutiBersama: 'NON_WORKING',
  extraNonWorkingDays: [],
  deadlineHours: {},
  warningShare: 0.75,
};

/** The fields of a policy, in the order they are shown and stored. */
export const SLA_POLICY_FIELDS = Object.keys(DEFAULT_SLA_POLICY) as (keyof SlaPolicy)[];

/** A field of a policy that breaks its rules: the field (nested with dots, `deadlineHours.CONFIRM`) and why. */
export interface PolicyViolation {
  readonly field: string;
  readonly description: string;
}

/** An office's policy (JSON, e.g. from a file or a table) checked and merged over the default. */
export type PolicyParseResult = { ok: true; policy: SlaPolicy } | { ok: false; problems: string[] };

/** Checks an office policy given as JSON; every field is optional and defaults to {@link DEFAULT_SLA_POLICY}. */
export function parseSlaPolicy(input: unknown): PolicyParseResult {
  const { policy, violations } = readSlaPolicy(input);
  return violations.length > 0 ? { ok: false, problems: violations.map((v) => `${v.field}: ${v.description}`) } : { ok: true, policy };
}

/**
 * The structural check of {@link parseSlaPolicy}, each problem with its field: the policy merged
 * over the default (the office's days off as named entries) and what is wrong with it. The
 * policy is usable only when there is no violation.
 */
export function readSlaPolicy(input: unknown): { policy: SlaPolicy; violations: PolicyViolation[] } {
  const violations: PolicyViolation[] = [];
  const problem = (field: string, description: string) => violations.push({ field, description });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { policy: DEFAULT_SLA_POLICY, violations: [{ field: 'policy', description: 'must be a JSON object' }] };
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!(SLA_POLICY_FIELDS as string[]).includes(key)) problem(key, `unknown field (known: ${SLA_POLICY_FIELDS.join(', ')})`);
  const merged = { ...DEFAULT_SLA_POLICY, ...raw } as SlaPolicy;

  if (merged.calendar !== 'WALL_CLOCK' && merged.calendar !== 'WORKING_CALENDAR') problem('calendar', 'must be WALL_CLOCK or WORKING_CALENDAR');
  if (!Object.prototype.hasOwnProperty.call(OFFICE_TIME_ZONES, merged.timeZone)) problem('timeZone', `must be one of ${Object.keys(OFFICE_TIME_ZONES).join(', ')}`);
  if (merged.cutiBersama !== 'NON_WORKING' && merged.cutiBersama !== 'WORKING') problem('cutiBersama', 'must be NON_WORKING or WORKING');
  if (merged.holidayCalendar !== null && !(typeof merged.holidayCalendar === 'string' && Object.prototype.hasOwnProperty.call(HOLIDAY_CALENDARS, merged.holidayCalendar))) {
    problem('holidayCalendar', `must be null or one of ${Object.keys(HOLIDAY_CALENDARS).join(', ')}`);
  }
  if (typeof merged.warningShare !== 'number' || !(merged.warningShare > 0 && merged.warningShare < 1)) problem('warningShare', 'must be a number between 0 and 1 (exclusive)');
  const daysOff = readDaysOff(merged.extraNonWorkingDays as unknown, violations);
  checkDeadlineHours(merged.deadlineHours, violations);
  checkWorkingHours(merged, violations);
  return { policy: { ...merged, extraNonWorkingDays: daysOff ?? [] }, violations };
}

/** The office's days off as named entries (a bare date gets an empty name); each malformed one named. */
function readDaysOff(value: unknown, violations: PolicyViolation[]): OfficeDayOff[] | undefined {
  if (!Array.isArray(value)) {
    violations.push({ field: 'extraNonWorkingDays', description: 'must be a list of dates YYYY-MM-DD or of { date, name }' });
    return undefined;
  }
  const days: OfficeDayOff[] = [];
  (value as unknown[]).forEach((entry, i) => {
    const field = `extraNonWorkingDays.${i}`;
    if (isIsoDate(entry)) days.push({ date: entry as string, name: '' });
    else if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) violations.push({ field, description: 'must be a date YYYY-MM-DD or { date, name }' });
    else {
      const { date, name, ...rest } = entry as Record<string, unknown>;
      if (!isIsoDate(date)) violations.push({ field: `${field}.date`, description: 'must be a real date YYYY-MM-DD' });
      if (name !== undefined && typeof name !== 'string') violations.push({ field: `${field}.name`, description: 'must be a text' });
      for (const key of Object.keys(rest)) violations.push({ field: `${field}.${key}`, description: 'unknown field (known: date, name)' });
      if (isIsoDate(date) && (name === undefined || typeof name === 'string')) days.push({ date: date as string, name: (name as string | undefined) ?? '' });
    }
  });
  return days;
}

function checkDeadlineHours(hours: unknown, violations: PolicyViolation[]): void {
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    violations.push({ field: 'deadlineHours', description: 'must be an object of clock id → hours' });
    return;
  }
  for (const [id, value] of Object.entries(hours)) {
    if (!isClockId(id)) violations.push({ field: `deadlineHours.${id}`, description: `unknown clock (known: ${CLOCK_IDS.join(', ')})` });
    if (typeof value !== 'number' || !(value > 0) || value > 24 * 366) violations.push({ field: `deadlineHours.${id}`, description: 'must be a positive number of hours' });
  }
}

function checkWorkingHours(policy: SlaPolicy, violations: PolicyViolation[]): void {
  const hours = policy.workingHours as unknown;
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    violations.push({ field: 'workingHours', description: 'must be an object of ISO weekday (1-7) → ["HH:MM-HH:MM", …]' });
    return;
  }
  let weekly = 0;
  for (const [day, periods] of Object.entries(hours)) {
    const field = `workingHours.${day}`;
    if (!ISO_WEEKDAYS.includes(day as IsoWeekday)) violations.push({ field, description: 'not an ISO weekday 1 (Monday) … 7 (Sunday)' });
    if (!Array.isArray(periods)) {
      violations.push({ field, description: 'must be a list of "HH:MM-HH:MM"' });
      continue;
    }
    let lastEnd = -1;
    for (const period of periods) {
      const parsed = typeof period === 'string' ? parsePeriod(period) : undefined;
      if (!parsed) {
        violations.push({ field, description: `${JSON.stringify(period)} is not "HH:MM-HH:MM" with the start before the end` });
        continue;
      }
      if (parsed[0] < lastEnd) violations.push({ field, description: 'periods must be in order and must not overlap' });
      lastEnd = parsed[1];
      weekly += parsed[1] - parsed[0];
    }
  }
  if (policy.calendar === 'WORKING_CALENDAR' && weekly === 0) violations.push({ field: 'workingHours', description: 'a working calendar needs at least one working period in the week' });
}


/** `07:30-16:00` → [450, 960] minutes after local midnight; undefined when malformed. */
function parsePeriod(period: string): readonly [number, number] | undefined {
  const m = FIELD_RULES.workingPeriods.pattern.exec(period);
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return end > start && end <= 24 * 60 ? [start, end] : undefined;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** A deadline computed for one clock under one policy. */
export interface ComputedDeadline {
  /** ISO-8601 UTC. */
  readonly dueAt: string;
  /** ISO-8601 UTC: when the warning falls due. */
  readonly warnAt: string;
  readonly deadlineHours: number;
  /** How the hours were counted for this clock. */
  readonly calendar: SlaPolicy['calendar'];
  /** Years the working calendar passed through without holiday data (the due time ignores their holidays). */
  readonly yearsWithoutHolidayData: readonly number[];
  /** Years whose holiday data is provisional. */
  readonly provisionalYears: readonly number[];
}

const HOUR_MS = 3_600_000;

/**
 * When a clock is due under an office's policy: its start plus its hours, counted in wall-clock
 * time or (a working calendar, for clocks counted in the office's calendar) only in working
 * periods, skipping weekends, holidays, cuti bersama (unless worked) and the office's own days off.
 */
export function computeDeadline(clock: RunningClock, policy: SlaPolicy = DEFAULT_SLA_POLICY, calendars: Readonly<Record<string, readonly HolidayCalendarYear[]>> = HOLIDAY_CALENDARS): ComputedDeadline {
  const start = Date.parse(clock.startedAt);
  if (Number.isNaN(start)) throw new Error(`libs/sop: clock ${clock.key} has no valid start time (${clock.startedAt})`);
  if (clock.counting === 'WORKING_DAYS') return workingDaysDeadline(clock, start, policy.warningShare, new WorkingCalendar(policy, calendars));
  const hours = policy.deadlineHours[clock.clockId] ?? clock.deadlineHours;
  if (policy.calendar === 'WALL_CLOCK' || clock.counting === 'WALL_CLOCK') {
    return {
      dueAt: new Date(start + hours * HOUR_MS).toISOString(),
      warnAt: new Date(start + Math.round(hours * policy.warningShare * HOUR_MS)).toISOString(),
      deadlineHours: hours,
      calendar: 'WALL_CLOCK',
      yearsWithoutHolidayData: [],
      provisionalYears: [],
    };
  }
  const calendar = new WorkingCalendar(policy, calendars);
  const warnAt = calendar.addWorkingTime(start, Math.round(hours * policy.warningShare * HOUR_MS));
  const dueAt = calendar.addWorkingTime(start, hours * HOUR_MS);
  return {
    dueAt: new Date(dueAt).toISOString(),
    warnAt: new Date(warnAt).toISOString(),
    deadlineHours: hours,
    calendar: 'WORKING_CALENDAR',
    yearsWithoutHolidayData: [...calendar.yearsWithoutData].sort(),
    provisionalYears: [...calendar.provisionalYears].sort(),
  };
}

const DAY_MS = 24 * HOUR_MS;
/** A working calendar with no working period for this many days in a row is refused (a policy error). */
const MAX_DAYS_SCANNED = 3 * 366;

/** Working-time arithmetic in an office's time zone (fixed offset: Indonesia has no daylight saving). */
export class WorkingCalendar {
  /** Years the calculations so far passed through without holiday data. */
  readonly yearsWithoutData = new Set<number>();
  /** Years the calculations so far passed through whose holiday data is provisional. */
  readonly provisionalYears = new Set<number>();
  private readonly provisional = new Set<number>();
  private readonly offsetMs: number;
  private readonly periods: ReadonlyMap<number, readonly (readonly [number, number])[]>;
  private readonly daysOff = new Set<string>();
  private readonly coveredYears = new Set<number>();

  constructor(
    private readonly policy: SlaPolicy,
    calendars: Readonly<Record<string, readonly HolidayCalendarYear[]>> = HOLIDAY_CALENDARS,
  ) {
    this.offsetMs = OFFICE_TIME_ZONES[policy.timeZone] * 60_000;
    const periods = new Map<number, readonly (readonly [number, number])[]>();
    for (const day of ISO_WEEKDAYS) {
      const parsed = (policy.workingHours[day] ?? []).flatMap((p) => {
        const period = parsePeriod(p);
        return period ? [period] : [];
      });
      periods.set(Number(day), parsed);
    }
    this.periods = periods;
    for (const year of policy.holidayCalendar === null ? [] : (calendars[policy.holidayCalendar] ?? [])) {
      this.coveredYears.add(year.year);
      if (year.status !== 'official') this.provisional.add(year.year);
      for (const day of year.days) {
        if (day.kind === 'HOLIDAY' || policy.cutiBersama === 'NON_WORKING') this.daysOff.add(day.date);
      }
    }
    for (const day of policy.extraNonWorkingDays) this.daysOff.add(day.date);
  }

  /** `start` (epoch ms) plus `ms` of working time, as epoch ms; time before the first working period does not count. */
  addWorkingTime(start: number, ms: number): number {
    if (ms <= 0) return start;
    let remaining = ms;
    let dayStart = this.localMidnight(start);
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, dayStart += DAY_MS) {
      for (const [from, to] of this.workingPeriods(dayStart)) {
        const periodStart = Math.max(start, dayStart + from * 60_000);
        const periodEnd = dayStart + to * 60_000;
        if (periodStart >= periodEnd) continue;
        if (periodEnd - periodStart >= remaining) return periodStart + remaining;
        remaining -= periodEnd - periodStart;
      }
    }
    throw new Error(`libs/sop: no working time within ${MAX_DAYS_SCANNED} days; the office's working calendar has no working periods`);
  }

  /**
   * The end (epoch ms) of the last working period of the `days`-th working day after the local day
   * of `start`: a day counts when it has a working period and is no day off.
   */
  endOfWorkingDays(start: number, days: number): number {
    let counted = 0;
    let dayStart = this.localMidnight(start) + DAY_MS;
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, dayStart += DAY_MS) {
      const periods = this.workingPeriods(dayStart);
      if (periods.length === 0) continue;
      counted += 1;
      if (counted >= days) return dayStart + periods[periods.length - 1][1] * 60_000;
    }
    throw new Error(`libs/sop: no ${days} working days within ${MAX_DAYS_SCANNED} days; the office's working calendar has no working periods`);
  }

  /** Working time between two instants (epoch ms), for durations measured in the office's calendar. */
  workingTimeBetween(from: number, to: number): number {
    let total = 0;
    for (let dayStart = this.localMidnight(from); dayStart < to; dayStart += DAY_MS) {
      for (const [a, b] of this.workingPeriods(dayStart)) {
        const s = Math.max(from, dayStart + a * 60_000);
        const e = Math.min(to, dayStart + b * 60_000);
        if (e > s) total += e - s;
      }
    }
    return total;
  }

  /** The working periods (minutes after local midnight) of the local day starting at `dayStart`; none on a day off. */
  private workingPeriods(dayStart: number): readonly (readonly [number, number])[] {
    const local = new Date(dayStart + this.offsetMs);
    const year = local.getUTCFullYear();
    if (this.policy.holidayCalendar !== null && !this.coveredYears.has(year)) this.yearsWithoutData.add(year);
    if (this.provisional.has(year)) this.provisionalYears.add(year);
    if (this.daysOff.has(local.toISOString().slice(0, 10))) return [];
    const isoWeekday = ((local.getUTCDay() + 6) % 7) + 1;
    return this.periods.get(isoWeekday) ?? [];
  }

  /** Epoch ms of the local midnight on or before `t`. */
  private localMidnight(t: number): number {
    return Math.floor((t + this.offsetMs) / DAY_MS) * DAY_MS - this.offsetMs;
  }
}
