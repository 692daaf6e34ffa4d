import { randomBytes, randomInt } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { testInfrastructure } from './infrastructure';

/** A short unique suffix, so suites running in parallel never share a schema, topic or group. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * A random office code (six capital letters, the longest an office code may be), so suites and
 * runs never share an office, its complaints, tracking numbers or document numbers.
 */
export function randomOfficeCode(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** `prefix_<unique>` as a lowercase SQL identifier. */
export function uniqueSchemaName(prefix: string): string {
  return `t_${prefix.replace(/[^a-z0-9_]/g, '_')}_${uniqueSuffix()}`.slice(0, 63);
}

async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testInfrastructure().databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Runs one SQL statement against the test database, outside any service. */
export async function sql<R extends object = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  return withAdminClient(async (c) => (await c.query(text, params)).rows as R[]);
}

/** A kafkajs client for tests, quiet unless something is wrong. */
export function testKafka(clientId = 'test'): Kafka {
  return new Kafka({ clientId, brokers: testInfrastructure().kafkaBrokers, logLevel: logLevel.ERROR });
}

/** Creates the topics of `definitions` that the test broker does not have yet. */
export async function createTopicsIfMissing(definitions: readonly { name: string; partitions: number }[]): Promise<void> {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = definitions.filter((d) => !existing.has(d.name));
    if (wanted.length === 0) return;
    await admin.createTopics({ waitForLeaders: true, topics: wanted.map((d) => ({ topic: d.name, numPartitions: d.partitions })) }).catch((err: Error) => {
      if (!/already exists/i.test(err.message)) throw err;
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Commits a new consumer group's offsets at the current end of `topic`, so a service under test
 * reads only what is published from now on, not the whole (unlimited-retention) history.
 * Explicit offsets: kafkajs' `resetOffsets({ earliest: false })` commits the sentinel -1, which a
 * consumer takes as "no offset" and then reads from the beginning.
 */
export async function startGroupAtEnd(groupId: string, topic: string): Promise<void> {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  } finally {
    await admin.disconnect();
  }
}

/** Creates a topic of the suite's own (deleted by `deleteTopics`). */
export async function createTestTopic(prefix: string, partitions = 3): Promise<string> {
  const topic = `test.${prefix}.${uniqueSuffix()}`;
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    // On a loaded machine the broker may answer "does not host this topic-partition" for a moment
    // after the leaders are elected: wait until every partition answers its offsets.
    await eventually(
      async () => ((await admin.fetchTopicOffsets(topic).catch(() => [])).length === partitions ? true : undefined),
      20_000,
      `topic ${topic} to serve its ${partitions} partitions`,
    );
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until a complaint's timeline, as `readTimeline` reads it (the gateway's view, over REST),
 * holds every one of `eventIds`: what a test waits for after a command answered with them. Not
 * the status the command answered: an event that follows at once (a delivery receipt closing an
 * informed complaint) can pass it between two polls, while the command's own events stay.
 */
export async function untilApplied(complaintId: string, eventIds: readonly string[], readTimeline: () => Promise<readonly { id: string }[] | undefined>, timeoutMs = 30_000): Promise<void> {
  if (!Array.isArray(eventIds) || eventIds.length === 0) throw new Error(`no event ids to wait for on complaint ${complaintId}`);
  await eventually(
    async () => {
      const applied = new Set(((await readTimeline()) ?? []).map((e) => e.id));
      return eventIds.every((e) => applied.has(e)) ? true : undefined;
    },
    timeoutMs,
    `the gateway's view of complaint ${complaintId} to apply events ${eventIds.join(', ')}`,
  );
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}
