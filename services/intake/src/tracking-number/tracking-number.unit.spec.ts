import { formatTrackingNumber, officeYear } from './tracking-number';

describe('tracking numbers', () => {
  it('read office, year and a six-digit sequence', () => {
    expect(formatTrackingNumber('BLP', 2026, 123)).toBe('BLP-2026-000123');
    expect(formatTrackingNumber('BLP', 2026, 1_234_567)).toBe('BLP-2026-1234567');
  });

  it('count years in WIB (UTC+7)', () => {
    expect(officeYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(officeYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });
});
