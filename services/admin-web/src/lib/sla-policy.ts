// The office's SLA policy and working calendar (docs/adr/0049): what the head of office edits on
// /administrasi/sla, and the checks the form makes before it sends — libs/sop's own
// (`checkOfficeSlaPolicy`, as sla-monitor checks), its fields turned into the form's.
import { checkOfficeSlaPolicy, ISO_WEEKDAYS, officeToday, SOP_CLOCK_HOURS, type IsoWeekday, type OfficeDayOff, type SlaPolicy } from '@pengaduan/sop';
import type { FieldError } from '../api/problem';
import type { Msg } from '../i18n/translate';
import type { FieldErrors } from './validation';

export const SLA_POLICY_PATH = '/api/v1/sla-policy';

/** `GET /api/v1/sla-policy` (its ETag is `version`). */
export interface SlaPolicyView {
  readonly officeCode: string;
  readonly version: number;
  readonly isDefault: boolean;
  readonly changedAt?: string;
  readonly policy: SlaPolicy;
  /** The SOP's hours of each timed clock (libs/sop `SOP_CLOCK_HOURS`): the most the office may give it. */
  readonly sopHours: Readonly<Record<string, number>>;
}

/** The SOP's hours of each timed clock, as the form lists them. */
const SOP_HOURS = SOP_CLOCK_HOURS as Readonly<Record<string, number>>;

/** One weekday on the form: worked or not, from when to when (the periods as read, kept when the day is left as it was). */
export interface DayInput {
  readonly works: boolean;
  readonly start: string;
  readonly end: string;
  readonly periods: readonly string[];
}

/** What the form holds. */
export interface SlaPolicyInput {
  readonly calendar: SlaPolicy['calendar'];
  readonly timeZone: SlaPolicy['timeZone'];
  readonly days: Readonly<Record<IsoWeekday, DayInput>>;
  /** Hours per timed clock, as typed. */
  readonly hours: Readonly<Record<string, string>>;
  readonly nationalHolidays: boolean;
  readonly cutiBersamaOff: boolean;
  readonly daysOff: readonly OfficeDayOff[];
  /** Not on the form: kept as read. */
  readonly warningShare: number;
  readonly holidayCalendar: string | null;
}

const DEFAULT_DAY = { start: '07:30', end: '16:00' };

export function inputOf(view: SlaPolicyView): SlaPolicyInput {
  const { policy } = view;
  const days = Object.fromEntries(
    ISO_WEEKDAYS.map((day) => {
      const periods = policy.workingHours[day] ?? [];
      const first = periods[0];
      const last = periods[periods.length - 1];
      return [day, { works: periods.length > 0, start: first ? first.slice(0, 5) : DEFAULT_DAY.start, end: last ? last.slice(6) : DEFAULT_DAY.end, periods }];
    }),
  ) as Record<IsoWeekday, DayInput>;
  const hours = Object.fromEntries(Object.entries(SOP_HOURS).map(([clock, sop]) => [clock, String(policy.deadlineHours[clock as keyof SlaPolicy['deadlineHours']] ?? sop)]));
  return {
    calendar: policy.calendar,
    timeZone: policy.timeZone,
    days,
    hours,
    nationalHolidays: policy.holidayCalendar !== null,
    cutiBersamaOff: policy.cutiBersama === 'NON_WORKING',
    daysOff: [...policy.extraNonWorkingDays],
    warningShare: policy.warningShare,
    holidayCalendar: policy.holidayCalendar ?? 'ID',
  };
}

/** The body of `PUT /api/v1/sla-policy`: a day left as read keeps its periods; a step's hours only where shorter than the SOP's. */
export function slaPolicyBody(input: SlaPolicyInput): SlaPolicy {
  const workingHours = Object.fromEntries(
    ISO_WEEKDAYS.flatMap((day) => {
      const d = input.days[day];
      if (!d.works) return [];
      const asRead = d.periods.length > 0 && d.periods[0]?.slice(0, 5) === d.start && d.periods[d.periods.length - 1]?.slice(6) === d.end;
      return [[day, asRead ? [...d.periods] : [`${d.start}-${d.end}`]]];
    }),
  );
  const deadlineHours = Object.fromEntries(
    Object.entries(input.hours).flatMap(([clock, typed]) => {
      const hours = typed.trim() === '' ? Number.NaN : Number(typed.replace(',', '.'));
      return hours === SOP_HOURS[clock] ? [] : [[clock, hours]];
    }),
  );
  return {
    calendar: input.calendar,
    timeZone: input.timeZone,
    workingHours,
    holidayCalendar: input.nationalHolidays ? (input.holidayCalendar ?? 'ID') : null,
    cutiBersama: input.cutiBersamaOff ? 'NON_WORKING' : 'WORKING',
    extraNonWorkingDays: input.daysOff.map((d) => ({ date: d.date, name: d.name })),
    deadlineHours,
    warningShare: input.warningShare,
  };
}

/**
 * The form's field of a policy field libs/sop (or the gateway) names, and what to say there:
 * `workingHours.5` is Friday's hours, `deadlineHours.CONFIRM` the confirmation's hours, any day
 * off the list of days off.
 */
export function formErrorOf(field: string): [string, Msg] {
  const [head, part] = field.split('.');
  if (head === 'workingHours' && part) return [`day-${part}`, { key: 'sla.errorPeriod' }];
  if (head === 'workingHours') return ['days', { key: 'sla.errorNoWorkingDay' }];
  if (head === 'deadlineHours' && part) return [`hours-${part}`, { key: 'sla.errorHours', params: { max: SOP_HOURS[part] ?? 12 } }];
  if (head === 'extraNonWorkingDays') return ['daysOff', { key: 'sla.errorDaysOff' }];
  return ['form', { key: 'sla.errorField', params: { field } }];
}

/** What the form says before it sends: libs/sop's rules on the body it would send. */
export function validateSlaPolicy(input: SlaPolicyInput, now: Date = new Date()): FieldErrors {
  const checked = checkOfficeSlaPolicy(slaPolicyBody(input), now);
  return checked.ok ? {} : errorsOf(checked.violations.map((v) => v.field));
}

/** The form's errors of the fields a refusal names (libs/sop's, or the gateway's 400). */
export function errorsOf(fields: readonly (string | FieldError)[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const named of fields) {
    const [at, message] = formErrorOf(typeof named === 'string' ? named : named.field);
    errors[at] ??= message;
  }
  return errors;
}

/**
 * What is wrong with a day off about to be added (`dayOff-date`, `dayOff-name`): libs/sop's rules
 * on the list with it, as the save would check them.
 */
export function validateDayOff(input: SlaPolicyInput, candidate: OfficeDayOff, now: Date = new Date()): FieldErrors {
  const index = input.daysOff.length;
  const checked = checkOfficeSlaPolicy(slaPolicyBody({ ...input, daysOff: [...input.daysOff, candidate] }), now);
  const errors: FieldErrors = {};
  if (checked.ok) return errors;
  for (const { field } of checked.violations) {
    if (field === 'extraNonWorkingDays' || field === `extraNonWorkingDays.${index}.date`) {
      const twice = input.daysOff.some((d) => d.date === candidate.date);
      errors['dayOff-date'] ??= twice ? { key: 'sla.errorDayOffTwice' } : { key: 'sla.errorDayOffDate', params: { today: officeToday(input, now) } };
    }
    if (field === `extraNonWorkingDays.${index}.name`) errors['dayOff-name'] ??= { key: 'sla.errorDayOffName' };
  }
  return errors;
}
