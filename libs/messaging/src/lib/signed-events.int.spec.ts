import {
  chainDigest,
  dlqTopicFor,
  generateEventSigningKey,
  parseEnvelope,
  parseEventKeyRing,
  parseEventSigningKey,
  serializeEnvelope,
  signEnvelope,
  type EventEnvelope,
} from '@pengaduan/contracts';
import { createTestTopic, deleteTopics, dropSchema, eventually, testInfrastructure, testKafka, TopicReader, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventHandler } from './consumer';
import type { EventSigning } from './event-signing';
import { createIdempotentProducer, createKafka } from './kafka';
import { appendToOutbox } from './outbox';
import { OutboxRelay } from './relay';
import { ServiceRuntime } from './service-runtime';
import { logger, receivedEvent, serviceDataSource, TestTables1795800000001 } from './__fixtures__/harness';

// Signed events (ADR 0015) against the real broker and Postgres: what a runtime with a key
// publishes and journals, and what a consumer with the published keys takes and refuses.

const infra = testInfrastructure();
const intakeKeys = generateEventSigningKey('intake-1', 'pengaduan/intake');
const dispositionKeys = generateEventSigningKey('disposition-1', 'pengaduan/disposition');
const intakeKey = parseEventSigningKey(intakeKeys.privateKey);
const dispositionKey = parseEventSigningKey(dispositionKeys.privateKey);
/** What the platform publishes: intake's and disposition's keys. */
const keyRing = parseEventKeyRing(`${intakeKeys.publicEntry},${dispositionKeys.publicEntry}`);

let schema: string;
let topic: string;
const stoppers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  schema = uniqueSchemaName('signed');
  topic = await createTestTopic('signed', 3);
});

afterEach(async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
  await dropSchema(schema);
  await deleteTopics([topic]);
});

async function startReader(...topics: string[]): Promise<TopicReader> {
  const reader = await new TopicReader(topics.length ? topics : [topic]).start();
  stoppers.push(() => reader.stop());
  return reader;
}

/** A service runtime over the test tables: its relay (when `relay`) and, when given a handler, one consumer of the test topic. */
async function startRuntime(signing: EventSigning, options: { relay?: boolean; groupId?: string; handler?: EventHandler } = {}): Promise<ServiceRuntime> {
  const runtime = new ServiceRuntime({
    service: 'signed-test',
    logger,
    database: { url: infra.databaseUrl, schema, entities: [], migrations: [TestTables1795800000001], poolSize: 5 },
    kafkaBrokers: infra.kafkaBrokers,
    relay: options.relay ?? true,
    kafkaGroupPrefix: '',
    consumers: options.handler ? [{ groupId: options.groupId ?? `signed-${uniqueSuffix()}`, topics: [topic], handler: options.handler, maxAttempts: 2, backoff: { initialMs: 10, maxMs: 50 } }] : [],
    signing,
  });
  await runtime.ready();
  stoppers.push(() => runtime.stop());
  return runtime;
}

/** A signing relay over `ds` that dies once between its first send and the mark, as a killed process would. */
async function startRelayThatDiesOnce(ds: DataSource, partitionsOf?: (topic: string) => number | undefined): Promise<OutboxRelay> {
  let crashes = 1;
  const relay = new OutboxRelay({
    dataSource: ds,
    producer: createIdempotentProducer(createKafka({ brokers: infra.kafkaBrokers, clientId: 'signed-relay', logger })),
    logger,
    pollIntervalMs: 200,
    signingKey: intakeKey,
    ...(partitionsOf ? { partitionsOf } : {}),
    afterSendBeforeMark: () => {
      if (crashes-- > 0) throw new Error('relay died after the send');
    },
  });
  await relay.start();
  stoppers.push(() => relay.stop());
  return relay;
}

