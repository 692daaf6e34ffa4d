import type { ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopic, ConsumerSubscribeTopics, EachBatchPayload, EachMessagePayload, TopicPartitionOffset, TopicPartitionOffsetAndMetadata, TopicPartitions } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { EmbeddedBus, GroupMember } from '../bus';
import { instrumentationEvent } from '../events';
import { toKafkaMessage, type StoredRecord } from '../records';
import { CONSUMER_EVENTS } from './consumer-events';
import { GroupPositions } from './group-positions';
import { HandlerFailures } from './handler-failures';
import { batchOfRecords, batchPayload, type Delivery } from './handler-payloads';
import { byPartition, byTopic, ensureTopics, fromTp, subscribedTopics, tp, type Subscription } from './topic-partitions';
import { WakeSignal } from './wake-signal';

/** Records fetched per partition at a time. */
const FETCH_LIMIT = 100;

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
  private subscriptions: Subscription[] = [];
  private topics: string[] = [];
  private fromBeginning = new Map<string, boolean>();
  private runConfig?: ConsumerRunConfig;
  private loop?: Promise<void>;
  private running = false;
  private connected = false;
  private readonly positions: GroupPositions;
  private readonly pausedPartitions = new Set<string>();
  private readonly failures: HandlerFailures;
  private restartWanted = false;
  private readonly wake = new WakeSignal();
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly config: ConsumerConfig,
    private readonly logger: Logger,
    clientId: string,
  ) {
    this.groupId = config.groupId;
    this.memberId = `${clientId}-${randomUUID()}`;
    this.failures = new HandlerFailures(config.retry ?? {});
    this.positions = new GroupPositions(bus, this.groupId, logger, (topic, partition, offset) =>
      this.emit(CONSUMER_EVENTS.COMMIT_OFFSETS, { groupGenerationId: 1, topics: [{ topic, partitions: [{ partition, offset }] }] }),
    );
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
    await ensureTopics(this.bus, topics, this.config.allowAutoTopicCreation !== false);
    this.subscriptions.push({ topics, fromBeginning });
  }

  async run(config: ConsumerRunConfig = {}): Promise<void> {
    if (!this.connected) throw new Error('The consumer is not connected (embedded bus)');
    if (this.running) throw new Error('The consumer is already running (embedded bus)');
    if (!config.eachMessage && !config.eachBatch) throw new Error('Consumer needs eachMessage or eachBatch (embedded bus)');
    ({ topics: this.topics, fromBeginning: this.fromBeginning } = subscribedTopics(this.subscriptions, await this.bus.listTopics()));
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
    return byTopic(this.pausedPartitions);
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
    return this.positions.partitionsOf(topic);
  }

  private emit(type: string, payload: object): void {
    this.emitter.emit(type, instrumentationEvent(type, { groupId: this.groupId, memberId: this.memberId, ...payload }));
  }

  private poke(): void {
    this.wake.poke();
  }

  private async idle(ms: number): Promise<void> {
    if (!this.running) return;
    await this.wake.wait(ms);
  }

  /** Takes (or takes again, after a crash) the group's positions, as kafkajs' join does. */
  private async join(): Promise<void> {
    const started = Date.now();
    await this.positions.join(this.topics, this.fromBeginning);
    this.restartWanted = false;
    this.failures.clear();
    const memberAssignment = Object.fromEntries(this.topics.map((t) => [t, this.partitionsOf(t)]));
    this.emit(CONSUMER_EVENTS.GROUP_JOIN, { duration: Date.now() - started, isLeader: true, leaderId: this.memberId, groupProtocol: 'embedded', memberAssignment });
  }

  private async consume(): Promise<void> {
    let joined = false;
    let attempt = 0;
    while (this.running) {
      if (!this.bus.isActive(this.groupId, this)) {
        joined = false;
        this.wake.clear();
        await this.idle(this.bus.pollIntervalMs); // standing by: another member of the group is active
        continue;
      }
      try {
        if (!joined || this.restartWanted) {
          await this.join();
          joined = true;
        }
        const now = Date.now();
        const wanted = this.positions.entries()
          .filter(([key]) => !this.pausedPartitions.has(key) && this.failures.isDue(key, now))
          .map(([key, offset]) => ({ ...fromTp(key), offset }));
        this.wake.clear();
        const records = await this.bus.fetch(wanted, FETCH_LIMIT);
        attempt = 0;
        if (records.length === 0) {
          const nextRetry = this.failures.nextRetry(now, now + this.bus.pollIntervalMs);
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
    const queue = byPartition(records);
    const lanes = Math.max(1, Math.min(this.runConfig?.partitionsConsumedConcurrently ?? 1, queue.length));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let batch = queue.shift(); batch && this.running && !this.restartWanted; batch = queue.shift()) await this.processBatch(batch);
      }),
    );
  }

  /** One partition's records, to `eachMessage` one by one or to `eachBatch` at once. */
  private async processBatch(records: StoredRecord[]): Promise<void> {
    const { topic, partition } = records[0];
    const delivery: Delivery = {
      topic,
      partition,
      key: tp(topic, partition),
      autoCommit: this.runConfig?.autoCommit ?? true,
      heartbeat: async () => undefined,
      pause: () => {
        this.pause([{ topic, partitions: [partition] }]);
        return () => this.resume([{ topic, partitions: [partition] }]);
      },
    };
    const { eachMessage, eachBatch } = this.runConfig ?? {};
    if (eachMessage) await this.deliverEach(records, eachMessage, delivery);
    else if (eachBatch) await this.deliverBatch(records, eachBatch, delivery);
  }

  private async deliverEach(records: StoredRecord[], eachMessage: (payload: EachMessagePayload) => Promise<void>, { topic, partition, key, autoCommit, heartbeat, pause }: Delivery): Promise<void> {
    for (const record of records) {
      if (!this.running || this.restartWanted || this.pausedPartitions.has(key) || this.positions.get(key) !== record.offset) return;
      const payload: EachMessagePayload = { topic, partition, message: toKafkaMessage(record), heartbeat, pause };
      try {
        await eachMessage(payload);
      } catch (err) {
        await this.failed(key, err as Error, 'eachMessage');
        return;
      }
      this.failures.forget(key);
      await this.positions.advance(key, topic, partition, (BigInt(record.offset) + 1n).toString(), autoCommit);
    }
  }

  private async deliverBatch(records: StoredRecord[], eachBatch: (payload: EachBatchPayload) => Promise<void>, { topic, partition, key, autoCommit, heartbeat, pause }: Delivery): Promise<void> {
    const batch = batchOfRecords(records);
    const { payload, resolved } = batchPayload(batch, {
      heartbeat,
      pause,
      isRunning: () => this.running,
      commitResolved: async (offset) => {
        if (autoCommit) await this.bus.commit(this.groupId, [{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
      },
    });
    const advanceAfter = async (offset: string | undefined) => {
      if (offset !== undefined) await this.positions.advance(key, topic, partition, (BigInt(offset) + 1n).toString(), autoCommit);
    };
    try {
      await eachBatch(payload);
    } catch (err) {
      await advanceAfter(resolved());
      await this.failed(key, err as Error, 'eachBatch');
      return;
    }
    this.failures.forget(key);
    await advanceAfter((this.runConfig?.eachBatchAutoResolve ?? true) ? batch.lastOffset() : resolved());
  }

  /** A handler failed: the partition waits with backoff; after `retry.retries` failures the consumer crashes and restarts. */
  private async failed(key: string, error: Error, where: string): Promise<void> {
    const retry = this.config.retry ?? {};
    const { previous, count, delay } = this.failures.record(key);
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
