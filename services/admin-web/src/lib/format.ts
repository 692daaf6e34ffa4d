// Times are stored in UTC and always shown in WIB (Asia/Jakarta, UTC+7, no daylight saving),
// whatever the browser's own zone: `1 Des 2026 09.15 WIB` / `1 Dec 2026 09:15 WIB`. Done by
// hand rather than with Intl so the text is the same in every browser and in the tests.
import type { MessageKey } from '../i18n/messages';
import { translate } from '../i18n/translate';
import type { Lang } from './lang';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A point in time as the API gives it (ISO-8601), as a Date, or epoch milliseconds. */
export type Instant = string | number | Date;

interface WibParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function toMillis(instant: Instant): number {
  if (instant instanceof Date) return instant.getTime();
  if (typeof instant === 'number') return instant;
  return Date.parse(instant);
}

function wibParts(instant: Instant): WibParts | null {
  const ms = toMillis(instant);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms + WIB_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function monthName(lang: Lang, month: number): string {
  return translate(lang, `date.month.${month}` as MessageKey);
}

/** `1 Des 2026 09.15 WIB` (id) / `1 Dec 2026 09:15 WIB` (en); `—` for what is not a time. */
export function formatWib(instant: Instant | null | undefined, lang: Lang): string {
  const p = instant === null || instant === undefined ? null : wibParts(instant);
  if (!p) return '—';
  const separator = lang === 'id' ? '.' : ':';
  return `${p.day} ${monthName(lang, p.month)} ${p.year} ${pad(p.hour)}${separator}${pad(p.minute)} ${translate(lang, 'date.zone')}`;
}

/** The WIB calendar day of an instant: `1 Des 2026`. */
export function formatWibDate(instant: Instant | null | undefined, lang: Lang): string {
  const p = instant === null || instant === undefined ? null : wibParts(instant);
  if (!p) return '—';
  return `${p.day} ${monthName(lang, p.month)} ${p.year}`;
}

/** A calendar date the API keeps as `YYYY-MM-DD` (a decree's date): `16 Mar 2026`, with no zone shift. */
export function formatCalendarDate(date: string | null | undefined, lang: Lang): string {
  const m = date ? CALENDAR_DATE.exec(date) : null;
  if (!m) return date ?? '—';
  return `${Number(m[3])} ${monthName(lang, Number(m[2]))} ${m[1]}`;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The WIB calendar date of an instant, `YYYY-MM-DD` (the value of an `<input type="date">`). */
export function wibDateKey(instant: Instant): string {
  const p = wibParts(instant);
  if (!p) return '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The WIB wall-clock time of an instant as an `<input type="datetime-local">` value, `YYYY-MM-DDTHH:mm`. */
export function wibDateTimeInputValue(instant: Instant): string {
  const p = wibParts(instant);
  if (!p) return '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** 00:00 WIB of a `YYYY-MM-DD` date, or null when it is not a date. */
export function wibDayStart(date: string): Date | null {
  if (!isCalendarDate(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - WIB_OFFSET_MS);
}

/** 00:00 WIB of the day after a `YYYY-MM-DD` date: the exclusive end of "up to and including" that date. */
export function wibDayEnd(date: string): Date | null {
  const start = wibDayStart(date);
  return start ? new Date(start.getTime() + DAY_MS) : null;
}

/** An `<input type="datetime-local">` value read as WIB, as ISO-8601 with its offset; null when it is not one. */
export function fromWibDateTimeInput(value: string): string | null {
  const m = DATE_TIME_INPUT.exec(value);
  if (!m || !isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+07:00`;
}

/** A count with the language's thousands separator: `1.234` (id) / `1,234` (en). */
export function formatNumber(value: number, lang: Lang): string {
  const [int, frac] = Math.abs(value).toString().split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  const sign = value < 0 ? '-' : '';
  return frac === undefined ? `${sign}${grouped}` : `${sign}${grouped}${lang === 'id' ? ',' : '.'}${frac}`;
}

/** A number with at most `digits` decimals, in the language's notation: `5,25` / `5.25`. */
export function formatDecimal(value: number, lang: Lang, digits = 1): string {
  const factor = 10 ** digits;
  return formatNumber(Math.round(value * factor) / factor, lang);
}

/** A ratio 0..1 as a percentage with one decimal at most: `92,5 %` (id) / `92.5%` (en); `—` for null. */
export function formatPercent(ratio: number | null, lang: Lang): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const text = formatDecimal(ratio * 100, lang, 1);
  return lang === 'id' ? `${text} %` : `${text}%`;
}

/** Hours with up to two decimals and the unit: `5,25 j` / `5.25 h`; `—` for null. */
export function formatHours(hours: number | null, lang: Lang): string {
  if (hours === null || !Number.isFinite(hours)) return '—';
  return translate(lang, 'duration.hoursDecimal', { n: formatDecimal(hours, lang, 2) });
}

/** A sha256 as auditors compare it on paper: the first and last eight hex digits. */
export function shortHash(sha256: string): string {
  return sha256.length <= 20 ? sha256 : `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;
}

/** The full hash in groups of eight, so it can be read out and compared with a printed copy. */
export function groupedHash(sha256: string): string {
  return sha256.replace(/(.{8})(?=.)/g, '$1 ');
}

/** Day and month of an instant in WIB, for chart axes: `1 Des`. */
export function formatWibDayMonth(instant: Instant, lang: Lang): string {
  const p = wibParts(instant);
  if (!p) return '—';
  return `${p.day} ${monthName(lang, p.month)}`;
}
