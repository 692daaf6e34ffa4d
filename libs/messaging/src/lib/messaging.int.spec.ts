import { parseEnvelope, type EventType } from '@pengaduan/contracts';
import { deadlineWarning, deleteTopics, eventually, REPO_ROOT, testInfrastructure, testKafka, TopicReader, uniqueSuffix } from '@pengaduan/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventConsumer, type EventHandler } from './consumer';
import { createIdempotentProducer, createKafka } from './kafka';
import { appendToOutbox } from './outbox';
import { OutboxRelay } from './relay';
import { logger, receivedEvent, workspacePerTest } from './__fixtures__/harness';

const infra = testInfrastructure();
const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'messaging-int', logger });

let schema: string;
let topic: string;
let ds: DataSource;
const stoppers = workspacePerTest('messaging', (w) => ({ schema, topic, ds } = w));

async function startRelay(): Promise<OutboxRelay> {
  const relay = new OutboxRelay({ dataSource: ds, producer: createIdempotentProducer(kafka), logger, pollIntervalMs: 500 });
  await relay.start();
  stoppers.push(() => relay.stop());
  return relay;
}

async function startReader(...topics: string[]): Promise<TopicReader> {
  const reader = await new TopicReader(topics.length ? topics : [topic]).start();
  stoppers.push(() => reader.stop());
  return reader;
}

/** A consumer whose effect is one `effect` row per event; `failWhen` makes the handler throw. */
async function startConsumer(options: { groupId?: string; failWhen?: (eventId: string) => boolean; maxAttempts?: number; accepts?: (type: EventType) => boolean } = {}) {
  const groupId = options.groupId ?? `consumer-${uniqueSuffix()}`;
  const handler: EventHandler = async (event, tx) => {
    if (options.failWhen?.(event.envelope.id)) throw new Error(`handler refuses ${event.envelope.id}`);
    await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [
      event.envelope.id,
      event.envelope.subject,
      groupId,
    ]);
  };
  const consumer = new EventConsumer({
    kafka,
    dataSource: ds,
    logger,
    groupId,
    topics: [topic],
    handler,
    maxAttempts: options.maxAttempts ?? 3,
    backoff: { initialMs: 20, maxMs: 100 },
    ...(options.accepts ? { accepts: options.accepts } : {}),
  });
  await consumer.start();
  stoppers.push(async () => {
    await consumer.stop();
    await deleteTopics(consumer.dlqTopics);
  });
  return { consumer, groupId };
}

async function effectsOf(eventId: string): Promise<number> {
  const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM effect WHERE event_id = $1', [eventId])) as { n: number }[];
  return n;
}

