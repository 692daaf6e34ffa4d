import type { EntityManager } from 'typeorm';

/** The year an office is in at `at`: offices work in WIB (Asia/Jakarta, UTC+7, no DST). */
export function officeYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

/** `LD/BLP/2026/000012`: Lembar Disposisi, office, year, six-digit sequence. */
export function formatSheetNumber(officeCode: string, year: number, value: number): string {
  return `LD/${officeCode}/${year}/${String(value).padStart(6, '0')}`;
}

/**
 * Issues the next disposition sheet number of an office for the year (in WIB), inside the
 * caller's transaction. Gap-free under concurrency: the upsert locks the counter row until the
 * transaction ends, and a rolled-back transaction gives its number back.
 */
export async function nextSheetNumber(tx: EntityManager, officeCode: string, at: Date): Promise<{ number: string; year: number }> {
  const year = officeYear(at);
  const [row] = (await tx.query(
    `INSERT INTO disposition_sheet_counter (office_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (office_code, year) DO UPDATE SET last_value = disposition_sheet_counter.last_value + 1
     RETURNING last_value`,
    [officeCode, year],
  )) as { last_value: number }[];
  return { number: formatSheetNumber(officeCode, year, row.last_value), year };
}
