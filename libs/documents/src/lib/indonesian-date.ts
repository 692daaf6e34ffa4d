import { DocumentError } from './errors';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

/** WIB (Asia/Jakarta) is UTC+7 all year, with no daylight saving; computed, so no ICU time-zone data is needed. */
const WIB_OFFSET_MS = 7 * 3_600_000;

function wib(at: Date, field: string): Date {
  if (Object.prototype.toString.call(at) !== '[object Date]' || Number.isNaN(at.getTime())) {
    throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a valid Date`, field);
  }
  return new Date(at.getTime() + WIB_OFFSET_MS);
}

/** `'1 Desember 2026'`: the date in WIB of `at` (2026-11-30T17:30:00Z is already 1 Desember 2026). */
export function formatIndonesianDate(at: Date, field = 'date'): string {
  const d = wib(at, field);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `'1 Desember 2026 09.15 WIB'`: the date and time in WIB, written the Indonesian way (hours.minutes). */
export function formatIndonesianDateTime(at: Date, field = 'date'): string {
  const d = wib(at, field);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatIndonesianDate(at, field)} ${hh}.${mm} WIB`;
}

/** `'1 Desember 2026'` for the calendar date `'2026-12-01'` (no time zone involved); throws for anything but a real YYYY-MM-DD date. */
export function formatIndonesianDateOnly(isoDate: string, field = 'date'): string {
  const m = typeof isoDate === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate) : null;
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) {
      return `${day} ${MONTHS[month - 1]} ${year}`;
    }
  }
  throw new DocumentError('DOCUMENT.INVALID_INPUT', `${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(isoDate)}`, field);
}
