import type { EntityManager } from 'typeorm';

const WIB_OFFSET_MS = 7 * 3_600_000;

/** The calendar date an office is in at `at`: offices work in WIB (Asia/Jakarta, UTC+7, no DST). */
export function officeDate(at: Date): string {
  return new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year an office is in at `at` (WIB). */
export function officeYear(at: Date): number {
  return new Date(at.getTime() + WIB_OFFSET_MS).getUTCFullYear();
}

/** `SK/<OFFICE>/<YEAR>/<000001>`: the number of an SK Tim Penanganan Aduan. */
export function formatDecreeNumber(officeCode: string, year: number, value: number): string {
  return `SK/${officeCode}/${year}/${String(value).padStart(6, '0')}`;
}

/**
 * The number the office's next decree of the year (WIB) at `at` is expected to be issued: the
 * counter's committed value plus one. Takes no lock; `nextDecreeNumber` issues the number for sure.
 */
export async function expectedDecreeNumber(tx: EntityManager, officeCode: string, at: Date): Promise<string> {
  const year = officeYear(at);
  const [row] = (await tx.query('SELECT last_value FROM decree_number_counter WHERE office_code = $1 AND year = $2', [officeCode, year])) as { last_value: number }[];
  return formatDecreeNumber(officeCode, year, (row?.last_value ?? 0) + 1);
}

/**
 * Issues the next decree number of an office for the year (WIB) it is at `at`, inside the
 * caller's transaction. Gap-free under concurrency: the counter row is locked by the upsert
 * until the transaction ends, and a rolled-back transaction gives its number back.
 */
export async function nextDecreeNumber(tx: EntityManager, officeCode: string, at: Date): Promise<string> {
  const year = officeYear(at);
  const [row] = (await tx.query(
    `INSERT INTO decree_number_counter (office_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (office_code, year) DO UPDATE SET last_value = decree_number_counter.last_value + 1
     RETURNING last_value`,
    [officeCode, year],
  )) as { last_value: number }[];
  return formatDecreeNumber(officeCode, year, row.last_value);
}
