import { FIELD_RULES } from '../field-rules';
import { getStep, SOP_TARGET_HOURS, STATUTORY_SETTLEMENT_DAYS } from '../sop-steps';
import { CLOCK_IDS, DATA_ACCESS_CLOCK_ID, isLaporClockId, type ClockId } from './sla-clocks';
import { ISO_WEEKDAYS, OFFICE_TIME_ZONES, readSlaPolicy, SLA_POLICY_FIELDS, type OfficeDayOff, type PolicyViolation, type SlaPolicy } from './sla-policy';

/**
 * The SOP's hours of each timed clock (Mutu Baku: 12 h per step, 72 h in all, and Perpres
 * 76/2013's 60 days): the most an office may give it. Untimed steps (the report, step 7) are not
 * in it: no office sets hours for them, nor for the LAPOR! clocks, whose working days are LAPOR!'s (docs/adr/0055), nor for an access request's 72 hours, the law's (docs/adr/0061).
 */
export const SOP_CLOCK_HOURS: Readonly<Partial<Record<ClockId, number>>> = Object.fromEntries(
  CLOCK_IDS.flatMap((id) => {
    if (isLaporClockId(id) || id === DATA_ACCESS_CLOCK_ID) return [];
    const hours = id === 'SOP_TARGET' ? SOP_TARGET_HOURS : id === 'STATUTORY_SETTLEMENT' ? STATUTORY_SETTLEMENT_DAYS * 24 : getStep(id).deadlineHours;
    return hours === null ? [] : [[id, hours]];
  }),
);

/** The limits of what a head of office sets (ADR 0049); the fields' lengths and sizes are FIELD_RULES'. */
export const OFFICE_SLA_LIMITS = {
  /** A step shorter than this is a slip of the hand, not a policy. */
  minHours: 1,
  holidayNameMaxLength: FIELD_RULES.officeDayOffName.maxLength,
  /** Days off the office may list at once. */
  maxDaysOff: FIELD_RULES.officeDaysOff.maxItems,
  /** The earliest day off: the platform keeps no complaint from before. */
  earliestDayOff: '2020-01-01',
  /** How far ahead a day off may be named, in years from today. */
  yearsAhead: 2,
  periodsPerDay: FIELD_RULES.workingPeriods.maxItems,
} as const;

/** The codes an office's policy is refused with (libs/contracts' error catalogue). */
export type OfficeSlaPolicyRefusal = 'REQUEST.INVALID' | 'SLA_POLICY.STEP_HOURS_OVER_SOP';

/** What a head of office's policy is: accepted (in its one stored form), or refused naming each field. */
export type OfficeSlaPolicyCheck = { ok: true; policy: SlaPolicy } | { ok: false; code: OfficeSlaPolicyRefusal; violations: readonly PolicyViolation[] };

/**
 * The rules of a policy a head of office sets for the office (ADR 0049), over the structure
 * {@link readSlaPolicy} checks: a step may be shortened, never lengthened beyond the SOP's hours
 * (`SLA_POLICY.STEP_HOURS_OVER_SOP`, naming the step, when that is all that is wrong); an untimed
 * step gets no hours; at least one working day; each day off named (at most 120 characters),
 * listed once, from 2020 and at most two years after `now` (in the office's time zone). The
 * accepted policy is in its canonical form ({@link canonicalSlaPolicy}), names trimmed.
 */
export function checkOfficeSlaPolicy(input: unknown, now: Date): OfficeSlaPolicyCheck {
  const { policy, violations } = readSlaPolicy(input);
  const overSop: PolicyViolation[] = [];
  // Each field's own rules once its structure is sound (a field already named is not named twice).
  const sound = (field: string) => !violations.some((v) => v.field === field || v.field.startsWith(`${field}.`));
  const named = new Set(violations.map((v) => v.field));
  const checks = [
    ...(named.has('deadlineHours') ? [] : [() => checkHours(policy.deadlineHours, named, violations, overSop)]),
    ...(sound('workingHours') ? [() => checkWorkingDays(policy, violations)] : []),
    ...(sound('extraNonWorkingDays') ? [() => checkDaysOff(policy, now, violations)] : []),
  ];
  for (const check of checks) check();
  if (violations.length > 0) return { ok: false, code: 'REQUEST.INVALID', violations: [...violations, ...overSop] };
  if (overSop.length > 0) return { ok: false, code: 'SLA_POLICY.STEP_HOURS_OVER_SOP', violations: overSop };
  const daysOff = policy.extraNonWorkingDays.map((d) => ({ date: d.date, name: d.name.trim() }));
  return { ok: true, policy: canonicalSlaPolicy({ ...policy, extraNonWorkingDays: daysOff }) };
}

function checkHours(hours: SlaPolicy['deadlineHours'], named: ReadonlySet<string>, violations: PolicyViolation[], overSop: PolicyViolation[]): void {
  for (const [id, value] of Object.entries(hours) as [ClockId, number][]) {
    const field = `deadlineHours.${id}`;
    if (named.has(field)) continue;
    const most = SOP_CLOCK_HOURS[id];
    if (most === undefined) violations.push({ field, description: 'the SOP sets no time for this step' });
    else if (value > most) overSop.push({ field, description: `at most ${most} hours, the SOP's; an office may shorten a step, never lengthen it` });
    else if (value < OFFICE_SLA_LIMITS.minHours) violations.push({ field, description: `at least ${OFFICE_SLA_LIMITS.minHours} hour` });
  }
}

