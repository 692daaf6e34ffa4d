import type { EntityManager } from 'typeorm';

/** The year an office is in at `at`: offices work in WIB (Asia/Jakarta, UTC+7, no DST). */
export function officeYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

export function formatTrackingNumber(officeCode: string, year: number, value: number): string {
  return `${officeCode}-${year}-${String(value).padStart(6, '0')}`;
}

/**
 * The number a registration expects to be issued, so that it can render what prints the number
 * (the Laporan Aduan) before it takes the number (ADR 0035). Only a guess: `issueTrackingNumber`
 * answers the number actually issued, and a registration whose guess was wrong renders again.
 */
export interface TrackingNumberGuess {
  readonly officeCode: string;
  readonly year: number;
  readonly trackingNumber: string;
  /** Forgets the guess (once issued, or when the registration fails before). Idempotent. */
  settle(): void;
}

interface OfficeYearGuesses {
  /** The last number issued in this process: its transaction may not have committed yet. */
  lastIssued: number;
  /** Guesses of registrations that have not taken their number yet. */
  pending: number[];
  /**
   * The last registration here to ask for a number: the next one asks after it has its own, so
   * numbers are issued here in the order registrations get to ask (Postgres wakes the waiters on
   * the counter row in no order, and a guess is right only if the order holds).
   */
  asking: Promise<void>;
  /** Transactions that have taken a number already, and hold the counter row. */
  holders: WeakSet<EntityManager>;
}

/** Per schema, office and year. Only makes guesses better: a wrong one costs a second rendering, never a wrong number. */
const guesses = new Map<string, OfficeYearGuesses>();

function guessKey(tx: EntityManager, officeCode: string, year: number): string {
  const schema = (tx.connection.options as { schema?: string }).schema ?? '';
  return `${schema}\u0000${officeCode}\u0000${year}`;
}

/**
 * Guesses the tracking number the office's next registration of the year will be issued: the
 * last one committed, or issued here, or guessed by a registration still on its way here, plus
 * one. Takes no lock.
 */
export async function guessTrackingNumber(tx: EntityManager, officeCode: string, at: Date): Promise<TrackingNumberGuess> {
  const year = officeYear(at);
  const [row] = (await tx.query('SELECT last_value FROM tracking_number_counter WHERE office_code = $1 AND year = $2', [officeCode, year])) as { last_value: number }[];
  const key = guessKey(tx, officeCode, year);
  const local = guesses.get(key) ?? { lastIssued: 0, pending: [], asking: Promise.resolve(), holders: new WeakSet<EntityManager>() };
  guesses.set(key, local);
  const value = Math.max(row?.last_value ?? 0, local.lastIssued, ...local.pending) + 1;
  local.pending.push(value);
  let settled = false;
  return {
    officeCode,
    year,
    trackingNumber: formatTrackingNumber(officeCode, year, value),
    settle: () => {
      if (settled) return;
      settled = true;
      const at = local.pending.indexOf(value);
      if (at >= 0) local.pending.splice(at, 1);
    },
  };
}

/**
 * Issues the next tracking number of the office for the guess's year, inside the caller's
 * transaction, and settles the guess. Gap-free under concurrency: the counter row is locked by
 * the upsert until the transaction ends, so a registration calls this as late as it can, with
 * only quick writes between it and the commit; a rolled-back transaction gives its number back.
 */
export async function issueTrackingNumber(tx: EntityManager, guess: TrackingNumberGuess): Promise<string> {
  const local = guesses.get(guessKey(tx, guess.officeCode, guess.year));
  let asked: (() => void) | undefined;
  try {
    // A transaction taking a second number holds the row already: it does not queue behind those waiting for its commit.
    if (local && !local.holders.has(tx)) {
      const before = local.asking;
      local.asking = new Promise((resolve) => (asked = resolve));
      await before;
    }
    const [row] = (await tx.query(
      `INSERT INTO tracking_number_counter (office_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (office_code, year) DO UPDATE SET last_value = tracking_number_counter.last_value + 1
       RETURNING last_value`,
      [guess.officeCode, guess.year],
    )) as { last_value: number }[];
    if (local) {
      local.lastIssued = row.last_value;
      local.holders.add(tx);
    }
    return formatTrackingNumber(guess.officeCode, guess.year, row.last_value);
  } finally {
    asked?.();
    guess.settle();
  }
}
