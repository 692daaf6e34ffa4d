// Test support for the audit: complaint histories (libs/testing's builders, decided by libs/sop)
// signed with generated keys, one per producing service as in production, as topic records.
import {
  chainAndSign,
  chainOf,
  COMPLAINT_EVENTS_TOPIC,
  EMPTY_CHAIN,
  EVENT_CATALOGUE,
  generateEventSigningKey,
  parseEventKeyRing,
  parseEventSigningKey,
  serializeEnvelope,
  signEnvelope,
  type EventEnvelope,
  type ChainTip,
  type EventKeyRing,
  type EventSigningKey,
} from '@pengaduan/contracts';
import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../audit-core/report';

const PRODUCERS = [...new Set(Object.values(EVENT_CATALOGUE).map((e) => e.producer))];

export interface TestKeys {
  /** The signing key of each source (`pengaduan/<producer>`). */
  readonly signing: ReadonlyMap<string, EventSigningKey>;
  /** The published entries, as `EVENT_PUBLIC_KEYS` / a `--keys` file holds them. */
  readonly publicEntries: readonly string[];
  readonly keyRing: EventKeyRing;
}

/** A key pair for every producing service. */
export function testKeys(): TestKeys {
  const signing = new Map<string, EventSigningKey>();
  const publicEntries: string[] = [];
  for (const producer of PRODUCERS) {
    const source = `pengaduan/${producer}`;
    const pair = generateEventSigningKey(`${producer}-test`, source);
    signing.set(source, parseEventSigningKey(pair.privateKey));
    publicEntries.push(pair.publicEntry);
  }
  return { signing, publicEntries, keyRing: parseEventKeyRing(publicEntries.join(',')) };
}

/** The envelope signed by its source's key. */
export function signed(envelope: EventEnvelope, keys: TestKeys): EventEnvelope {
  const key = keys.signing.get(envelope.source);
  if (!key) throw new Error(`no test key for ${envelope.source}`);
  return signEnvelope(envelope, key);
}

/**
 * The envelopes signed by their sources' keys and hash-chained in this order, as each source's
 * relay chains what it publishes to one partition (ADR 0034).
 */
export function chained(envelopes: readonly EventEnvelope[], keys: TestKeys, chain = chainOf(COMPLAINT_EVENTS_TOPIC, 0)): EventEnvelope[] {
  const tips = new Map<string, ChainTip>();
  return envelopes.map((envelope) => {
    const key = keys.signing.get(envelope.source);
    if (!key) throw new Error(`no test key for ${envelope.source}`);
    const linked = chainAndSign(envelope, chain, tips.get(envelope.source) ?? EMPTY_CHAIN, key);
    tips.set(envelope.source, linked.tip);
    return linked.signed;
  });
}

/** Envelopes (or raw values) as records of one partition, offsets from `first`. */
export function asRecords(values: readonly (EventEnvelope | string)[], partition = 0, first = 0): AuditRecord[] {
  return values.map((v, i) => ({ partition, offset: String(first + i), value: typeof v === 'string' ? v : serializeEnvelope(v) }));
}

/** A key of the same id as `source`'s published test key, but not that key: what it signs does not verify (EVENT.BAD_SIGNATURE). */
export function forgerKey(source: string): EventSigningKey {
  return parseEventSigningKey(generateEventSigningKey(`${source.replace(/^pengaduan\//, '')}-test`, source).privateKey);
}

/**
 * A second `complaint.confirmed` of the complaint whose genuine confirmation is `genuine`, as a
 * forger who can write to the topic would put there: a new id, `time`, another summary; unsigned
 * (sign it as the test needs).
 */
export function anotherConfirmation(genuine: EventEnvelope, time: string): EventEnvelope {
  const { signature: _s, signaturekeyid: _k, ...unsigned } = genuine as EventEnvelope & { signature?: string; signaturekeyid?: string };
  return { ...unsigned, id: randomUUID(), time, data: { ...genuine.data, summary: 'Dikonfirmasi ulang oleh pihak lain' } };
}
