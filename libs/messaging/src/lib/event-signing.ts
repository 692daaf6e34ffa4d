import { EventKeyRing, parseEventKeyRing, parseEventSigningKey, type EventSigningKey, type EventVerificationKey } from '@pengaduan/contracts';
import { ConfigError, loadConfig, PRODUCTION_MODE, type ConfigSpec } from '@pengaduan/runtime';
import { createPublicKey } from 'node:crypto';

/**
 * How a service signs the events it emits and checks the events it consumes (ADR 0015). A
 * runtime without `key` publishes unsigned; one without `keyRing` verifies nothing.
 */
export interface EventSigning {
  /** This service's private key: the outbox relay signs every envelope with it before publishing. */
  key?: EventSigningKey;
  /** Every service's published key: each consumer refuses (DLQ) an event that does not verify. */
  keyRing?: EventKeyRing;
}

const ENTRY_FORMAT = 'expected <key id>=<source>=<base64 SPKI Ed25519 public key>';

/**
 * The published keys, one entry at a time so that each problem names its entry by position and
 * never repeats what was written there (a private key pasted by mistake must not reach a log),
 * and a key id published twice is an error rather than a silent override.
 */
function parsePublishedKeys(raw: string): EventKeyRing | undefined {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const problems: string[] = [];
  const keys: EventVerificationKey[] = [];
  items.forEach((item, i) => {
    let key: EventVerificationKey | undefined;
    try {
      [key] = parseEventKeyRing(item).all();
    } catch (err) {
      const message = (err as Error).message;
      // parseEventKeyRing quotes an entry it cannot split; one it can split is named by its key id only.
      problems.push(`entry ${i + 1}: ${message.startsWith('key ') ? message : ENTRY_FORMAT}`);
      return;
    }
    if (!key) return;
    if (keys.some((k) => k.keyId === key.keyId)) problems.push(`entry ${i + 1}: key id ${key.keyId} is published twice`);
    else keys.push(key);
  });
  if (problems.length > 0) throw new Error(problems.join('; '));
  return keys.length > 0 ? new EventKeyRing(keys) : undefined;
}

/** The two variables of event signing; every service reads them (also documented in .env.example). */
export const EVENT_SIGNING_CONFIG: ConfigSpec<{ key: EventSigningKey | undefined; keyRing: EventKeyRing | undefined }> = {
  key: {
    env: 'EVENT_SIGNING_KEY',
    default: '',
    parse: (raw) => (raw.trim() === '' ? undefined : parseEventSigningKey(raw.trim())),
    description: "SECRET: this service's Ed25519 key signing the events it emits, <key id>:<base64 PKCS#8>; unset: it publishes unsigned",
  },
  keyRing: {
    env: 'EVENT_PUBLIC_KEYS',
    default: '',
    parse: parsePublishedKeys,
    description: "every service's published event key, <key id>=<source>=<base64 SPKI>,…; unset: consumed events are not verified",
  },
};

/**
 * Reads EVENT_SIGNING_KEY and EVENT_PUBLIC_KEYS: a service's config part (its `eventSigning`).
 * A malformed value is a ConfigError naming the variable and never the key. When both are set,
 * the signing key must be published, with its public half: otherwise the service's own
 * consumers would dead-letter every event it emits.
 */
export function loadEventSigning(env: NodeJS.ProcessEnv = process.env): EventSigning {
  const { key, keyRing } = loadConfig(EVENT_SIGNING_CONFIG, env);
  // Unsigned or unverified events are for development only: in production a service that could
  // not prove what it emits, or check what it reads, must not start (docs/adr/0015).
  if (PRODUCTION_MODE.parse(env[PRODUCTION_MODE.env] ?? '')) {
    const missing = [
      ...(key ? [] : ['EVENT_SIGNING_KEY is required in production (NODE_ENV=production): events are never published unsigned there']),
      ...(keyRing ? [] : ['EVENT_PUBLIC_KEYS is required in production (NODE_ENV=production): consumed events are always verified there']),
    ];
    if (missing.length > 0) throw new ConfigError(missing);
  }
  if (key && keyRing) {
    const published = keyRing.all().find((k) => k.keyId === key.keyId);
    if (!published) {
      throw new ConfigError([`EVENT_SIGNING_KEY: key ${key.keyId} is not published in EVENT_PUBLIC_KEYS (consumers would refuse every event it signs)`]);
    }
    if (!createPublicKey(key.privateKey).equals(published.publicKey)) {
      throw new ConfigError([`EVENT_SIGNING_KEY: key ${key.keyId} does not match the public key published under that id in EVENT_PUBLIC_KEYS`]);
    }
  }
  return { ...(key ? { key } : {}), ...(keyRing ? { keyRing } : {}) };
}

/** What a runtime says about signing at start-up: one line each for signing and verifying, and whether to warn. */
export function describeEventSigning(signing: EventSigning | undefined, uses: { emits: boolean; consumes: boolean }): { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string }[] {
  const lines: { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string }[] = [];
  if (uses.emits) {
    lines.push(
      signing?.key
        ? { level: 'info', fields: { signingKeyId: signing.key.keyId }, msg: `events emitted are signed with key ${signing.key.keyId}` }
        : { level: 'warn', fields: { signingKeyId: null }, msg: 'EVENT_SIGNING_KEY is not set: the events this service emits are published unsigned' },
    );
  }
  if (uses.consumes) {
    lines.push(
      signing?.keyRing
        ? { level: 'info', fields: { publishedKeys: signing.keyRing.size }, msg: `events consumed are verified against ${signing.keyRing.size} published key(s)` }
        : { level: 'warn', fields: { publishedKeys: 0 }, msg: 'EVENT_PUBLIC_KEYS is not set: the events this service consumes are not verified' },
    );
  }
  return lines;
}
