// The SLA countdown of the worklist and the complaint page: "sisa 3 j 12 mnt" / "terlambat 1 j 5 mnt",
// computed from a due time and the clock (passed in), so it ticks without asking the API again.
import { translate } from '../i18n/translate';
import type { Lang } from './lang';

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

/** How urgent a clock is: on time, in its last quarter (or warned by the SLA monitor), or past due. */
export type Urgency = 'ok' | 'warning' | 'overdue';

/** The share of a step's time left at which it is shown as nearly due (the SLA monitor warns at 75 % used). */
export const WARNING_SHARE_LEFT = 0.25;

/** Anything with a due time: an open deadline of the SLA monitor, or the current step. */
export interface DueClock {
  readonly dueAt: string;
  readonly startedAt?: string;
  /** The SLA monitor raised its warning. */
  readonly warned?: boolean;
}

/** Milliseconds until `dueAt` as of `now`; negative once overdue. NaN for a due time that is not one. */
export function remainingMs(dueAt: string, now: number): number {
  return Date.parse(dueAt) - now;
}

export function urgencyOf(clock: DueClock, now: number): Urgency {
  const left = remainingMs(clock.dueAt, now);
  if (left < 0) return 'overdue';
  if (clock.warned) return 'warning';
  const started = clock.startedAt ? Date.parse(clock.startedAt) : NaN;
  const total = Date.parse(clock.dueAt) - started;
  if (Number.isFinite(total) && total > 0 && left <= total * WARNING_SHARE_LEFT) return 'warning';
  return 'ok';
}

/** A duration in words, to the minute (rounded down): `3 j 12 mnt`, `2 hr 4 j`, `< 1 mnt`. */
export function durationText(ms: number, lang: Lang): string {
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  const days = Math.floor(totalMinutes / DAY_MINUTES);
  const hours = Math.floor((totalMinutes % DAY_MINUTES) / HOUR_MINUTES);
  const minutes = totalMinutes % HOUR_MINUTES;
  if (days > 0) {
    const d = translate(lang, 'duration.days', { n: days });
    return hours > 0 ? `${d} ${translate(lang, 'duration.hours', { n: hours })}` : d;
  }
  if (hours > 0) return `${translate(lang, 'duration.hours', { n: hours })} ${translate(lang, 'duration.minutes', { n: minutes })}`;
  if (minutes > 0) return translate(lang, 'duration.minutes', { n: minutes });
  return translate(lang, 'duration.underOneMinute');
}

/** `sisa 3 j 12 mnt` / `terlambat 1 j 5 mnt` (id); `3 h 12 min left` / `1 h 5 min overdue` (en). */
export function countdownText(dueAt: string, now: number, lang: Lang): string {
  const left = remainingMs(dueAt, now);
  if (!Number.isFinite(left)) return '—';
  const duration = durationText(left, lang);
  return translate(lang, left < 0 ? 'countdown.overdue' : 'countdown.left', { duration });
}

/** What the worklist needs of an item to sort it. */
export interface ClockedItem {
  readonly receivedAt: string;
  readonly currentStep: (DueClock & { readonly stepId: string }) | null;
  readonly deadlines: readonly (DueClock & { readonly stepId: string; readonly sectionCode?: string })[];
}

/** The clock of an item due first: its open deadlines and its current step; null when none runs. */
export function mostUrgentClock<T extends ClockedItem>(item: T): (DueClock & { readonly stepId: string; readonly sectionCode?: string }) | null {
  const clocks = [...item.deadlines, ...(item.currentStep ? [item.currentStep] : [])].filter((c) => Number.isFinite(Date.parse(c.dueAt)));
  let best: (DueClock & { readonly stepId: string; readonly sectionCode?: string }) | null = null;
  for (const c of clocks) if (best === null || Date.parse(c.dueAt) < Date.parse(best.dueAt)) best = c;
  return best;
}

/** Most urgent first (earliest due, overdue ones thus on top); items with no clock last, oldest received first. */
export function sortByUrgency<T extends ClockedItem>(items: readonly T[]): T[] {
  const keyed = items.map((item, index) => ({ item, index, due: mostUrgentClock(item)?.dueAt }));
  keyed.sort((a, b) => {
    if (a.due !== undefined && b.due !== undefined) return Date.parse(a.due) - Date.parse(b.due) || a.index - b.index;
    if (a.due !== undefined) return -1;
    if (b.due !== undefined) return 1;
    return Date.parse(a.item.receivedAt) - Date.parse(b.item.receivedAt) || a.index - b.index;
  });
  return keyed.map((k) => k.item);
}
