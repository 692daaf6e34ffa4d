import { dropSchema, eventually, testInfrastructure, uniqueSchemaName } from '@pengaduan/testing';
import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventConsumer } from '../consumer';
import { createIdempotentProducer } from '../kafka';
import { appendToOutbox } from '../outbox';
import { OutboxRelay } from '../relay';
import { logger, receivedEvent, serviceDataSource } from '../__fixtures__/harness';
import { EmbeddedBus, embeddedKafka } from './index';

// The embedded bus itself (docs/adr/0020), against the run's real Postgres in a schema of its own.
// These are tests of the bus; every test of Kafka behaviour stays on the real broker.

const { databaseUrl } = testInfrastructure();
const TOPIC = 'test.embedded-bus.v1';
let schema: string;
const buses: EmbeddedBus[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** A bus instance on the test's schema: a second one is what a restarted process would open. */
function openBus(): { bus: EmbeddedBus; kafka: Kafka } {
  const bus = new EmbeddedBus({ connectionString: databaseUrl, schema, pollIntervalMs: 100 });
  buses.push(bus);
  return { bus, kafka: embeddedKafka(bus, { clientId: 'embedded-bus-test', logger }) };
}

async function createTopic(kafka: Kafka, topic = TOPIC, partitions = 4): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
}

async function produce(kafka: Kafka, messages: { key: string; value: string }[], topic = TOPIC) {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    return await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** A consumer of `groupId` recording what it was handed; `handle` may throw to refuse a record. */
async function consume(kafka: Kafka, groupId: string, handle: (m: EachMessagePayload) => Promise<void> = async () => undefined, topic = TOPIC) {
  const seen: { partition: number; offset: string; key: string; value: string }[] = [];
  const consumer: Consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { initialRetryTime: 20, retries: 50 } });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async (payload) => {
      await handle(payload);
      seen.push({ partition: payload.partition, offset: payload.message.offset, key: String(payload.message.key), value: String(payload.message.value) });
    },
  });
  cleanups.push(() => consumer.disconnect());
  return { consumer, seen };
}

beforeEach(() => {
  schema = uniqueSchemaName('embedded_bus');
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  for (const b of buses.splice(0)) await b.close().catch(() => undefined);
  await dropSchema(schema);
});

