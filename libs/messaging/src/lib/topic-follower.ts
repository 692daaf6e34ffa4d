import { backoffDelay, sleep } from '@pengaduan/runtime';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ensureTopics } from './consumer/dead-letter';
import type { TopicDefinition } from '@pengaduan/contracts';

/** One message a follower reads, with where it was read. */
export interface FollowedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** What a service reads besides the complaint stream, without an inbox: each message's effect must be idempotent. */
export interface TopicFollowerOptions {
  /** The Kafka consumer group (the runtime puts KAFKA_GROUP_PREFIX before it). */
  groupId: string;
  /** The topics read, from the beginning; created when missing. */
  topics: readonly TopicDefinition[];
  /**
   * Records one message; it is retried with backoff until it succeeds, then its offset is
   * committed. `groupPrefix` is the deployment's KAFKA_GROUP_PREFIX (its groups are `<prefix><group>`).
   */
  onMessage: (message: FollowedMessage, dataSource: DataSource, groupPrefix: string) => Promise<void>;
}

/**
 * Reads topics other than the complaint stream with a group of its own, one message at a time,
 * committing each offset once `onMessage` succeeded (e.g. the gateway's copy of every group's
 * dead letters, docs/adr/0043). It commits no offset of any other group.
 */
export class TopicFollower {
  private readonly consumer: Consumer;
  private running = false;
  private crashed: Error | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: TopicFollowerOptions,
    private readonly groupPrefix: string,
    private readonly logger: Logger,
  ) {
    const kafkaGroupId = `${groupPrefix}${options.groupId}`;
    this.consumer = kafka.consumer({ groupId: kafkaGroupId, allowAutoTopicCreation: false, retry: { retries: 10, initialRetryTime: 300 } });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.error;
      logger.error({ err: { message: payload.error.message }, restart: payload.restart }, 'topic follower crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.crashed = undefined;
    });
  }

  async start(): Promise<void> {
    this.running = true;
    await ensureTopics(this.kafka, this.options.topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics.map((t) => t.name), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const followed: FollowedMessage = { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
        for (let attempt = 0; ; attempt++) {
          try {
            await this.options.onMessage(followed, this.dataSource, this.groupPrefix);
            return;
          } catch (err) {
            if (!this.running) throw err; // shutting down: left uncommitted for the next start
            this.logger.warn({ topic, partition, offset: message.offset, err: { message: (err as Error).message } }, 'could not record a followed message; retrying');
            await sleep(backoffDelay(attempt, { initialMs: 500, maxMs: 10_000 }));
            await heartbeat();
          }
        }
      },
    });
  }

  /** Throws when the follower is not reading: for readiness checks. */
  check(): void {
    if (!this.running) throw new Error(`follower ${this.options.groupId} not running`);
    if (this.crashed) throw new Error(`follower ${this.options.groupId} crashed: ${this.crashed.message}`);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
  }
}