describe('a service that signs the events it emits', () => {
  it('publishes each event signed with its key, verifiable with the published key alone, and journals the signed body', async () => {
    const reader = await startReader();
    const runtime = await startRuntime({ key: intakeKey });
    const event = receivedEvent();
    await runtime.dataSource.transaction((tx) => appendToOutbox(tx, [event], topic));

    const [message] = await reader.waitFor((m) => m.value?.includes(event.id) ?? false);
    const parsed = parseEnvelope(message.value ?? '');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.envelope).toMatchObject({ ...event, signaturekeyid: 'intake-1', signature: expect.any(String) });
    expect(keyRing.verify(parsed.envelope)).toEqual({ ok: true, keyId: 'intake-1' });
    const journal = await eventually(async () => {
      const rows = (await runtime.dataSource.query('SELECT published_at, body FROM outbox WHERE event_id = $1', [event.id])) as { published_at: Date | null; body: string }[];
      return rows[0]?.published_at ? rows[0] : undefined;
    });
    expect(journal.body).toBe(message.value);
    expect(keyRing.verify(JSON.parse(journal.body) as EventEnvelope)).toEqual({ ok: true, keyId: 'intake-1' });
  });

  it('publishes the same bytes again when a relay dies between the send and the mark', async () => {
    const reader = await startReader();
    const ds = await serviceDataSource(infra.databaseUrl, schema);
    stoppers.push(() => ds.destroy());
    const event = receivedEvent();
    await ds.transaction((tx) => appendToOutbox(tx, [event], topic));
    await startRelayThatDiesOnce(ds);

    const copies = await reader.waitFor((m) => m.value?.includes(event.id) ?? false, 2);
    expect(copies[1].value).toBe(copies[0].value);
    const journal = await eventually(async () => {
      const rows = (await ds.query('SELECT published_at, body FROM outbox WHERE event_id = $1', [event.id])) as { published_at: Date | null; body: string }[];
      return rows[0]?.published_at ? rows[0] : undefined;
    });
    expect(journal.body).toBe(copies[0].value);
  });

  it('chains what it publishes per partition (ADR 0034): each event sent to its chain\'s partition, linked to the one before, linked the same again after a crash', async () => {
    const reader = await startReader();
    const ds = await serviceDataSource(infra.databaseUrl, schema);
    stoppers.push(() => ds.destroy());
    const events = Array.from({ length: 12 }, () => receivedEvent());
    await ds.transaction((tx) => appendToOutbox(tx, events.slice(0, 6), topic));
    const relay = await startRelayThatDiesOnce(ds, (t) => (t === topic ? 3 : undefined));
    await reader.waitFor((m) => m.value?.includes(events[5].id) ?? false, 2);
    await ds.transaction((tx) => appendToOutbox(tx, events.slice(6), topic));
    const messages = await reader.waitFor((m) => m.value?.includes(events[11].id) ?? false);
    await relay.flush();

    const all = reader.messages.filter((m) => m.topic === topic);
    // The first six went out twice (the crash), as the same bytes.
    for (const e of events.slice(0, 6)) {
      const copies = all.filter((m) => m.value?.includes(e.id));
      expect(copies).toHaveLength(2);
      expect(copies[1].value).toBe(copies[0].value);
    }
    expect(messages).toHaveLength(1);
    const partitionOf = Partitioners.DefaultPartitioner();
    const metadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    const byPartition = new Map<number, Record<string, unknown>[]>();
    for (const e of events) {
      const m = all.find((x) => x.value?.includes(e.id)) as (typeof all)[number];
      const env = JSON.parse(m.value ?? '{}') as Record<string, unknown>;
      expect(keyRing.verify(env)).toEqual({ ok: true, keyId: 'intake-1' });
      expect(m.partition).toBe(partitionOf({ topic, partitionMetadata: metadata, message: { key: e.subject, value: null } }));
      expect(env['chain']).toBe(`${topic}/${m.partition}`);
      byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), env]);
    }
    for (const chain of byPartition.values()) {
      chain.forEach((env, i) => {
        expect(env['chainseq']).toBe(i + 1);
        expect(env['chainprev']).toBe(i === 0 ? undefined : chainDigest(chain[i - 1]));
      });
    }
    const tips = (await ds.query('SELECT partition, seq::int AS seq, digest FROM outbox_chain WHERE topic = $1 ORDER BY partition', [topic])) as { partition: number; seq: number; digest: string }[];
    expect(tips).toEqual([...byPartition].sort(([a], [b]) => a - b).map(([partition, chain]) => ({ partition, seq: chain.length, digest: chainDigest(chain[chain.length - 1]) })));
  });

  it('publishes unsigned, as written, without a key', async () => {
    const reader = await startReader();
    const runtime = await startRuntime({});
    const event = receivedEvent();
    await runtime.dataSource.transaction((tx) => appendToOutbox(tx, [event], topic));
    const [message] = await reader.waitFor((m) => m.value?.includes(event.id) ?? false);
    expect(message.value).toBe(serializeEnvelope(event).toString('utf8'));
    expect(keyRing.verify(JSON.parse(message.value ?? '{}') as EventEnvelope)).toMatchObject({ ok: false, code: 'EVENT.UNSIGNED' });
  });
});