describe('the embedded bus', () => {
  it('keeps each key in one partition, Kafka’s, with offsets from 0 in the order sent', async () => {
    const { kafka } = openBus();
    await createTopic(kafka);
    const keys = Array.from({ length: 5 }, () => randomUUID());
    const messages = Array.from({ length: 40 }, (_, i) => ({ key: keys[i % keys.length], value: `m${i}` }));
    for (let i = 0; i < messages.length; i += 7) await produce(kafka, messages.slice(i, i + 7));

    const { seen } = await consume(kafka, 'order');
    await eventually(async () => (seen.length >= messages.length ? true : undefined), 10_000, 'every record');
    const partitionOf = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 4 }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
    for (const key of keys) {
      const mine = seen.filter((s) => s.key === key);
      // the Java client's murmur2, as kafkajs' DefaultPartitioner computes it for the real broker
      const expected = partitionOf({ topic: TOPIC, partitionMetadata, message: { key, value: null } });
      expect(new Set(mine.map((s) => s.partition))).toEqual(new Set([expected]));
      expect(mine.map((s) => s.value)).toEqual(messages.filter((m) => m.key === key).map((m) => m.value));
    }
    for (let p = 0; p < 4; p++) {
      const offsets = seen.filter((s) => s.partition === p).map((s) => Number(s.offset));
      expect(offsets).toEqual(offsets.map((_, i) => i));
    }
  });

  it('resumes a group from its committed offset in a new bus instance (a restart)', async () => {
    const first = openBus();
    await createTopic(first.kafka, TOPIC, 1);
    await produce(first.kafka, ['a', 'b', 'c', 'd', 'e'].map((value) => ({ key: 'k', value })));
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const { consumer, seen } = await consume(first.kafka, 'restart', async ({ message }) => {
      // 'c' is in hand when the consumer is told to stop.
      if (String(message.value) === 'c') await stuck;
    });
    await eventually(async () => (seen.length >= 2 ? true : undefined), 10_000, 'a and b');
    const stopping = consumer.disconnect();
    release();
    await stopping;
    await first.bus.close();

    const second = openBus();
    const admin = second.kafka.admin();
    await admin.connect();
    // 'c' was in hand when it stopped: disconnect waited for its handler, so it is committed too.
    const [{ partitions }] = await admin.fetchOffsets({ groupId: 'restart', topics: [TOPIC] });
    expect(partitions).toEqual([{ partition: 0, offset: '3', metadata: null }]);
    await admin.disconnect();
    await produce(second.kafka, [{ key: 'k', value: 'f' }]);
    const again = await consume(second.kafka, 'restart');
    await eventually(async () => (again.seen.length >= 3 ? true : undefined), 10_000, 'd, e and f');
    expect(again.seen.map((s) => [s.value, s.offset])).toEqual([
      ['d', '3'],
      ['e', '4'],
      ['f', '5'],
    ]);
  });

  it('delivers a record again until its handler succeeds, holding back the partition meanwhile (at-least-once)', async () => {
    const { kafka } = openBus();
    await createTopic(kafka, TOPIC, 1);
    await produce(kafka, ['one', 'two', 'three'].map((value) => ({ key: 'k', value })));
    const attempts: string[] = [];
    const { seen } = await consume(kafka, 'retry', async ({ message }) => {
      attempts.push(String(message.value));
      if (String(message.value) === 'two' && attempts.filter((a) => a === 'two').length < 3) throw new Error('not yet');
    });
    await eventually(async () => (seen.length >= 3 ? true : undefined), 10_000, 'all three');
    expect(attempts).toEqual(['one', 'two', 'two', 'two', 'three']);
    expect(seen.map((s) => s.value)).toEqual(['one', 'two', 'three']);
  });

  it('redelivers, after a restart, a record whose handler failed before the process died', async () => {
    const first = openBus();
    await createTopic(first.kafka, TOPIC, 1);
    await produce(first.kafka, [{ key: 'k', value: 'poison-once' }]);
    let failures = 0;
    const { consumer } = await consume(first.kafka, 'crash', async () => {
      failures++;
      throw new Error('the database is down');
    });
    await eventually(async () => (failures > 0 ? true : undefined), 10_000, 'a failed attempt');
    await consumer.disconnect();
    await first.bus.close();

    const second = openBus();
    const again = await consume(second.kafka, 'crash');
    await eventually(async () => (again.seen.length >= 1 ? true : undefined), 10_000, 'the record again');
    expect(again.seen).toEqual([expect.objectContaining({ value: 'poison-once', offset: '0' })]);
  });

  it('keeps two groups apart: each reads everything, commits its own offsets', async () => {
    const { kafka } = openBus();
    await createTopic(kafka, TOPIC, 1);
    await produce(kafka, Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })));
    let releaseB!: () => void;
    const holdB = new Promise<void>((resolve) => (releaseB = resolve));
    const a = await consume(kafka, 'group-a');
    const b = await consume(kafka, 'group-b', async ({ message }) => {
      if (String(message.value) === 'v9') await holdB; // b is held at v9 until the end
    });
    cleanups.push(async () => releaseB());
    const admin = kafka.admin();
    await admin.connect();
    const sum = async (groupId: string) =>
      (await admin.fetchOffsets({ groupId, topics: [TOPIC] }))[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    // A record is in `seen` before its handler returns, and committed only after: wait for the commits.
    await eventually(async () => ((await sum('group-a')) >= 10 ? true : undefined), 10_000, 'group a to commit all ten');
    await eventually(async () => ((await sum('group-b')) >= 9 ? true : undefined), 10_000, 'group b to commit up to v9');
    expect([a.seen.length, await sum('group-a')]).toEqual([10, 10]);
    // v9 is in b's hands until the end: neither seen nor committed.
    expect([b.seen.length, await sum('group-b')]).toEqual([9, 9]);
    await admin.disconnect();
    await a.consumer.disconnect();
    // A new consumer of group a reads nothing again; one of a new group reads everything.
    const a2 = await consume(kafka, 'group-a');
    const c = await consume(kafka, 'group-c');
    await eventually(async () => (c.seen.length >= 10 ? true : undefined), 10_000, 'group c');
    // A record sent now is the fact that a2 is reading: once it has it, anything it read again would be before it.
    await produce(kafka, [{ key: 'k10', value: 'v10' }]);
    await eventually(async () => (a2.seen.length >= 1 ? true : undefined), 10_000, 'group a to read the new record');
    expect(a2.seen.map((s) => s.value)).toEqual(['v10']);
    expect(b.seen).toHaveLength(9);
  });

  it('answers topic offsets, and deletes a group only once it has no member', async () => {
    const { kafka } = openBus();
    await createTopic(kafka, TOPIC, 3);
    const admin = kafka.admin();
    await admin.connect();
    expect((await admin.fetchTopicOffsets(TOPIC)).map((o) => [o.partition, o.low, o.high])).toEqual([
      [0, '0', '0'],
      [1, '0', '0'],
      [2, '0', '0'],
    ]);
    const sent = await produce(kafka, Array.from({ length: 9 }, (_, i) => ({ key: `key-${i}`, value: `v${i}` })));
    const offsets = await admin.fetchTopicOffsets(TOPIC);
    expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(9);
    for (const o of offsets) expect(o.offset).toBe(o.high);
    expect(sent.every((r) => r.errorCode === 0 && r.topicName === TOPIC)).toBe(true);
    expect(await admin.listTopics()).toEqual([TOPIC]);
    expect(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3 }] })).toBe(false);
    await expect(produce(kafka, [{ key: 'x', value: 'y' }], 'no.such.topic')).rejects.toThrow(/does not host this topic-partition/);

    const { consumer, seen } = await consume(kafka, 'to-delete');
    await eventually(async () => (seen.length >= 9 ? true : undefined), 10_000, 'all nine');
    await expect(admin.deleteGroups(['to-delete'])).rejects.toThrow(/not empty/);
    await consumer.disconnect();
    await admin.deleteGroups(['to-delete']);
    const [{ partitions }] = await admin.fetchOffsets({ groupId: 'to-delete', topics: [TOPIC] });
    expect(partitions.map((p) => p.offset)).toEqual(['-1', '-1', '-1']);
    await expect(admin.describeCluster()).resolves.toMatchObject({ brokers: [{ nodeId: 0 }] });
    await admin.disconnect();
  });

  it('reads batches without committing, as the audit reads (eachBatch, autoCommit off, pause)', async () => {
    const { kafka } = openBus();
    await createTopic(kafka, TOPIC, 2);
    await produce(kafka, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })));
    const consumer = kafka.consumer({ groupId: 'audit-like' });
    const got: KafkaMessage[] = [];
    const done = new Set<number>();
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        got.push(...batch.messages);
        consumer.pause([{ topic: TOPIC, partitions: [batch.partition] }]);
        done.add(batch.partition);
      },
    });
    await eventually(async () => (done.size >= 2 ? true : undefined), 10_000, 'both partitions');
    await consumer.disconnect();
    expect(got.map((m) => String(m.value)).sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    const admin = kafka.admin();
    await admin.connect();
    expect((await admin.fetchOffsets({ groupId: 'audit-like', topics: [TOPIC] }))[0].partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
    await admin.disconnect();
  });
});

