import type { Batch, ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopic, ConsumerSubscribeTopics, EachBatchPayload, EachMessagePayload, TopicPartitionOffset, TopicPartitionOffsetAndMetadata, TopicPartitions } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { unknownTopic, type EmbeddedBus, type GroupMember } from './bus';
import { instrumentationEvent } from './events';
import { toKafkaMessage, type StoredRecord } from './records';

export const CONSUMER_EVENTS = {
  HEARTBEAT: 'consumer.heartbeat',
  COMMIT_OFFSETS: 'consumer.commit_offsets',
  GROUP_JOIN: 'consumer.group_join',
  FETCH_START: 'consumer.fetch_start',
  FETCH: 'consumer.fetch',
  START_BATCH_PROCESS: 'consumer.start_batch_process',
  END_BATCH_PROCESS: 'consumer.end_batch_process',
  CONNECT: 'consumer.connect',
  DISCONNECT: 'consumer.disconnect',
  STOP: 'consumer.stop',
  CRASH: 'consumer.crash',
  REBALANCING: 'consumer.rebalancing',
  RECEIVED_UNSUBSCRIBED_TOPICS: 'consumer.received_unsubscribed_topics',
  REQUEST: 'consumer.network.request',
  REQUEST_TIMEOUT: 'consumer.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'consumer.network.request_queue_size',
} as const;

/** Records fetched per partition at a time. */
const FETCH_LIMIT = 100;

