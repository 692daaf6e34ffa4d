/**
 * Reading single values out of a provider's payload, where the payload is whatever a signed
 * request said: a field may hold any JSON, a name may be `constructor`, a number may be 1e999.
 */

/** A finite number given as a number or a numeric string; anything else (objects, arrays, Infinity, '') is undefined. */
export function finiteNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The instant `ms` after the epoch, when it is a positive time a Date can hold; else undefined. */
export function instantOf(ms: number | undefined): Date | undefined {
  if (ms === undefined || !(ms > 0)) return undefined;
  const at = new Date(ms);
  return Number.isFinite(at.getTime()) ? at : undefined;
}

/** `table[key]` when `key` is one of the table's own entries: never an inherited `toString` or `constructor`. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