function checkWorkingDays(policy: SlaPolicy, violations: PolicyViolation[]): void {
  const days = ISO_WEEKDAYS.filter((day) => (policy.workingHours[day] ?? []).length > 0);
  if (days.length === 0) violations.push({ field: 'workingHours', description: 'at least one working day, with its start before its end' });
  for (const day of days) {
    if ((policy.workingHours[day] ?? []).length > OFFICE_SLA_LIMITS.periodsPerDay) violations.push({ field: `workingHours.${day}`, description: `at most ${OFFICE_SLA_LIMITS.periodsPerDay} periods a day` });
  }
}

function checkDaysOff(policy: SlaPolicy, now: Date, violations: PolicyViolation[]): void {
  const days = policy.extraNonWorkingDays;
  if (days.length > OFFICE_SLA_LIMITS.maxDaysOff) {
    violations.push({ field: 'extraNonWorkingDays', description: `at most ${OFFICE_SLA_LIMITS.maxDaysOff} days` });
    return;
  }
  const today = officeToday(policy, now);
  const latest = `${Number(today.slice(0, 4)) + OFFICE_SLA_LIMITS.yearsAhead}${today.slice(4)}`;
  const seen = new Set<string>();
  days.forEach((day, i) => {
    const name = day.name.trim();
    if (name === '' || name.length > OFFICE_SLA_LIMITS.holidayNameMaxLength) {
      violations.push({ field: `extraNonWorkingDays.${i}.name`, description: `required, at most ${OFFICE_SLA_LIMITS.holidayNameMaxLength} characters` });
    }
    if (day.date < OFFICE_SLA_LIMITS.earliestDayOff || day.date > latest) {
      violations.push({ field: `extraNonWorkingDays.${i}.date`, description: `must be from ${OFFICE_SLA_LIMITS.earliestDayOff} to ${latest} (${OFFICE_SLA_LIMITS.yearsAhead} years ahead)` });
    } else if (seen.has(day.date)) violations.push({ field: `extraNonWorkingDays.${i}.date`, description: `${day.date} is already listed` });
    seen.add(day.date);
  });
}

/** Today's date (`YYYY-MM-DD`) in the office's time zone. */
export function officeToday(policy: Pick<SlaPolicy, 'timeZone'>, now: Date): string {
  const offset = OFFICE_TIME_ZONES[policy.timeZone] ?? OFFICE_TIME_ZONES['Asia/Jakarta'];
  return new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 10);
}

/**
 * The one form of a policy, so that two that mean the same are equal as JSON: fields in their
 * order, days without working periods left out, hours in the clocks' order, days off by date.
 */
export function canonicalSlaPolicy(policy: SlaPolicy): SlaPolicy {
  const workingHours = Object.fromEntries(ISO_WEEKDAYS.flatMap((day) => ((policy.workingHours[day] ?? []).length > 0 ? [[day, [...(policy.workingHours[day] ?? [])]]] : [])));
  const deadlineHours = Object.fromEntries(CLOCK_IDS.flatMap((id) => (policy.deadlineHours[id] === undefined ? [] : [[id, policy.deadlineHours[id]]])));
  const extraNonWorkingDays = [...policy.extraNonWorkingDays].sort((a, b) => a.date.localeCompare(b.date)).map((d) => ({ date: d.date, name: d.name }));
  const canonical = { ...policy, workingHours, deadlineHours, extraNonWorkingDays };
  return Object.fromEntries(SLA_POLICY_FIELDS.map((field) => [field, canonical[field]])) as unknown as SlaPolicy;
}

/** Whether two policies mean the same (their canonical forms are equal). */
export function sameSlaPolicy(a: SlaPolicy, b: SlaPolicy): boolean {
  return JSON.stringify(canonicalSlaPolicy(a)) === JSON.stringify(canonicalSlaPolicy(b));
}

/** One field's change as the administration log keeps it (ADR 0042); `null` for "none". */
export type PolicyFieldChange = { before: string | number | null; after: string | number | null };

/**
 * What changed from one policy to the next, as the administration log records it: each field
 * that differs, with the hours per clock as they count (the SOP's where the office set none),
 * each weekday's periods (`07:30-16:00`) and each day off by its date (its name, or none).
 */
export function slaPolicyChange(before: SlaPolicy, after: SlaPolicy): Record<string, PolicyFieldChange> {
  const change: Record<string, PolicyFieldChange> = {};
  const put = (field: string, b: string | number | null, a: string | number | null) => {
    if (b !== a) change[field] = { before: b, after: a };
  };
  for (const field of ['calendar', 'timeZone', 'holidayCalendar', 'cutiBersama', 'warningShare'] as const) put(field, before[field], after[field]);
  const periods = (p: SlaPolicy, day: (typeof ISO_WEEKDAYS)[number]) => ((p.workingHours[day] ?? []).length > 0 ? (p.workingHours[day] ?? []).join(', ') : null);
  for (const day of ISO_WEEKDAYS) put(`workingHours.${day}`, periods(before, day), periods(after, day));
  for (const [id, sop] of Object.entries(SOP_CLOCK_HOURS) as [ClockId, number][]) put(`deadlineHours.${id}`, before.deadlineHours[id] ?? sop, after.deadlineHours[id] ?? sop);
  const named = (days: readonly OfficeDayOff[]) => new Map(days.map((d) => [d.date, d.name]));
  const [was, is] = [named(before.extraNonWorkingDays), named(after.extraNonWorkingDays)];
  for (const date of [...new Set([...was.keys(), ...is.keys()])].sort()) put(`extraNonWorkingDays.${date}`, was.get(date) ?? null, is.get(date) ?? null);
  return change;
}