describe('the messaging port on the embedded bus', () => {
  let ds: DataSource;
  let serviceSchema: string;

  beforeEach(async () => {
    serviceSchema = uniqueSchemaName('embedded_port');
    ds = await serviceDataSource(databaseUrl, serviceSchema);
  });

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
    await ds.destroy();
    await dropSchema(serviceSchema);
  });

  it('carries an outbox row through the unchanged relay to an EventConsumer once, and dead-letters a malformed record', async () => {
    const { kafka } = openBus();
    await createTopic(kafka, TOPIC, 3);
    const relay = new OutboxRelay({ dataSource: ds, producer: createIdempotentProducer(kafka), logger, pollIntervalMs: 200 });
    await relay.start();
    cleanups.push(() => relay.stop());
    const handled: string[] = [];
    const consumer = new EventConsumer({
      kafka,
      dataSource: ds,
      logger,
      groupId: 'port',
      topics: [TOPIC],
      maxAttempts: 2,
      backoff: { initialMs: 10, maxMs: 20 },
      handler: async (event, tx) => {
        handled.push(event.envelope.id);
        await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [event.envelope.id, event.envelope.subject, 'port']);
      },
    });
    await consumer.start();
    cleanups.push(() => consumer.stop());

    const event = receivedEvent();
    await ds.transaction((tx) => appendToOutbox(tx, [event], TOPIC));
    await eventually(async () => (handled.includes(event.id) ? true : undefined), 10_000, 'the event handled');
    // The same bytes again (a relay that died before marking its row): the inbox makes it a no-op.
    const [row] = (await ds.query('SELECT message_key, body FROM outbox WHERE event_id = $1', [event.id])) as { message_key: string; body: string }[];
    await produce(kafka, [{ key: row.message_key, value: row.body }, { key: row.message_key, value: '{"not":"an event"}' }]);
    const admin = kafka.admin();
    await admin.connect();
    const dlq = consumer.dlqTopics[0];
    const dead = async () => (await admin.fetchTopicOffsets(dlq)).reduce((n, p) => n + Number(p.high), 0);
    await eventually(async () => ((await dead()) >= 1 ? true : undefined), 10_000, 'the malformed record in the DLQ');
    expect(await dead()).toBe(1);
    await admin.disconnect();
    expect(handled.filter((id) => id === event.id)).toHaveLength(1);
    const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM effect WHERE event_id = $1', [event.id])) as { n: number }[];
    expect(n).toBe(1);
  });
});
