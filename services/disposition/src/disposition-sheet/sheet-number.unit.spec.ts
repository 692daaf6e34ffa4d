import { formatSheetNumber, officeYear } from './sheet-number';

describe('disposition sheet numbers', () => {
  it('read LD, office, year and a six-digit sequence', () => {
    expect(formatSheetNumber('BLP', 2026, 12)).toBe('LD/BLP/2026/000012');
    expect(formatSheetNumber('BLP', 2026, 1_234_567)).toBe('LD/BLP/2026/1234567');
  });

  it('count years in WIB (UTC+7): 31 December 17:00 UTC is already the new year in Belakang Padang', () => {
    expect(officeYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(officeYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
