import {
  formatCalendarDate,
  formatDecimal,
  formatHours,
  formatNumber,
  formatPercent,
  formatWib,
  formatWibDate,
  formatWibDayMonth,
  fromWibDateTimeInput,
  groupedHash,
  isCalendarDate,
  shortHash,
  wibDateKey,
  wibDateTimeInputValue,
  wibDayEnd,
  wibDayStart,
} from './format';

describe('times in WIB', () => {
  it('shows 02:15 UTC as 09.15 WIB the same day, in each language', () => {
    expect(formatWib('2026-12-01T02:15:00Z', 'id')).toBe('1 Des 2026 09.15 WIB');
    expect(formatWib('2026-12-01T02:15:00Z', 'en')).toBe('1 Dec 2026 09:15 WIB');
  });

  it('puts WIB midnight on the right day: 17:00 UTC is already the next day', () => {
    expect(formatWib('2026-11-30T16:59:59Z', 'id')).toBe('30 Nov 2026 23.59 WIB');
    expect(formatWib('2026-11-30T17:00:00Z', 'id')).toBe('1 Des 2026 00.00 WIB');
    expect(formatWibDate('2026-11-30T17:00:00Z', 'id')).toBe('1 Des 2026');
    expect(wibDateKey('2026-11-30T16:59:59.999Z')).toBe('2026-11-30');
    expect(wibDateKey('2026-11-30T17:00:00Z')).toBe('2026-12-01');
  });

  it('crosses the year at 17:00 UTC on 31 December', () => {
    expect(formatWib('2026-12-31T17:00:00Z', 'en')).toBe('1 Jan 2027 00:00 WIB');
    expect(formatWib(Date.UTC(2026, 11, 31, 16, 59), 'en')).toBe('31 Dec 2026 23:59 WIB');
  });

  it('does not depend on an offset in the input', () => {
    expect(formatWib('2026-03-14T09:05:00+07:00', 'id')).toBe('14 Mar 2026 09.05 WIB');
    expect(formatWib(new Date('2026-05-20T10:00:00+09:00'), 'id')).toBe('20 Mei 2026 08.00 WIB');
  });

  it('shows a dash for what is not a time', () => {
    expect(formatWib('not a date', 'id')).toBe('—');
    expect(formatWib(null, 'en')).toBe('—');
    expect(formatWibDate(undefined, 'id')).toBe('—');
  });

  it('day and month for chart axes', () => {
    expect(formatWibDayMonth('2026-08-16T18:00:00Z', 'id')).toBe('17 Agu');
  });
});

describe('dates of forms and filters', () => {
  it('reads a date filter as the WIB day: from 00:00 WIB to the next 00:00 WIB', () => {
    expect(wibDayStart('2026-12-01')?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(wibDayEnd('2026-12-01')?.toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(wibDayEnd('2026-12-31')?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(wibDayStart('2026-02-30')).toBeNull();
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('writes a calendar date without shifting it', () => {
    expect(formatCalendarDate('2026-03-16', 'id')).toBe('16 Mar 2026');
    expect(formatCalendarDate('2026-10-01', 'en')).toBe('1 Oct 2026');
  });

  it('turns a datetime-local value into an instant in WIB, and back', () => {
    expect(fromWibDateTimeInput('2026-03-17T10:15')).toBe('2026-03-17T10:15:00+07:00');
    expect(Date.parse(fromWibDateTimeInput('2026-03-17T00:30') ?? '')).toBe(Date.parse('2026-03-16T17:30:00Z'));
    expect(fromWibDateTimeInput('2026-03-17T24:00')).toBeNull();
    expect(fromWibDateTimeInput('2026-03-17')).toBeNull();
    expect(wibDateTimeInputValue('2026-03-16T17:30:00Z')).toBe('2026-03-17T00:30');
  });
});

describe('numbers', () => {
  it('groups thousands and writes decimals the way each language does', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatDecimal(5.25, 'id', 2)).toBe('5,25');
    expect(formatDecimal(5.25, 'en', 2)).toBe('5.25');
    expect(formatNumber(-12, 'id')).toBe('-12');
  });

  it('writes percentages and hours, and a dash for none', () => {
    expect(formatPercent(0.925, 'id')).toBe('92,5 %');
    expect(formatPercent(0.925, 'en')).toBe('92.5%');
    expect(formatPercent(1, 'id')).toBe('100 %');
    expect(formatPercent(2 / 3, 'en')).toBe('66.7%');
    expect(formatPercent(null, 'id')).toBe('—');
    expect(formatHours(11.5, 'id')).toBe('11,5 jam');
    expect(formatHours(null, 'en')).toBe('—');
  });
});

describe('hashes', () => {
  const sha = 'a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdef0123456789';

  it('shortens a SHA-256 to its first and last eight digits, and groups the full one by eight', () => {
    expect(shortHash(sha)).toBe('a3f1c2d4…23456789');
    expect(groupedHash(sha).split(' ')).toHaveLength(8);
    expect(groupedHash(sha).replace(/ /g, '')).toBe(sha);
  });
});
