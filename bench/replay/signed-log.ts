import {
  chainAndSign,
  chainOf,
  EMPTY_CHAIN,
  EVENT_CATALOGUE,
  generateEventSigningKey,
  parseEventKeyRing,
  parseEventSigningKey,
  serializeEnvelope,
  signEnvelope,
  type ChainTip,
  type EventEnvelope,
  type EventKeyRing,
  type EventSigningKey,
} from '@pengaduan/contracts';
import { historyUntil, testKafka } from '@pengaduan/testing';
import { performance } from 'node:perf_hooks';
import type { AuditRecord } from '../../services/audit/src/audit-core/report';
import { log, UNCHAINED } from './replay-options';

/** The services' signing keys and what an auditor is given of them. */
export interface BenchKeys {
  signing: Map<string, EventSigningKey>;
  published: string[];
  keyRing: EventKeyRing;
}

/** One key per producing service, as in production; the published entries are what an auditor is given. */
export function benchKeys(): BenchKeys {
  const signing = new Map<string, EventSigningKey>();
  const published: string[] = [];
  for (const producer of new Set(Object.values(EVENT_CATALOGUE).map((e) => e.producer))) {
    const pair = generateEventSigningKey(`${producer}-bench`, `pengaduan/${producer}`);
    signing.set(`pengaduan/${producer}`, parseEventSigningKey(pair.privateKey));
    published.push(pair.publicEntry);
  }
  return { signing, published, keyRing: parseEventKeyRing(published.join(',')) };
}

/** The log as produced, kept in memory for the pure-core run, and what making it cost. */
export interface SignedLog {
  records: AuditRecord[];
  complaints: number;
  bytes: number;
  generateMs: number;
  produceMs: number;
}

/** Generate, sign and produce, batch by batch; keep the records for the pure-core run. */
export async function produceSignedLog(o: { topic: string; partitions: number; events: number; offices: number; batch: number; signing: Map<string, EventSigningKey> }): Promise<SignedLog> {
  const { topic, partitions } = o;
  const producer = testKafka('bench-replay-producer').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const records: AuditRecord[] = [];
  const nextOffset = new Array<number>(partitions).fill(0);
  let pendingMessages: { key: string; value: Buffer; partition: number }[] = [];
  const tips = new Map<string, ChainTip>();
  let complaints = 0;
  let bytes = 0;
  let generateMs = 0;
  let produceMs = 0;
  const start = Date.parse('2026-01-05T01:00:00Z');
  while (records.length < o.events) {
    const g0 = performance.now();
    const office = `BR${String(complaints % o.offices).padStart(2, '0')}`;
    const history = historyUntil('CLOSED', {
      officeCode: office,
      trackingNumber: `${office}-2026-${String(complaints + 1).padStart(7, '0')}`,
      start: new Date(start + complaints * 60_000),
      decision: complaints % 3 === 0 ? 'NO_FOLLOW_UP' : 'FOLLOW_UP',
    });
    // Sent to a partition of our choosing (a complaint's events together and in order), each
    // event chained to its source's previous one there, as the relays do (ADR 0034), unless --unchained.
    const partition = complaints % partitions;
    for (const envelope of history.envelopes) {
      const value = signedValue(envelope, o.signing.get(envelope.source) as EventSigningKey, topic, partition, tips);
      bytes += value.length;
      records.push({ partition, offset: String(nextOffset[partition]++), value });
      pendingMessages.push({ key: envelope.subject, value, partition });
    }
    complaints++;
    generateMs += performance.now() - g0;
    if (pendingMessages.length >= o.batch || records.length >= o.events) {
      const p0 = performance.now();
      await producer.send({ topic, acks: -1, messages: pendingMessages });
      produceMs += performance.now() - p0;
      pendingMessages = [];
      if (complaints % 10_000 < 10) log(`${records.length} events produced`);
    }
  }
  await producer.disconnect();
  return { records, complaints, bytes, generateMs, produceMs };
}

/** The event's bytes, signed, and chained unless --unchained. */
function signedValue(envelope: EventEnvelope, key: EventSigningKey, topic: string, partition: number, tips: Map<string, ChainTip>): Buffer {
  if (UNCHAINED) return serializeEnvelope(signEnvelope(envelope, key));
  const tipKey = `${envelope.source} ${partition}`;
  const linked = chainAndSign(envelope, chainOf(topic, partition), tips.get(tipKey) ?? EMPTY_CHAIN, key);
  tips.set(tipKey, linked.tip);
  return serializeEnvelope(linked.signed);
}
