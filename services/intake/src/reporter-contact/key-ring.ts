import { createHash } from 'node:crypto';

/** One key of a ring: its id (stored beside what it sealed or digested) and its 32 bytes. */
export interface RingKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The id a single key (REPORTER_CONTACT_KEY) has always had: the first 8 hex digits of its SHA-256. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Parses a key ring, `<id>:<base64 of 32 bytes>,…` (REPORTER_CONTACT_KEYS, SENDER_DIGEST_KEYS),
 * newest first: the first entry is the newest unless one is marked with a leading `*`
 * (`k2:…,*k1:…` lists the new k2 while k1 stays the newest, so every replica can open with k2
 * before any seals with it). Ids are 1–32 letters, digits, `.`, `_` or `-`, each once.
 * An error names the entry by position (and by id once the id is valid), never its key.
 */
export function parseKeyRing(raw: string): RingKey[] {
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('expected <id>:<base64 key>,… with at least one key');
  const keys: (RingKey & { marked: boolean })[] = [];
  for (const [i, entry] of entries.entries()) {
    const where = `entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where} has no id: write <id>:<base64 key>`);
    const marked = entry.startsWith('*');
    const id = entry.slice(marked ? 1 : 0, colon).trim();
    if (!KEY_ID.test(id)) throw new Error(`${where}: the id must be 1–32 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    const b64 = entry.slice(colon + 1).trim();
    const key = Buffer.from(b64, 'base64');
    if (!BASE64.test(b64) || key.length !== 32) throw new Error(`${where} (id ${id}): the key must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
    const twin = keys.find((k) => k.id === id || k.key.equals(key));
    if (twin) throw new Error(twin.id === id ? `the id ${id} is listed twice` : `ids ${twin.id} and ${id} hold the same key`);
    keys.push({ id, key, marked });
  }
  const marked = keys.filter((k) => k.marked);
  if (marked.length > 1) throw new Error(`only one key may be marked newest with '*' (marked: ${marked.map((k) => k.id).join(', ')})`);
  const newest = marked[0] ?? keys[0];
  return [newest, ...keys.filter((k) => k !== newest)].map(({ id, key }) => ({ id, key }));
}

/**
 * The contact key ring intake runs with: REPORTER_CONTACT_KEYS (newest first), plus the legacy
 * single key REPORTER_CONTACT_KEY under its fingerprint, which is the id every value sealed
 * before rings carries. With only the legacy key, it is a ring of one and the newest.
 */
export function contactKeyRing(legacyKey: string | undefined, ring: readonly RingKey[] | undefined): RingKey[] {
  const legacy = legacyKey ? Buffer.from(legacyKey, 'base64') : undefined;
  const keys = [...(ring ?? [])];
  if (legacy && !keys.some((k) => k.key.equals(legacy))) {
    const id = keyFingerprint(legacy);
    if (keys.some((k) => k.id === id)) throw new Error(`REPORTER_CONTACT_KEYS uses the id ${id}, the fingerprint of another key (REPORTER_CONTACT_KEY's)`);
    keys.push({ id, key: legacy });
  }
  if (keys.length === 0) throw new Error('no reporter contact key: set REPORTER_CONTACT_KEYS (or the single REPORTER_CONTACT_KEY)');
  return keys;
}
