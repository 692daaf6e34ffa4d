import { generateEventSigningKey, parseEventKeyRing, parseEventSigningKey, serializeEnvelope, signEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { deadlineWarning, deleteTopics, eventually, REPO_ROOT, testInfrastructure, testKafka, TopicReader, uniqueSuffix } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventConsumer, type EventConsumerOptions, type EventHandler } from './consumer';
import { createKafka } from './kafka';
import { logger, receivedEvent, workspacePerTest } from './__fixtures__/harness';

// Batched consumption (docs/adr/0031) against the real broker and Postgres: a partition's events
// are claimed together and applied in one transaction with a savepoint each, and every guarantee
// of ADR 0007 and 0015 still holds for the events of one batch.

const infra = testInfrastructure();
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'batched-int', logger });

let schema: string;
let topic: string;
let ds: DataSource;
const stoppers = workspacePerTest('batched', (w) => ({ schema, topic, ds } = w));

/** One complaint's events, in this order, on partition 0 before any consumer starts: the consumer fetches them as one batch. */
async function produce(complaintId: string, envelopes: object[]): Promise<void> {
  const producer = testKafka('batched-producer').producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: envelopes.map((e) => ({ key: complaintId, partition: 0, value: JSON.stringify(e) })) });
  await producer.disconnect();
}

/** A consumer whose effect is one `effect` row per event; `failWhen` makes the handler throw. */
async function startConsumer(options: Partial<EventConsumerOptions> & { failWhen?: (eventId: string) => boolean } = {}) {
  const { failWhen, ...rest } = options;
  const groupId = options.groupId ?? `batched-${uniqueSuffix()}`;
  const handler: EventHandler = async (event, tx) => {
    if (failWhen?.(event.envelope.id)) throw new Error(`handler refuses ${event.envelope.id}`);
    await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [event.envelope.id, event.envelope.subject, groupId]);
  };
  const consumer = new EventConsumer({ kafka, dataSource: ds, logger, topics: [topic], handler, maxAttempts: 3, backoff: { initialMs: 20, maxMs: 100 }, ...rest, groupId });
  await consumer.start();
  stoppers.push(async () => {
    await consumer.stop();
    await deleteTopics(consumer.dlqTopics);
  });
  return { consumer, groupId };
}

async function startReader(...topics: string[]): Promise<TopicReader> {
  const reader = await new TopicReader(topics).start();
  stoppers.push(() => reader.stop());
  return reader;
}

/** The events the group applied, in the order their effects were written. */
async function applied(groupId: string): Promise<string[]> {
  const rows = (await ds.query('SELECT event_id FROM effect WHERE consumer = $1 ORDER BY id', [groupId])) as { event_id: string }[];
  return rows.map((r) => r.event_id);
}

interface InboxRow {
  started_attempts: number;
  finished_attempts: number;
  processed_at: Date | null;
  dead_lettered_at: Date | null;
}

async function inboxOf(groupId: string): Promise<Map<string, InboxRow>> {
  const rows = (await ds.query('SELECT event_id, started_attempts, finished_attempts, processed_at, dead_lettered_at FROM inbox WHERE consumer_group = $1', [groupId])) as (InboxRow & { event_id: string })[];
  return new Map(rows.map(({ event_id, ...row }) => [event_id, row]));
}

/** Messages written to a topic so far (its high watermarks): a fact once the writer's acks=all send returned. */
async function messagesIn(t: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(t)).reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The offset the Kafka group committed on partition 0 (-1: none). */
async function committedOffset(groupId: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Number(committed.partitions.find((p) => p.partition === 0)?.offset ?? -1);
  } finally {
    await admin.disconnect();
  }
}

function trackingNumbers(complaintId: string, n: number): EventEnvelope[] {
  return Array.from({ length: n }, (_, i) => receivedEvent(complaintId, `BLP-2026-${String(i + 1).padStart(6, '0')}`));
}