const tp = (topic: string, partition: number) => `${topic}:${partition}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * kafkajs' consumer on the embedded bus, with the semantics the platform relies on: records of a
 * partition are handed over one at a time in offset order (partitions in parallel up to
 * `partitionsConsumedConcurrently`); with `autoCommit` the offset after a record is committed
 * once `eachMessage` resolved, so a record whose handler failed, or that was in hand when the
 * process died, is delivered again (at-least-once); a group without a committed offset starts at
 * the beginning or the end (`fromBeginning`). A handler that keeps failing is retried with
 * backoff (`retry.initialRetryTime`), and after `retry.retries` failures the consumer crashes
 * (CRASH) and restarts from the committed offsets, as kafkajs does. Woken at once by an append
 * through the same bus instance, else by a poll.
 */
export class EmbeddedConsumer implements GroupMember {
  readonly events = CONSUMER_EVENTS;
  readonly memberId: string;
  private readonly emitter = new EventEmitter();
  private readonly groupId: string;
  private subscriptions: { topics: (string | RegExp)[]; fromBeginning: boolean }[] = [];
  private topics: string[] = [];
  private fromBeginning = new Map<string, boolean>();
  private runConfig?: ConsumerRunConfig;
  private loop?: Promise<void>;
  private running = false;
  private connected = false;
  private readonly positions = new Map<string, string>();
  private readonly pausedPartitions = new Set<string>();
  private readonly failures = new Map<string, { count: number; notBefore: number }>();
  private restartWanted = false;
  private dirty = false;
  private wakeUp?: () => void;
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly config: ConsumerConfig,
    private readonly logger: Logger,
    clientId: string,
  ) {
    this.groupId = config.groupId;
    this.memberId = `${clientId}-${randomUUID()}`;
  }

  on(eventName: string, listener: (event: unknown) => void): () => void {
    this.emitter.on(eventName, listener);
    return () => this.emitter.off(eventName, listener);
  }

  async connect(): Promise<void> {
    await this.bus.ready();
    this.connected = true;
    this.emit(CONSUMER_EVENTS.CONNECT, {});
  }

  async subscribe(subscription: ConsumerSubscribeTopics | ConsumerSubscribeTopic): Promise<void> {
    if (this.running) throw new Error('Cannot subscribe to topic while consumer is running (embedded bus)');
    const topics = 'topics' in subscription ? subscription.topics : [subscription.topic];
    const fromBeginning = subscription.fromBeginning ?? false;
    const existing = await this.bus.listTopics();
    for (const t of topics) {
      if (typeof t !== 'string') continue;
      if (!existing.includes(t)) {
        if (this.config.allowAutoTopicCreation === false) throw unknownTopic(t);
        await this.bus.createTopics([{ name: t, partitions: 1 }]);
      }
    }
    this.subscriptions.push({ topics, fromBeginning });
  }

  async run(config: ConsumerRunConfig = {}): Promise<void> {
    if (!this.connected) throw new Error('The consumer is not connected (embedded bus)');
    if (this.running) throw new Error('The consumer is already running (embedded bus)');
    if (!config.eachMessage && !config.eachBatch) throw new Error('Consumer needs eachMessage or eachBatch (embedded bus)');
    const existing = await this.bus.listTopics();
    this.topics = [];
    this.fromBeginning.clear();
    for (const s of this.subscriptions) {
      for (const t of s.topics) {
        for (const name of typeof t === 'string' ? [t] : existing.filter((e) => t.test(e))) {
          if (!this.topics.includes(name)) this.topics.push(name);
          this.fromBeginning.set(name, s.fromBeginning);
        }
      }
    }
    this.runConfig = config;
    this.running = true;
    this.unsubscribe = [
      this.bus.onAppend((topic) => this.topics.includes(topic) && this.poke()),
      this.bus.onGroupChange(this.groupId, () => this.poke()),
    ];
    this.bus.join(this.groupId, this);
    this.loop = this.consume().catch((err: Error) => {
      this.logger.error({ err: { message: err.message }, groupId: this.groupId }, 'embedded bus consumer stopped by an error');
    });
  }

  /** Finishes the record in hand, leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.poke();
    await this.loop;
    this.loop = undefined;
    for (const u of this.unsubscribe.splice(0)) u();
    this.bus.leave(this.groupId, this);
    this.emit(CONSUMER_EVENTS.STOP, {});
  }

  async disconnect(): Promise<void> {
    await this.stop();
    if (this.connected) this.emit(CONSUMER_EVENTS.DISCONNECT, {});
    this.connected = false;
  }

  pause(topics: { topic: string; partitions?: number[] }[]): void {
    for (const { topic, partitions } of topics) {
      for (const p of partitions ?? this.partitionsOf(topic)) this.pausedPartitions.add(tp(topic, p));
    }
  }

  resume(topics: { topic: string; partitions?: number[] }[]): void {
    for (const { topic, partitions } of topics) {
      for (const p of partitions ?? this.partitionsOf(topic)) this.pausedPartitions.delete(tp(topic, p));
    }
    this.poke();
  }

  paused(): TopicPartitions[] {
    const byTopic = new Map<string, number[]>();
    for (const key of this.pausedPartitions) {
      const at = key.lastIndexOf(':');
      const list = byTopic.get(key.slice(0, at)) ?? [];
      list.push(Number(key.slice(at + 1)));
      byTopic.set(key.slice(0, at), list);
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }

  seek({ topic, partition, offset }: TopicPartitionOffset): void {
    this.positions.set(tp(topic, partition), offset);
    this.poke();
  }

  async commitOffsets(offsets: TopicPartitionOffsetAndMetadata[]): Promise<void> {
    await this.bus.commit(this.groupId, offsets);
  }

  // ---- the loop -----------------------------------------------------------------------------

  /** The partitions of `topic` this consumer reads (known once it joined). */
  private partitionsOf(topic: string): number[] {
    return [...this.positions.keys()].filter((k) => k.slice(0, k.lastIndexOf(':')) === topic).map((k) => Number(k.slice(k.lastIndexOf(':') + 1)));
  }

  private emit(type: string, payload: object): void {
    this.emitter.emit(type, instrumentationEvent(type, { groupId: this.groupId, memberId: this.memberId, ...payload }));
  }

  private poke(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  private async idle(ms: number): Promise<void> {
    if (this.dirty || !this.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = undefined;
  }

  /** Positions from the committed offsets, else the beginning or the end of each partition. */
  private async joinPositions(): Promise<void> {
    this.positions.clear();
    const committed = await this.bus.committedOffsets(this.groupId, this.topics);
    for (const topic of this.topics) {
      for (const o of await this.bus.topicOffsets(topic)) {
        const key = tp(topic, o.partition);
        this.positions.set(key, committed.get(key) ?? (this.fromBeginning.get(topic) ? o.low : o.high));
      }
    }
  }

  private async consume(): Promise<void> {
    let joined = false;
    let attempt = 0;
    while (this.running) {
      if (!this.bus.isActive(this.groupId, this)) {
        joined = false;
        this.dirty = false;
        await this.idle(this.bus.pollIntervalMs); // standing by: another member of the group is active
        continue;
      }
      try {
        if (!joined || this.restartWanted) {
          const started = Date.now();
          await this.joinPositions();
          joined = true;
          this.restartWanted = false;
          this.failures.clear();
          const memberAssignment = Object.fromEntries(this.topics.map((t) => [t, this.partitionsOf(t)]));
          this.emit(CONSUMER_EVENTS.GROUP_JOIN, { duration: Date.now() - started, isLeader: true, leaderId: this.memberId, groupProtocol: 'embedded', memberAssignment });
        }
        const now = Date.now();
        const wanted = [...this.positions]
          .filter(([key]) => !this.pausedPartitions.has(key) && (this.failures.get(key)?.notBefore ?? 0) <= now)
          .map(([key, offset]) => ({ topic: key.slice(0, key.lastIndexOf(':')), partition: Number(key.slice(key.lastIndexOf(':') + 1)), offset }));
        this.dirty = false;
        const records = await this.bus.fetch(wanted, FETCH_LIMIT);
        attempt = 0;
        if (records.length === 0) {
          const nextRetry = Math.min(...[...this.failures.values()].map((f) => f.notBefore).filter((t) => t > now), now + this.bus.pollIntervalMs);
          await this.idle(Math.max(10, nextRetry - now));
          continue;
        }
        await this.process(records);
      } catch (err) {
        if (!this.running) return;
        this.logger.warn({ err: { message: (err as Error).message }, groupId: this.groupId }, 'embedded bus fetch failed; retrying');
        await sleep(Math.min(5_000, 200 * 2 ** attempt++));
      }
    }
  }

  private async process(records: StoredRecord[]): Promise<void> {
    const batches = new Map<string, StoredRecord[]>();
    for (const r of records) {
      const key = tp(r.topic, r.partition);
      const list = batches.get(key) ?? [];
      list.push(r);
      batches.set(key, list);
    }
    const queue = [...batches.values()];
    const lanes = Math.max(1, Math.min(this.runConfig?.partitionsConsumedConcurrently ?? 1, queue.length));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let batch = queue.shift(); batch && this.running && !this.restartWanted; batch = queue.shift()) await this.processBatch(batch);
      }),
    );
  }

  private async processBatch(records: StoredRecord[]): Promise<void> {
    const { topic, partition } = records[0];
    const key = tp(topic, partition);
    const autoCommit = this.runConfig?.autoCommit ?? true;
    const pause = () => {
      this.pause([{ topic, partitions: [partition] }]);
      return () => this.resume([{ topic, partitions: [partition] }]);
    };
    const heartbeat = async () => undefined;
    const { eachMessage, eachBatch } = this.runConfig ?? {};
    if (eachMessage) {
      for (const record of records) {
        if (!this.running || this.restartWanted || this.pausedPartitions.has(key) || this.positions.get(key) !== record.offset) return;
        const payload: EachMessagePayload = { topic, partition, message: toKafkaMessage(record), heartbeat, pause };
        try {
          await eachMessage(payload);
        } catch (err) {
          await this.failed(key, err as Error, 'eachMessage');
          return;
        }
        this.failures.delete(key);
        await this.advance(key, topic, partition, (BigInt(record.offset) + 1n).toString(), autoCommit);
      }
      return;
    }
    if (!eachBatch) return;
    let resolved: string | undefined;
    const last = records[records.length - 1].offset;
    const batch: Batch = {
      topic,
      partition,
      highWatermark: (BigInt(last) + 1n).toString(),
      messages: records.map(toKafkaMessage),
      isEmpty: () => records.length === 0,
      firstOffset: () => records[0]?.offset ?? null,
      lastOffset: () => last,
      offsetLag: () => '0',
      offsetLagLow: () => '0',
    };
    const payload: EachBatchPayload = {
      batch,
      resolveOffset: (offset) => {
        resolved = offset;
      },
      heartbeat,
      pause,
      commitOffsetsIfNecessary: async () => {
        if (autoCommit && resolved !== undefined) await this.bus.commit(this.groupId, [{ topic, partition, offset: (BigInt(resolved) + 1n).toString() }]);
      },
      uncommittedOffsets: () => ({ topics: [] }),
      isRunning: () => this.running,
      isStale: () => false,
    };
    try {
      await eachBatch(payload);
    } catch (err) {
      if (resolved !== undefined) await this.advance(key, topic, partition, (BigInt(resolved) + 1n).toString(), autoCommit);
      await this.failed(key, err as Error, 'eachBatch');
      return;
    }
    if (this.runConfig?.eachBatchAutoResolve ?? true) resolved = last;
    this.failures.delete(key);
    if (resolved !== undefined) await this.advance(key, topic, partition, (BigInt(resolved) + 1n).toString(), autoCommit);
  }

  private async advance(key: string, topic: string, partition: number, next: string, commit: boolean): Promise<void> {
    this.positions.set(key, next);
    if (!commit) return;
    try {
      await this.bus.commit(this.groupId, [{ topic, partition, offset: next }]);
      this.emit(CONSUMER_EVENTS.COMMIT_OFFSETS, { groupGenerationId: 1, topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    } catch (err) {
      // The record stays uncommitted: after a restart it is delivered again (at-least-once).
      this.logger.warn({ err: { message: (err as Error).message }, groupId: this.groupId, topic, partition, offset: next }, 'embedded bus offset commit failed');
    }
  }

  /** A handler failed: the partition waits with backoff; after `retry.retries` failures the consumer crashes and restarts. */
  private async failed(key: string, error: Error, where: string): Promise<void> {
    const retry = this.config.retry ?? {};
    const previous = this.failures.get(key)?.count ?? 0;
    const count = previous + 1;
    const delay = Math.min(retry.maxRetryTime ?? 30_000, (retry.initialRetryTime ?? 300) * 2 ** Math.min(previous, 16));
    this.failures.set(key, { count, notBefore: Date.now() + delay });
    this.logger.error({ err: { message: error.message }, groupId: this.groupId, partition: key, retryCount: previous, retryTime: delay }, `Error when calling ${where}`);
    if (count <= (retry.retries ?? 5)) return;
    const restart = retry.restartOnFailure ? await retry.restartOnFailure(error).catch(() => true) : true;
    this.emit(CONSUMER_EVENTS.CRASH, { error, restart });
    if (restart) {
      this.restartWanted = true; // rejoin: positions from the committed offsets, as kafkajs' restart does
      await sleep(delay);
    } else {
      this.running = false;
      for (const u of this.unsubscribe.splice(0)) u();
      this.bus.leave(this.groupId, this);
    }
  }
}
