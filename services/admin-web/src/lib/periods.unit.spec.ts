import { periodRange } from './periods';

describe('dashboard periods', () => {
  it('covers the last 7 WIB days up to and including today, by day', () => {
    // 1 Dec 2026 09:00 WIB
    expect(periodRange(7, Date.parse('2026-12-01T02:00:00Z'))).toEqual({ from: '2026-11-24T17:00:00.000Z', to: '2026-12-01T17:00:00.000Z', bucket: 'day' });
  });

  it('counts today by the WIB date, also just after WIB midnight', () => {
    // 2 Dec 2026 00:30 WIB is still 1 Dec in UTC
    expect(periodRange(30, Date.parse('2026-12-01T17:30:00Z'))).toEqual({ from: '2026-11-02T17:00:00.000Z', to: '2026-12-02T17:00:00.000Z', bucket: 'day' });
  });

  it('groups 90 days by week', () => {
    expect(periodRange(90, Date.parse('2026-12-01T02:00:00Z')).bucket).toBe('week');
  });
});