describe('a consumer applying a partition in batches', () => {
  it('sends a poison event in the middle of a batch to the DLQ alone, after the events before it and before the events after it, each applied once, in order', async () => {
    const complaintId = randomUUID();
    const events = trackingNumbers(complaintId, 10);
    const poison = events[4];
    await produce(complaintId, events);
    const { consumer, groupId } = await startConsumer({ failWhen: (id) => id === poison.id, maxAttempts: 3 });
    const dlq = await startReader(consumer.dlqTopics[0]);

    await eventually(async () => ((await applied(groupId)).length === 9 ? true : undefined));
    expect(await applied(groupId)).toEqual(events.filter((e) => e !== poison).map((e) => e.id));
    const [dead] = await dlq.waitFor(() => true);
    expect(dead.value).toBe(JSON.stringify(poison));
    expect([dead.headers['dlq-error-code'], dead.headers['dlq-attempts']]).toEqual(['EVENT.HANDLER_FAILED', '3']);
    expect(dead.headers['dlq-reason']).toContain(`handler refuses ${poison.id}`);
    expect(await messagesIn(consumer.dlqTopics[0])).toBe(1);

    const inbox = await inboxOf(groupId);
    // Its attempt in the batch is the first of its three; then the bounded retries alone, as ever.
    expect(inbox.get(poison.id)).toMatchObject({ started_attempts: 4, finished_attempts: 3, processed_at: null });
    for (const e of events.filter((x) => x !== poison)) expect(inbox.get(e.id)).toMatchObject({ started_attempts: 1, finished_attempts: 1 });
    // The event before it committed before it went to the DLQ; the event after it only then.
    const before = inbox.get(events[3].id)?.processed_at?.getTime() ?? NaN;
    const deadAt = inbox.get(poison.id)?.dead_lettered_at?.getTime() ?? NaN;
    const after = inbox.get(events[5].id)?.processed_at?.getTime() ?? NaN;
    expect(before).toBeLessThan(deadAt);
    expect(deadAt).toBeLessThan(after);
  });

  it(
    'applies nothing twice after a poison event killed its process mid-batch, twice: offsets never ran ahead of the effects, and the poison event alone goes to the DLQ',
    async () => {
      const complaintId = randomUUID();
      const events = trackingNumbers(complaintId, 14);
      const poison = events[9];
      const ids = (list: EventEnvelope[]) => list.map((e) => e.id);
      await produce(complaintId, events);
      const groupId = `batched-${uniqueSuffix()}`;
      const member = () =>
        runUntilKilled({
          SCHEMA: schema,
          DATABASE_URL: infra.databaseUrl,
          KAFKA_BROKERS: infra.kafkaBrokers.join(','),
          TOPIC: topic,
          GROUP_ID: groupId,
          POISON_ID: poison.id,
          MAX_ATTEMPTS: '2',
          MAX_BATCH_EVENTS: '4',
        });

      // Chunks of four: [0-3] and [4-7] committed with their offsets; [8-11] dies with its transaction.
      await member();
      expect(await applied(groupId)).toEqual(ids(events.slice(0, 8)));
      expect(await committedOffset(groupId)).toBeLessThanOrEqual(8);

      // The next member is handed [8-11] again: their batch attempt is on record, so they go alone; 8 is applied, the poison kills again.
      await member();
      expect(await applied(groupId)).toEqual(ids(events.slice(0, 9)));
      expect(await committedOffset(groupId)).toBeLessThanOrEqual(9);

      // A third member: the poison has had its two attempts; the events after it never had one.
      const { consumer } = await startConsumer({ groupId, maxAttempts: 2, maxBatchEvents: 4 });
      const dlq = await startReader(consumer.dlqTopics[0]);
      await eventually(async () => ((await applied(groupId)).length === 13 ? true : undefined), 60_000);
      expect(await applied(groupId)).toEqual(ids(events.filter((e) => e !== poison)));
      const [dead] = await dlq.waitFor(() => true);
      expect([dead.value, dead.headers['dlq-reason']]).toEqual([JSON.stringify(poison), 'gave up after 2 attempts']);
      expect(await messagesIn(consumer.dlqTopics[0])).toBe(1);
      const started = Object.fromEntries([...(await inboxOf(groupId))].map(([id, row]) => [id, row.started_attempts]));
      expect(started).toEqual(
        Object.fromEntries(events.map((e, i) => [e.id, i === 9 ? 3 : [8, 10, 11].includes(i) ? 2 : 1])),
      );
    },
    150_000,
  );

  it('dead-letters a forged event of a type it acts on without claiming its id, and passes over, unverified, one of a type it does not act on', async () => {
    const complaintId = randomUUID();
    const intake = generateEventSigningKey('intake-1', 'pengaduan/intake');
    const slaMonitor = generateEventSigningKey('sla-monitor-1', 'pengaduan/sla-monitor');
    const intakeKey = parseEventSigningKey(intake.privateKey);
    const [first, real, last] = trackingNumbers(complaintId, 3).map((e) => signEnvelope(e, intakeKey));
    // The real event's id and signature over another payload: were it claimed, the real one would be skipped.
    const forged = { ...real, data: { ...real.data, trackingNumber: 'BLP-2026-999999' } };
    const impostor = parseEventSigningKey(generateEventSigningKey('sla-monitor-1', 'pengaduan/sla-monitor').privateKey);
    const forgedWarning = signEnvelope(deadlineWarning(complaintId), impostor);
    await produce(complaintId, [first, forged, real, forgedWarning, last]);
    const { consumer, groupId } = await startConsumer({
      keyRing: parseEventKeyRing(`${intake.publicEntry},${slaMonitor.publicEntry}`),
      accepts: (type) => type.startsWith('complaint.'),
    });
    const dlq = await startReader(consumer.dlqTopics[0]);

    await eventually(async () => ((await applied(groupId)).length === 3 ? true : undefined));
    expect(await applied(groupId)).toEqual([first.id, real.id, last.id]);
    const [dead] = await dlq.waitFor(() => true);
    expect([dead.headers['dlq-error-code'], dead.headers['dlq-attempts'], dead.value]).toEqual(['EVENT.BAD_SIGNATURE', '0', serializeEnvelope(forged).toString('utf8')]);
    // Dead letters go out before the events after them are applied: nothing more is coming.
    expect(await messagesIn(consumer.dlqTopics[0])).toBe(1);
    expect([...(await inboxOf(groupId)).keys()].sort()).toEqual([first.id, real.id, last.id].sort());
    expect({ passedOver: consumer.passedOver, refusedSignatures: consumer.refusedSignatures }).toEqual({ passedOver: 1, refusedSignatures: 1 });
  });
});

/** Runs __fixtures__/crashing-consumer.ts until its poison event kills it (SIGKILL); fails if it ends any other way. */
async function runUntilKilled(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/src/lib/__fixtures__/crashing-consumer.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let timer: NodeJS.Timeout | undefined;
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
    timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.on('exit', (_code, sig) => resolve(sig));
  });
  clearTimeout(timer);
  expect({ signal, stderr: signal === 'SIGKILL' ? '' : stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
}
