// Re-driving a dead-lettered event (docs/adr/0043), on the real broker: the group's own re-drive
// topic opens the event again after a fix and it is applied exactly once; nothing else gets in.
import { redriveTopicFor } from '@pengaduan/contracts';
import { deleteTopics, eventually, testInfrastructure, testKafka, TopicReader, uniqueSuffix, type ReadMessage } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createIdempotentProducer, createKafka } from '../kafka';
import { logger, receivedEvent, workspacePerTest } from '../__fixtures__/harness';
import { EventConsumer } from './event-consumer';
import { redrive } from './redrive';

const kafka = createKafka({ brokers: testInfrastructure().kafkaBrokers, clientId: 'redrive-int', logger });

let topic: string;
let ds: DataSource;
const stoppers = workspacePerTest('redrive', (w) => ({ topic, ds } = w));

/** A group whose handler refuses the events of `broken` until they are taken out (the "fix"). */
async function startGroup(broken: Set<string>) {
  const groupId = `redrive-${uniqueSuffix()}`;
  const consumer = new EventConsumer({
    kafka,
    dataSource: ds,
    logger,
    groupId,
    topics: [topic],
    maxAttempts: 2,
    backoff: { initialMs: 20, maxMs: 50 },
    handler: async (event, tx) => {
      if (broken.has(event.envelope.id)) throw new Error(`handler refuses ${event.envelope.id}`);
      await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [event.envelope.id, event.envelope.subject, groupId]);
    },
  });
  await consumer.start();
  stoppers.push(async () => {
    await consumer.stop();
    await deleteTopics(consumer.dlqTopics);
  });
  const dlq = await new TopicReader([consumer.dlqTopics[0]]).start();
  stoppers.push(() => dlq.stop());
  return { groupId, dlq };
}

async function produce(targetTopic: string, messages: { key: string; value: string }[]): Promise<void> {
  const producer = testKafka('redrive-producer').producer();
  await producer.connect();
  await producer.send({ topic: targetTopic, acks: -1, messages });
  await producer.disconnect();
}

/** Puts a read DLQ message back for the group, as the gateway does. */
async function putBack(groupId: string, dead: ReadMessage): Promise<string> {
  const redriveId = randomUUID();
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  await redrive(producer, groupId, redriveId, [{ key: dead.key, value: dead.value, headers: dead.headers }]);
  await producer.disconnect();
  return redriveId;
}

/** Whether the group has committed its re-drive topic up to `count` messages (it has read them all). */
async function redriveReadUpTo(groupId: string, count: number): Promise<true | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [redriveTopicFor(groupId)] });
    return offsets.partitions[0]?.offset === String(count) ? true : undefined;
  } finally {
    await admin.disconnect();
  }
}

async function effectsOf(eventId: string): Promise<number> {
  const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM effect WHERE event_id = $1', [eventId])) as { n: number }[];
  return n;
}

describe('re-driving a dead-lettered event', () => {
  it('applies it exactly once after a fix, for that group only; a second re-drive and the stream’s redelivery change nothing', async () => {
    const poison = receivedEvent();
    const broken = new Set([poison.id]);
    const failing = await startGroup(broken);
    const other = await startGroup(new Set());
    await produce(topic, [{ key: poison.subject, value: JSON.stringify(poison) }]);
    const [dead] = await failing.dlq.waitFor(() => true);
    expect(dead.headers['dlq-error-code']).toBe('EVENT.HANDLER_FAILED');
    await eventually(async () => ((await effectsOf(poison.id)) === 1 ? true : undefined)); // the other group's effect

    broken.delete(poison.id); // the fix
    const redriveId = await putBack(failing.groupId, dead);
    await eventually(async () => ((await effectsOf(poison.id)) === 2 ? true : undefined));
    const [row] = (await ds.query('SELECT processed_at, dead_lettered_at, started_attempts FROM inbox WHERE consumer_group = $1 AND event_id = $2', [failing.groupId, poison.id])) as {
      processed_at: Date | null;
      dead_lettered_at: Date | null;
      started_attempts: number;
    }[];
    expect(row).toMatchObject({ dead_lettered_at: null, started_attempts: 1 });
    expect(row.processed_at).not.toBeNull();

    // The same re-drive again, the original on the stream again, and a marker behind it.
    await putBack(failing.groupId, dead);
    await produce(topic, [{ key: poison.subject, value: JSON.stringify(poison) }]);
    const marker = receivedEvent(poison.subject);
    await produce(topic, [{ key: marker.subject, value: JSON.stringify(marker) }]);
    await eventually(async () => ((await effectsOf(marker.id)) === 2 ? true : undefined));
    await eventually(() => redriveReadUpTo(failing.groupId, 2));
    const perGroup = (await ds.query('SELECT consumer, count(*)::int AS n FROM effect WHERE event_id = $1 GROUP BY consumer ORDER BY consumer', [poison.id])) as { consumer: string; n: number }[];
    expect(Object.fromEntries(perGroup.map((r) => [r.consumer, r.n]))).toEqual({ [failing.groupId]: 1, [other.groupId]: 1 });
    expect(failing.dlq.messages).toHaveLength(1);
    expect(redriveId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('dead-letters it again with the new reason when it still fails, and passes over an event the group never dead-lettered', async () => {
    const poison = receivedEvent();
    const stranger = receivedEvent();
    const broken = new Set([poison.id, stranger.id]);
    const group = await startGroup(broken);
    await produce(topic, [{ key: poison.subject, value: JSON.stringify(poison) }]);
    const [dead] = await group.dlq.waitFor(() => true);

    const redriveId = await putBack(group.groupId, dead);
    const [, again] = await group.dlq.waitFor(() => true, 2);
    expect(again.headers['dlq-reason']).toContain(`handler refuses ${poison.id}`);
    expect(again.headers['redrive-id']).toBe(redriveId);
    expect(again.headers['dlq-original-topic']).toBe(redriveTopicFor(group.groupId));

    // An event this group never read, put on its re-drive topic (a forgery, another deployment's): passed over.
    broken.clear();
    await putBack(group.groupId, { ...dead, key: stranger.subject, value: JSON.stringify(stranger) });
    await putBack(group.groupId, again); // behind it, now fixed
    await eventually(async () => ((await effectsOf(poison.id)) === 1 ? true : undefined));
    expect(await effectsOf(stranger.id)).toBe(0);
    expect(group.dlq.messages).toHaveLength(2);
  });
});
