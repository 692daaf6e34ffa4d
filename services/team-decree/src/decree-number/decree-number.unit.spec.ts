import { formatDecreeNumber, officeDate, officeYear } from './decree-number';

describe('decree numbers', () => {
  it('read SK/<office>/<year>/<six digits>', () => {
    expect(formatDecreeNumber('BLP', 2026, 7)).toBe('SK/BLP/2026/000007');
    expect(formatDecreeNumber('BLP', 2026, 123456)).toBe('SK/BLP/2026/123456');
  });

  it('count the year and the date in WIB: 31 December 17:00 UTC is already 1 January in Batam', () => {
    expect(officeYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(officeYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(officeDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(officeDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
