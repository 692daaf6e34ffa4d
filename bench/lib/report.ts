// Plain-text tables for the benches' stdout (the results JSON holds the same figures).
import type { Summary } from './open-load';

/** Rows of cells as aligned columns, the first row a header. */
export function table(rows: readonly (readonly (string | number)[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

export function latencyTable(rows: readonly (Summary & { step: string })[]): string {
  return table([['step', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], ...rows.map((s) => [s.step, s.n, s.p50, s.p95, s.p99, s.max])]);
}

/** CPU seconds per group, divided by `per` (complaints or registrations), scaled by `unit` (1 for s, 1000 for ms). */
export function perUnit(cpu: Record<string, number>, per: number, unit: number, digits: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, per > 0 ? Number(((v * unit) / per).toFixed(digits)) : NaN]));
}

export function keyValues(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}
