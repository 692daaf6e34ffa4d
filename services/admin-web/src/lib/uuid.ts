/** Random bytes, as `crypto.getRandomValues` fills them (a parameter so tests can pass their own). */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

/**
 * A random (version 4) UUID, for Idempotency-Key and the web form's submissionId.
 * `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost): an office that
 * serves the app over plain HTTP on its LAN still gets one, from getRandomValues.
 */
export function newUuid(fill?: RandomFill): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!fill && typeof c?.randomUUID === 'function') return c.randomUUID();
  const random = fill ?? ((bytes: Uint8Array) => (c as Crypto).getRandomValues(bytes));
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