describe('transactional outbox and relay', () => {
  it('publishes an event committed together with its state, keyed by complaint, and keeps the row as the journal', async () => {
    const reader = await startReader();
    await startRelay();
    const event = receivedEvent();

    await ds.transaction(async (tx) => {
      await tx.query('INSERT INTO complaint_state (complaint_id, note) VALUES ($1, $2)', [event.subject, 'received']);
      await appendToOutbox(tx, [event], topic);
    });

    const [message] = await reader.waitFor((m) => m.value !== null && m.value.includes(event.id));
    expect(message.key).toBe(event.subject);
    expect(message.headers['content-type']).toContain('application/cloudevents+json');
    const parsed = parseEnvelope(message.value ?? '');
    expect(parsed.ok && parsed.envelope).toEqual(event);
    const journal = await eventually(async () => {
      const rows = (await ds.query('SELECT published_at, body FROM outbox WHERE event_id = $1', [event.id])) as {
        published_at: Date | null;
        body: string;
      }[];
      return rows[0]?.published_at ? rows[0] : undefined;
    });
    expect(journal.body).toBe(message.value);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const reader = await startReader();
    const relay = await startRelay();
    const complaintId = randomUUID();
    const rolledBack = receivedEvent(complaintId);
    const later = receivedEvent(complaintId, 'BLP-2026-000002');

    await expect(
      ds.transaction(async (tx) => {
        await tx.query('INSERT INTO complaint_state (complaint_id, note) VALUES ($1, $2)', [complaintId, 'received']);
        await appendToOutbox(tx, [rolledBack], topic);
        throw new Error('the business rule refused');
      }),
    ).rejects.toThrow('the business rule refused');
    await ds.transaction((tx) => appendToOutbox(tx, [later], topic));
    await relay.flush();

    // Same key, so same partition: once the later event is there, an earlier one would be too.
    await reader.waitFor((m) => m.value?.includes(later.id) ?? false);
    expect(reader.messages.filter((m) => m.value?.includes(rolledBack.id))).toHaveLength(0);
    expect(await ds.query('SELECT 1 FROM outbox WHERE event_id = $1', [rolledBack.id])).toHaveLength(0);
    expect(await ds.query('SELECT 1 FROM complaint_state WHERE complaint_id = $1', [complaintId])).toHaveLength(0);
  });

  it("keeps one complaint's events in the order they were committed", async () => {
    const reader = await startReader();
    const complaintId = randomUUID();
    const events = Array.from({ length: 12 }, (_, i) => receivedEvent(complaintId, `BLP-2026-${String(i + 1).padStart(6, '0')}`));
    for (const e of events) await ds.transaction((tx) => appendToOutbox(tx, [e], topic));
    await startRelay();

    const got = await reader.waitFor((m) => m.key === complaintId, events.length);
    expect(got.map((m) => (parseEnvelope(m.value ?? '') as { envelope: { id: string } }).envelope.id)).toEqual(events.map((e) => e.id));
  });

  it('refuses to write to the outbox outside a transaction', async () => {
    await expect(appendToOutbox(ds.manager, [receivedEvent()], topic)).rejects.toThrow(/open transaction/);
  });

  it('a relay killed between send and mark causes no second effect downstream', async () => {
    const reader = await startReader();
    const { groupId } = await startConsumer();
    const event = receivedEvent();
    await ds.transaction((tx) => appendToOutbox(tx, [event], topic));

    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/src/lib/__fixtures__/crashing-relay.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SCHEMA: schema, DATABASE_URL: infra.databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers.join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, stderr: signal === 'SIGKILL' ? '' : stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    // The broker has the event, the journal still says unpublished.
    await reader.waitFor((m) => m.value?.includes(event.id) ?? false);
    const [row] = (await ds.query('SELECT published_at FROM outbox WHERE event_id = $1', [event.id])) as { published_at: Date | null }[];
    expect(row.published_at).toBeNull();

    // A new relay publishes it again: two copies on the topic, one effect.
    const relay = await startRelay();
    await relay.flush();
    await reader.waitFor((m) => m.value?.includes(event.id) ?? false, 2);
    await eventually(async () => ((await effectsOf(event.id)) === 1 ? true : undefined));
    const [inbox] = (await ds.query('SELECT processed_at FROM inbox WHERE consumer_group = $1 AND event_id = $2', [groupId, event.id])) as {
      processed_at: Date | null;
    }[];
    expect(inbox.processed_at).not.toBeNull();
    // A later event of the same complaint (same partition) is handled only after the second copy.
    const marker = receivedEvent(event.subject, 'BLP-2026-000002');
    await ds.transaction((tx) => appendToOutbox(tx, [marker], topic));
    await relay.flush();
    await eventually(async () => ((await effectsOf(marker.id)) === 1 ? true : undefined));
    expect(await effectsOf(event.id)).toBe(1);
  });
});

