import { backoffDelay, hasCaughtUp } from './catch-up';

describe('waiting for the view after a command', () => {
  const before = { status: 'RECEIVED', updatedAt: '2026-12-01T02:00:00.000Z' };

  it('is done when the view shows the status the command answered', () => {
    expect(hasCaughtUp(before, { status: 'CONFIRMED', updatedAt: '2026-12-01T02:00:03.000Z' }, 'CONFIRMED')).toBe(true);
    expect(hasCaughtUp(before, before, 'CONFIRMED')).toBe(false);
  });

  it('waits for the change when the status stays (the first of two sections responding)', () => {
    const disposed = { status: 'DISPOSED', updatedAt: '2026-12-01T03:00:00.000Z' };
    expect(hasCaughtUp(disposed, disposed, 'DISPOSED')).toBe(false);
    expect(hasCaughtUp(disposed, { status: 'DISPOSED', updatedAt: '2026-12-01T03:00:02.000Z' }, 'DISPOSED')).toBe(true);
  });

  it('does not stop at an intermediate status', () => {
    expect(hasCaughtUp({ status: 'TEAM_FORMED', updatedAt: 'a' }, { status: 'TEAM_FORMED', updatedAt: 'b' }, 'REPORTER_INFORMED')).toBe(false);
  });

  it('backs off from 250 ms to at most 2 s', () => {
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });
});
