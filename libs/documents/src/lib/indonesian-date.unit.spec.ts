import { DocumentError } from './errors';
import { formatIndonesianDate, formatIndonesianDateOnly, formatIndonesianDateTime } from './indonesian-date';

describe('Indonesian dates in WIB (Asia/Jakarta, UTC+7)', () => {
  it('counts the day in WIB: 30 November 17:30 UTC is already 1 Desember in Belakang Padang', () => {
    expect(formatIndonesianDate(new Date('2026-11-30T17:30:00Z'))).toBe('1 Desember 2026');
    expect(formatIndonesianDate(new Date('2026-11-30T16:59:59Z'))).toBe('30 November 2026');
    expect(formatIndonesianDate(new Date('2026-11-30T17:00:00Z'))).toBe('1 Desember 2026');
  });

  it('turns the year in WIB: 31 December 17:00 UTC is 1 Januari of the next year', () => {
    expect(formatIndonesianDate(new Date('2026-12-31T16:59:00Z'))).toBe('31 Desember 2026');
    expect(formatIndonesianDate(new Date('2026-12-31T17:00:00Z'))).toBe('1 Januari 2027');
  });

  it('names all twelve months in Bahasa Indonesia', () => {
    const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
    months.forEach((name, m) => {
      expect(formatIndonesianDate(new Date(Date.UTC(2026, m, 15, 3)))).toBe(`15 ${name} 2026`);
      expect(formatIndonesianDateOnly(`2026-${String(m + 1).padStart(2, '0')}-15`)).toBe(`15 ${name} 2026`);
    });
  });

  it('writes the time the Indonesian way, hours.minutes WIB', () => {
    expect(formatIndonesianDateTime(new Date('2026-12-01T02:15:00Z'))).toBe('1 Desember 2026 09.15 WIB');
    expect(formatIndonesianDateTime(new Date('2026-11-30T17:05:00Z'))).toBe('1 Desember 2026 00.05 WIB');
  });

  it('reads calendar dates without any time zone', () => {
    expect(formatIndonesianDateOnly('2026-12-01')).toBe('1 Desember 2026');
    expect(formatIndonesianDateOnly('2028-02-29')).toBe('29 Februari 2028');
  });

  it.each(['2027-02-29', '2026-13-01', '2026-00-10', '2026-12-32', '1-12-2026', '2026-12-01T00:00:00Z', '', ' 2026-12-01'])('refuses %j as a date-only string', (s) => {
    expect(() => formatIndonesianDateOnly(s)).toThrow(DocumentError);
  });

  it('refuses an invalid Date instead of printing NaN', () => {
    expect(() => formatIndonesianDate(new Date('not a date'))).toThrow(/valid Date/);
  });
});
