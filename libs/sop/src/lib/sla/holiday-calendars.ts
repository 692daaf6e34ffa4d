import id2026 from './calendars/id-2026.json';
import id2027 from './calendars/id-2027.json';

/** A day a holiday calendar marks: a national holiday, or a cuti bersama (collective leave of the civil service). */
export interface HolidayCalendarDay {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: 'HOLIDAY' | 'CUTI_BERSAMA';
  readonly nameId: string;
  /** True where the date was estimated before its decree was published. */
  readonly estimated?: boolean;
}

/** One year of a holiday calendar, as shipped in `calendars/<calendar>-<year>.json`. */
export interface HolidayCalendarYear {
  /** Calendar id: `ID` for Indonesia's national holidays. */
  readonly calendar: string;
  readonly year: number;
  /** `official` once taken from the decree (the SKB tiga menteri); `provisional` before. */
  readonly status: 'official' | 'provisional';
  /** The decree, or how the dates were estimated. */
  readonly source: string;
  readonly days: readonly HolidayCalendarDay[];
}

/** The holiday calendars shipped with the platform, by calendar id. Add a year by adding its file here. */
export const HOLIDAY_CALENDARS: Readonly<Record<string, readonly HolidayCalendarYear[]>> = {
  ID: [id2026 as HolidayCalendarYear, id2027 as HolidayCalendarYear],
};
