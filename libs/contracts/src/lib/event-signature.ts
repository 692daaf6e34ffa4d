import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { EventEnvelope } from './envelope';

/**
 * Signed events: each service signs the events it emits with its own Ed25519 key; the envelope
 * carries the key's id (`signaturekeyid`) and the signature (`signature`, base64url) as
 * CloudEvents extensions. What is signed is the envelope's canonical JSON without those two
 * attributes (keys sorted at every level, no whitespace), so any consumer — a service, the
 * auditors' replay years later — can check an event from its parsed JSON alone, however it was
 * re-serialised in between. A key is published with the one `source` it may sign for, so one
 * service's key cannot vouch for another service's events.
 */

/** Extension attribute: the signature, base64url of the 64-byte Ed25519 signature. */
export const SIGNATURE_ATTRIBUTE = 'signature';
/** Extension attribute: which published key made the signature. */
export const SIGNATURE_KEY_ATTRIBUTE = 'signaturekeyid';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A service's private signing key with its published id. */
export interface EventSigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/** A published public key: its id, the one `source` it signs for, the key. */
export interface EventVerificationKey {
  keyId: string;
  source: string;
  publicKey: KeyObject;
}

/** JSON with object keys sorted at every level and no whitespace: the bytes that are signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The bytes an envelope's signature covers: its canonical JSON without the signature attributes. */
export function signedBytes(envelope: EventEnvelope | Record<string, unknown>): Buffer {
  const { [SIGNATURE_ATTRIBUTE]: _s, [SIGNATURE_KEY_ATTRIBUTE]: _k, ...rest } = envelope as Record<string, unknown>;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/** The envelope with its signature (any earlier signature replaced). Ed25519 is deterministic: signing twice gives the same. */
export function signEnvelope<E extends EventEnvelope>(envelope: E, key: EventSigningKey): E & { signature: string; signaturekeyid: string } {
  const signature = sign(null, signedBytes(envelope), key.privateKey).toString('base64url');
  return { ...envelope, [SIGNATURE_KEY_ATTRIBUTE]: key.keyId, [SIGNATURE_ATTRIBUTE]: signature } as E & { signature: string; signaturekeyid: string };
}

/** Why an event's signature does not hold, or which key vouched for it. */
export type SignatureCheck =
  | { ok: true; keyId: string }
  | { ok: false; code: 'EVENT.UNSIGNED' | 'EVENT.UNKNOWN_KEY' | 'EVENT.KEY_NOT_FOR_SOURCE' | 'EVENT.BAD_SIGNATURE'; reason: string };

/** The published public keys, by id. */
export class EventKeyRing {
  private readonly keys: ReadonlyMap<string, EventVerificationKey>;

  constructor(keys: readonly EventVerificationKey[]) {
    this.keys = new Map(keys.map((k) => [k.keyId, k]));
  }

  get size(): number {
    return this.keys.size;
  }

  /** Every key, for publishing. */
  all(): EventVerificationKey[] {
    return [...this.keys.values()];
  }

  /** Checks an envelope's signature against the published key it names, and that key's source. */
  verify(envelope: EventEnvelope | Record<string, unknown>): SignatureCheck {
    const env = envelope as Record<string, unknown>;
    const keyId = env[SIGNATURE_KEY_ATTRIBUTE];
    const signature = env[SIGNATURE_ATTRIBUTE];
    if (typeof keyId !== 'string' || typeof signature !== 'string') return { ok: false, code: 'EVENT.UNSIGNED', reason: 'the event carries no signature' };
    const key = this.keys.get(keyId);
    if (!key) return { ok: false, code: 'EVENT.UNKNOWN_KEY', reason: `signed with key ${keyId}, which is not published` };
    if (env['source'] !== key.source) {
      return { ok: false, code: 'EVENT.KEY_NOT_FOR_SOURCE', reason: `key ${keyId} signs for ${key.source}, not for ${String(env['source'])}` };
    }
    const bytes = Buffer.from(signature, 'base64url');
    if (bytes.length !== 64 || !verify(null, signedBytes(env), key.publicKey, bytes)) {
      return { ok: false, code: 'EVENT.BAD_SIGNATURE', reason: `the signature does not verify with key ${keyId}: the event was altered or forged` };
    }
    return { ok: true, keyId };
  }
}

/**
 * A private key from configuration: `<key id>:<base64 of the PKCS#8 DER>` (what
 * {@link generateEventSigningKey} prints). Throws naming what is wrong, never the key.
 */
export function parseEventSigningKey(raw: string): EventSigningKey {
  const at = raw.indexOf(':');
  const keyId = at > 0 ? raw.slice(0, at) : '';
  if (!KEY_ID.test(keyId)) throw new Error('expected <key id>:<base64 PKCS#8 Ed25519 private key>, the key id of 1-64 letters, digits, . _ -');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(raw.slice(at + 1), 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error(`key ${keyId} is not a base64 PKCS#8 private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`key ${keyId} is not an Ed25519 key`);
  return { keyId, privateKey };
}

/**
 * The published keys from configuration: `<key id>=<source>=<base64 SPKI DER>` separated by
 * commas, e.g. `intake-2026=pengaduan/intake=MCowBQYDK2VwAyEA…`. Throws naming every bad entry.
 */
export function parseEventKeyRing(raw: string): EventKeyRing {
  const problems: string[] = [];
  const keys: EventVerificationKey[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [keyId, source, b64] = splitKeyEntry(item);
    if (!keyId || !KEY_ID.test(keyId) || !source || !b64) {
      problems.push(`"${item.slice(0, 40)}…": expected <key id>=<source>=<base64 SPKI Ed25519 public key>`);
      continue;
    }
    try {
      const publicKey = createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
      keys.push({ keyId, source, publicKey });
    } catch {
      problems.push(`key ${keyId}: not a base64 SPKI Ed25519 public key`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return new EventKeyRing(keys);
}

/** Base64 may end in `=`: the first two `=` separate id and source, the rest is the key. */
function splitKeyEntry(item: string): [string, string, string] {
  const first = item.indexOf('=');
  const second = first < 0 ? -1 : item.indexOf('=', first + 1);
  if (second < 0) return ['', '', ''];
  return [item.slice(0, first), item.slice(first + 1, second), item.slice(second + 1)];
}

/** A new key pair: the private key as configuration expects it and the public key's published entry. */
export function generateEventSigningKey(keyId: string, source: string): { privateKey: string; publicEntry: string } {
  if (!KEY_ID.test(keyId)) throw new Error('a key id is 1-64 letters, digits, . _ -');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: `${keyId}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    publicEntry: `${keyId}=${source}=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
  };
}
