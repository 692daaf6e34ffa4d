import type { EntityManager } from 'typeorm';
import { formatTrackingNumber, guessTrackingNumber, issueTrackingNumber, officeYear } from './tracking-number';

/** A transaction whose counter row reads `committed` and whose upsert issues the next number. */
function fakeTx(counter: { committed: number; issued: number }, schema = 'unit'): EntityManager {
  return {
    connection: { options: { schema } },
    query: async (sql: string) => (sql.startsWith('SELECT') ? [{ last_value: counter.committed }] : [{ last_value: ++counter.issued }]),
  } as unknown as EntityManager;
}

describe('tracking numbers', () => {
  it('read office, year and a six-digit sequence', () => {
    expect(formatTrackingNumber('BLP', 2026, 123)).toBe('BLP-2026-000123');
    expect(formatTrackingNumber('BLP', 2026, 1_234_567)).toBe('BLP-2026-1234567');
  });

  it('count years in WIB (UTC+7)', () => {
    expect(officeYear(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(officeYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
  });

  it('guess the next numbers of registrations on their way, and forget a guess settled', async () => {
    const counter = { committed: 4, issued: 4 };
    const at = new Date('2026-11-27T02:00:00Z');
    const [a, b] = [await guessTrackingNumber(fakeTx(counter), 'GSS', at), await guessTrackingNumber(fakeTx(counter), 'GSS', at)];
    expect([a.trackingNumber, b.trackingNumber]).toEqual(['GSS-2026-000005', 'GSS-2026-000006']);
    b.settle();
    expect((await guessTrackingNumber(fakeTx(counter), 'GSS', at)).trackingNumber).toBe('GSS-2026-000006');
  });

  it('issue numbers in the order registrations ask, counting those issued but not yet committed', async () => {
    const counter = { committed: 0, issued: 0 };
    const at = new Date('2026-11-27T02:00:00Z');
    const guesses = await Promise.all([1, 2, 3].map(() => guessTrackingNumber(fakeTx(counter, 'order'), 'ORD', at)));
    const issued = await Promise.all(guesses.map((g) => issueTrackingNumber(fakeTx(counter, 'order'), g)));
    expect(issued).toEqual(guesses.map((g) => g.trackingNumber));
    // Nothing committed yet: the next guess counts the three issued.
    expect((await guessTrackingNumber(fakeTx(counter, 'order'), 'ORD', at)).trackingNumber).toBe('ORD-2026-000004');
  });
});