describe('consumer with inbox and DLQ', () => {
  async function produceRaw(messages: { key: string; value: string | Buffer }[]): Promise<void> {
    const producer = testKafka('raw-producer').producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
  }

  it('a redelivered event has no second effect, even for a restarted group reading from the start', async () => {
    const event = receivedEvent();
    const body = JSON.stringify(event);
    await produceRaw([
      { key: event.subject, value: body },
      { key: event.subject, value: body },
    ]);
    const first = await startConsumer();
    await eventually(async () => ((await effectsOf(event.id)) === 1 ? true : undefined));

    // The whole group restarts from offset 0, as after a lost offset commit.
    await first.consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: first.groupId, topic, earliest: true });
    await admin.disconnect();
    const marker = receivedEvent(event.subject);
    await produceRaw([{ key: marker.subject, value: JSON.stringify(marker) }]);
    await startConsumer({ groupId: first.groupId });
    await eventually(async () => ((await effectsOf(marker.id)) === 1 ? true : undefined));

    expect(await effectsOf(event.id)).toBe(1);
  });

  it('sends a malformed event to the DLQ with the reason, and the partition moves on', async () => {
    const complaintId = randomUUID();
    const good = receivedEvent(complaintId);
    const broken = { ...JSON.parse(JSON.stringify(good)), id: randomUUID(), data: { ...good.data, trackingNumber: 42 } };
    await produceRaw([
      { key: complaintId, value: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: complaintId, value: JSON.stringify(broken) },
      { key: complaintId, value: JSON.stringify(good) },
    ]);
    const { consumer, groupId } = await startConsumer();
    const dlq = await startReader(consumer.dlqTopics[0]);

    await eventually(async () => ((await effectsOf(good.id)) === 1 ? true : undefined));
    const dead = await dlq.waitFor(() => true, 2);
    expect(dead.map((m) => m.headers['dlq-error-code'])).toEqual(['EVENT.MALFORMED', 'EVENT.MALFORMED']);
    expect(dead[1].headers['dlq-reason']).toMatch(/trackingNumber/);
    expect(dead.every((m) => m.key === complaintId && m.headers['dlq-consumer-group'] === groupId)).toBe(true);
    expect(dead[1].value).toBe(JSON.stringify(broken));
    expect(await effectsOf(broken.id)).toBe(0);
  });

  it('passes over, without a transaction or an inbox row, the valid events of types the group does not act on, and still dead-letters malformed ones', async () => {
    const complaintId = randomUUID();
    const received = receivedEvent(complaintId);
    const warning = deadlineWarning(complaintId);
    const malformedWarning = { ...JSON.parse(JSON.stringify(warning)), id: randomUUID(), data: { stepId: 7 } };
    const next = receivedEvent(complaintId, 'BLP-2026-000010');
    await produceRaw([received, warning, malformedWarning, next].map((e) => ({ key: complaintId, value: JSON.stringify(e) })));
    const { consumer, groupId } = await startConsumer({ accepts: (type) => type.startsWith('complaint.') });
    const dlq = await startReader(consumer.dlqTopics[0]);

    await eventually(async () => ((await effectsOf(next.id)) === 1 ? true : undefined));
    expect(await effectsOf(received.id)).toBe(1);
    expect(await effectsOf(warning.id)).toBe(0);
    const inbox = (await ds.query('SELECT event_id FROM inbox WHERE consumer_group = $1', [groupId])) as { event_id: string }[];
    expect(inbox.map((r) => r.event_id).sort()).toEqual([received.id, next.id].sort());
    expect(consumer.passedOver).toBe(1);
    const [dead] = await dlq.waitFor(() => true);
    expect(dead.headers['dlq-error-code']).toBe('EVENT.MALFORMED');
    expect(dead.value).toBe(JSON.stringify(malformedWarning));
  });

  it('gives up on an event its handler keeps refusing after bounded retries, dead-letters it, and handles the next one', async () => {
    const complaintId = randomUUID();
    const poison = receivedEvent(complaintId);
    const next = receivedEvent(complaintId, 'BLP-2026-000009');
    await produceRaw([
      { key: complaintId, value: JSON.stringify(poison) },
      { key: complaintId, value: JSON.stringify(next) },
    ]);
    const { consumer, groupId } = await startConsumer({ failWhen: (id) => id === poison.id, maxAttempts: 3 });
    const dlq = await startReader(consumer.dlqTopics[0]);

    await eventually(async () => ((await effectsOf(next.id)) === 1 ? true : undefined));
    const [dead] = await dlq.waitFor(() => true);
    expect(dead.headers['dlq-error-code']).toBe('EVENT.HANDLER_FAILED');
    expect(dead.headers['dlq-reason']).toContain(`handler refuses ${poison.id}`);
    expect(dead.headers['dlq-original-topic']).toBe(topic);
    const [inbox] = (await ds.query(
      'SELECT started_attempts, finished_attempts, processed_at, dead_lettered_at FROM inbox WHERE consumer_group = $1 AND event_id = $2',
      [groupId, poison.id],
    )) as { started_attempts: number; finished_attempts: number; processed_at: Date | null; dead_lettered_at: Date | null }[];
    expect(inbox).toMatchObject({ started_attempts: 4, finished_attempts: 3, processed_at: null });
    expect(inbox.dead_lettered_at).not.toBeNull();
    expect(await effectsOf(poison.id)).toBe(0);
  });
});
