import { wibDateKey, wibDayStart } from './format';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The dashboard's periods: the last 7, 30 or 90 days. */
export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export type Bucket = 'day' | 'week';

export interface PeriodRange {
  /** Inclusive start, 00:00 WIB (ISO-8601 UTC). */
  readonly from: string;
  /** Exclusive end: 00:00 WIB of tomorrow, so today counts. */
  readonly to: string;
  readonly bucket: Bucket;
}

export function isDashboardPeriod(value: unknown): value is DashboardPeriod {
  return (DASHBOARD_PERIODS as readonly unknown[]).includes(value);
}

/** The last `days` WIB calendar days up to and including today, by day (or by week beyond a month). */
export function periodRange(days: DashboardPeriod, now: number): PeriodRange {
  const todayStart = wibDayStart(wibDateKey(now));
  if (!todayStart) throw new Error('now is not a time');
  const to = new Date(todayStart.getTime() + DAY_MS);
  const from = new Date(to.getTime() - days * DAY_MS);
  return { from: from.toISOString(), to: to.toISOString(), bucket: days > 31 ? 'week' : 'day' };
}