describe('a consumer with the published keys', () => {
  async function produce(key: string, envelopes: EventEnvelope[]): Promise<void> {
    const producer = testKafka('signed-producer').producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: envelopes.map((e) => ({ key, value: serializeEnvelope(e) })) });
    await producer.disconnect();
  }

  it('takes correctly signed events and sends each unverifiable one to the DLQ at once, with the reason, without claiming its id, and the partition goes on', async () => {
    const complaintId = randomUUID();
    const first = signEnvelope(receivedEvent(complaintId, 'BLP-2026-000001'), intakeKey);
    const last = signEnvelope(receivedEvent(complaintId, 'BLP-2026-000007'), intakeKey);
    const unsigned = receivedEvent(complaintId, 'BLP-2026-000002');
    // The last event's id with another payload: were it claimed in the inbox, the real one would be skipped.
    const altered = { ...last, data: { ...last.data, trackingNumber: 'BLP-2026-999999' } };
    // Another key claiming intake's key id.
    const impostor = parseEventSigningKey(generateEventSigningKey('intake-1', 'pengaduan/intake').privateKey);
    const forged = signEnvelope(receivedEvent(complaintId, 'BLP-2026-000003'), impostor);
    const unpublished = signEnvelope(receivedEvent(complaintId, 'BLP-2026-000004'), parseEventSigningKey(generateEventSigningKey('rogue-1', 'pengaduan/intake').privateKey));
    // disposition's published key vouching for an event intake would emit.
    const otherSource = signEnvelope(receivedEvent(complaintId, 'BLP-2026-000005'), dispositionKey);
    await produce(complaintId, [first, unsigned, altered, forged, unpublished, otherSource, last]);

    const groupId = `signed-${uniqueSuffix()}`;
    const handled: string[] = [];
    const runtime = await startRuntime({ keyRing }, {
      relay: false,
      groupId,
      handler: async (event, tx) => {
        handled.push(String(event.envelope.data['trackingNumber']));
        await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [event.envelope.id, event.envelope.subject, groupId]);
      },
    });
    stoppers.push(() => deleteTopics([dlqTopicFor(groupId)]));
    const dlq = await startReader(dlqTopicFor(groupId)); // made by the consumer as it started

    await eventually(async () => (handled.includes('BLP-2026-000007') ? true : undefined));
    expect(handled).toEqual(['BLP-2026-000001', 'BLP-2026-000007']);
    const dead = await dlq.waitFor(() => true, 5);
    expect(dead.map((m) => [m.headers['dlq-error-code'], m.headers['dlq-attempts']])).toEqual([
      ['EVENT.UNSIGNED', '0'],
      ['EVENT.BAD_SIGNATURE', '0'],
      ['EVENT.BAD_SIGNATURE', '0'],
      ['EVENT.UNKNOWN_KEY', '0'],
      ['EVENT.KEY_NOT_FOR_SOURCE', '0'],
    ]);
    expect(dead.map((m) => m.headers['dlq-reason'])).toEqual([
      'the event carries no signature',
      'the signature does not verify with key intake-1: the event was altered or forged',
      'the signature does not verify with key intake-1: the event was altered or forged',
      'signed with key rogue-1, which is not published',
      'key disposition-1 signs for pengaduan/disposition, not for pengaduan/intake',
    ]);
    // The original bytes, key and where they came from, as for any dead letter.
    expect(dead.map((m) => m.value)).toEqual([unsigned, altered, forged, unpublished, otherSource].map((e) => serializeEnvelope(e).toString('utf8')));
    expect(dead.every((m) => m.key === complaintId && m.headers['dlq-original-topic'] === topic && m.headers['dlq-consumer-group'] === groupId)).toBe(true);
    // Refused before the inbox: only the two verified events have rows there.
    const inbox = (await runtime.dataSource.query('SELECT event_id FROM inbox WHERE consumer_group = $1', [groupId])) as { event_id: string }[];
    expect(inbox.map((r) => r.event_id).sort()).toEqual([first.id, last.id].sort());
  });

  it('verifies nothing without the published keys (as before signed events)', async () => {
    const complaintId = randomUUID();
    const unsigned = receivedEvent(complaintId);
    await produce(complaintId, [unsigned]);
    const handled: string[] = [];
    await startRuntime({}, { relay: false, handler: async (event) => void handled.push(event.envelope.id) });
    await eventually(async () => (handled.includes(unsigned.id) ? true : undefined));
  });
});
