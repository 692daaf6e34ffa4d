import { createLogger } from '@pengaduan/runtime';
import { randomUUID } from 'node:crypto';
import { createKafka } from './kafka';
import type { KafkaSecurity } from './kafka-security';

/** One record of the topic as read. */
export interface TopicRecord {
  readonly partition: number;
  /** The record's offset (Kafka's decimal string). */
  readonly offset: string;
  /** The record's value: the event's JSON, or null for a tombstone. */
  readonly value: Buffer | Uint8Array | string | null;
}

export interface ReadOptions {
  readonly brokers: string[];
  /** TLS and SASL for a broker that requires them (KAFKA_SSL_CA, KAFKA_SASL_*, as the services read them). */
  readonly security?: KafkaSecurity;
  readonly topic: string;
  /** Who reads, for the client id and the group's name (`<reader>-<uuid>`): `audit`, `intake-replay-erasures`. */
  readonly reader: string;
  /** Called for every record below the high watermarks of the start, in partition order. */
  readonly onRecord: (record: TopicRecord) => void;
  /**
   * Awaited after the records of each fetched batch were handed over: no more is fetched until it
   * resolves (back-pressure); when it rejects, reading stops and {@link readTopic} rejects with it.
   */
  readonly afterBatch?: () => Promise<void>;
  /** Progress and problems, for the operator (stderr). */
  readonly log?: (message: string) => void;
  /** Give up on a partition that makes no progress for this long (default 60 s). */
  readonly idleTimeoutMs?: number;
}

export interface PartitionRead {
  readonly partition: number;
  /** The first offset still on the broker. */
  readonly low: string;
  /** The high watermark at the start: the reader stops there. */
  readonly high: string;
  /** Records handed over. */
  readonly records: number;
  /** Whether the reader reached `high`. */
  readonly complete: boolean;
}

export interface ReadResult {
  readonly groupId: string;
  readonly partitions: readonly PartitionRead[];
}

/** At most this much of a partition per fetch, and of all partitions together. */
const FETCH_BYTES_PER_PARTITION = 1024 * 1024;
const FETCH_BYTES = 4 * 1024 * 1024;

/** The broker cannot be reached or the topic does not exist (exit status 2). */
export class TopicUnavailableError extends Error {}

/**
 * Reads every partition of `topic` from its beginning up to the high watermarks fetched when it
 * starts, then stops (the audit's replay, intake's replay of erasures). The consumer group is its
 * own (`<reader>-<uuid>`, never a service's), it never commits an offset (`autoCommit: false`), and
 * it is deleted afterwards; so the services' consumer groups are never disturbed, and a second
 * read reads the same records again.
 */
export async function readTopic(options: ReadOptions): Promise<ReadResult> {
  const log = options.log ?? (() => undefined);
  const kafka = createKafka({
    brokers: options.brokers,
    ...(options.security ? { security: options.security } : {}),
    clientId: options.reader,
    logger: createLogger(options.reader, 'silent'),
    // kafkajs' own lines go to stderr: stdout is the report.
    logLevel: 1,
    logCreator: () => (entry) => log(`kafkajs: ${entry.log.message}`),
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 300, retries: 3 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new TopicUnavailableError(`cannot reach the brokers ${options.brokers.join(',')}: ${(error as Error).message}`);
  }
  const groupId = `${options.reader}-${randomUUID()}`;
  let offsets: { partition: number; low: string; high: string }[];
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(options.topic)) throw new TopicUnavailableError(`topic ${options.topic} does not exist on ${options.brokers.join(',')}`);
    offsets = (await admin.fetchTopicOffsets(options.topic)).map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition);
  } catch (error) {
    await admin.disconnect();
    if (error instanceof TopicUnavailableError) throw error;
    throw new TopicUnavailableError(`cannot read the offsets of ${options.topic}: ${(error as Error).message}`);
  }

  const target = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  const counts = new Map(offsets.map((o) => [o.partition, 0]));
  const pending = new Set(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => o.partition));
  const result = (): ReadResult => ({
    groupId,
    partitions: offsets.map((o) => ({ ...o, records: counts.get(o.partition) ?? 0, complete: !pending.has(o.partition) })),
  });
  if (pending.size === 0) {
    await admin.disconnect();
    return result();
  }

  // A fetch's response is held whole (each record's value is a slice of it) until every record of
  // it was handed over: these bound what the reader holds (ADR 0032).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: FETCH_BYTES_PER_PARTITION, maxBytes: FETCH_BYTES, maxWaitTimeInMs: 500 });
  let done!: () => void;
  let failure: Error | undefined;
  let lastProgress = Date.now();
  const finished = new Promise<void>((resolve) => (done = resolve));
  const total = offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
  let read = 0;
  let nextLog = Date.now() + 5_000;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const end = target.get(batch.partition);
        if (end === undefined || !pending.has(batch.partition) || failure) return;
        try {
          for (const m of batch.messages) {
            if (BigInt(m.offset) >= end) break;
            options.onRecord({ partition: batch.partition, offset: m.offset, value: m.value });
            counts.set(batch.partition, (counts.get(batch.partition) ?? 0) + 1);
            read++;
          }
          await options.afterBatch?.();
        } catch (error) {
          // Not kafkajs' to retry: the reader stops and says why.
          failure = error as Error;
          done();
          return;
        }
        lastProgress = Date.now();
        // lastOffset counts control records and compacted gaps too.
        if (BigInt(batch.lastOffset()) >= end - 1n) {
          pending.delete(batch.partition);
          consumer.pause([{ topic: options.topic, partitions: [batch.partition] }]);
          if (pending.size === 0) done();
        }
        if (Date.now() > nextLog) {
          log(`read ${read} of about ${total} records`);
          nextLog = Date.now() + 5_000;
        }
        await heartbeat();
      },
    });
    const idle = options.idleTimeoutMs ?? 60_000;
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > idle) {
        log(`no progress for ${idle} ms; stopping with partitions ${[...pending].join(', ')} incomplete`);
        done();
      }
    }, 1_000);
    await finished;
    clearInterval(watchdog);
    if (failure) throw failure;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    // The group has no offsets (nothing was committed); remove it so that no trace is left.
    await admin.deleteGroups([groupId]).catch((error: Error) => log(`could not delete consumer group ${groupId}: ${error.message}`));
    await admin.disconnect().catch(() => undefined);
  }
  return result();
}
