import type { EntityManager } from 'typeorm';

/** The year an office is in at `at`: offices work in WIB (Asia/Jakarta, UTC+7, no DST). */
export function officeYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3_600_000).getUTCFullYear();
}

export function formatTrackingNumber(officeCode: string, year: number, value: number): string {
  return `${officeCode}-${year}-${String(value).padStart(6, '0')}`;
}

/**
 * Issues the next tracking number of an office for the year, inside the caller's
 * transaction. Gap-free under concurrency: the counter row is locked by the upsert until the
 * transaction ends, and a rolled-back transaction gives its number back.
 */
export async function nextTrackingNumber(tx: EntityManager, officeCode: string, at: Date): Promise<string> {
  const year = officeYear(at);
  const [row] = (await tx.query(
    `INSERT INTO tracking_number_counter (office_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (office_code, year) DO UPDATE SET last_value = tracking_number_counter.last_value + 1
     RETURNING last_value`,
    [officeCode, year],
  )) as { last_value: number }[];
  return formatTrackingNumber(officeCode, year, row.last_value);
}
