import { dlqTopicFor, dlqTopicDefinition, parseEnvelope, type EventKeyRing, type EventType, type ParsedEvent } from '@pengaduan/contracts';
import { backoffDelay, sleep, withLogContext } from '@pengaduan/runtime';
import type { Consumer, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { isTransient, PermanentError } from './errors';
import { createIdempotentProducer } from './kafka';

/**
 * A validated event as a handler receives it: the parsed envelope and payload (narrow on
 * `type` to get the payload's generated type) and where it was read from.
 */
export type ConsumedEvent = ParsedEvent & {
  topic: string;
  partition: number;
  offset: string;
};

/**
 * Applies one event's effect using `tx`, the entity manager of the transaction in which the
 * inbox row is committed. Events it emits go through appendToOutbox(tx, …), so effect,
 * inbox row and new events commit together.
 */
export type EventHandler = (event: ConsumedEvent, tx: EntityManager) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  /** The consumer group: one per service (and per purpose). Names the inbox rows and the DLQ topic. */
  groupId: string;
  /** The Kafka consumer group id, when it differs from `groupId` (an environment prefix). */
  kafkaGroupId?: string;
  topics: string[];
  handler: EventHandler;
  /** Attempts before an event is sent to the DLQ (default 5). */
  maxAttempts?: number;
  /** Backoff between attempts (defaults 200 ms doubling to 5 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Read from the beginning when the group has no committed offset (default true). */
  fromBeginning?: boolean;
  /**
   * The event types this group acts on (default: all). A valid event of another type is passed
   * over before any database work (its offset moves on; counted in `passedOver`): the group has
   * nothing to do with it, so it costs no transaction. A malformed event is dead-lettered as ever.
   */
  accepts?: (type: EventType) => boolean;
  /**
   * Partitions worked on at once (default 1). Each partition stays in order, so one complaint's
   * events (one key, one partition) are still applied one after the other; more than one lets a
   * consumer whose handler mostly waits on Postgres keep up with a burst.
   */
  partitionsConcurrently?: number;
  /**
   * The published keys (ADR 0015). With them, every valid event must carry a signature that
   * verifies with the key it names, published for its source; one that does not is sent to the
   * DLQ at once with the reason (it can never succeed), before any inbox row or database work.
   * Without them, events are not verified.
   */
  keyRing?: EventKeyRing;
}

type Outcome = 'processed' | 'duplicate' | 'dead-lettered';

/**
 * Consumes events with at-least-once delivery and exactly-once effects: validates each
 * message (a malformed one goes to the DLQ at once, with the reason, and so does one whose
 * signature does not verify when the consumer has the published keys), skips one its group
 * already handled (inbox), retries a failing handler with backoff a bounded number of times
 * and then sends the event to `<topic>.dlq.<group>` so the partition moves on. Nothing is
 * dropped silently: every skipped or dead-lettered message is logged with its reason.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly maxAttempts: number;
  private running = false;
  private crashed: Error | undefined;
  /** Valid events of types this group does not act on, passed over since start. */
  passedOver = 0;
  /** Events whose signature did not verify, dead-lettered since start. */
  refusedSignatures = 0;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.kafkaGroupId ?? options.groupId,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300 },
    });
    this.dlqProducer = createIdempotentProducer(options.kafka);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.error;
      options.logger.error({ err: { message: payload.error.message }, restart: payload.restart }, 'consumer crashed');
      if (!payload.restart && this.running) void this.restart();
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.crashed = undefined;
    });
  }

  get dlqTopics(): string[] {
    return [dlqTopicFor(this.options.groupId)];
  }

  async start(): Promise<void> {
    this.running = true;
    await this.ensureDlqTopic();
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await this.onMessage(topic, partition, message, heartbeat);
      },
    });
  }

  /** Throws when the consumer is not consuming: for readiness checks. */
  check(): void {
    if (!this.running) throw new Error(`consumer ${this.options.groupId} not running`);
    if (this.crashed) throw new Error(`consumer ${this.options.groupId} crashed: ${this.crashed.message}`);
  }

  /** Leaves the group after the message in hand is finished, then disconnects. */
  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async restart(): Promise<void> {
    for (let attempt = 0; this.running; attempt++) {
      await sleep(backoffDelay(attempt, { initialMs: 1_000, maxMs: 30_000 }));
      try {
        await this.consumer.disconnect().catch(() => undefined);
        await this.start();
        this.options.logger.info('consumer restarted');
        return;
      } catch (err) {
        this.options.logger.warn({ err: { message: (err as Error).message } }, 'consumer restart failed; retrying');
      }
    }
  }

  private async ensureDlqTopic(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const def = dlqTopicDefinition(this.options.groupId);
      const existing = await admin.listTopics();
      if (!existing.includes(def.name)) {
        await admin
          .createTopics({
            waitForLeaders: true,
            topics: [
              {
                topic: def.name,
                numPartitions: def.partitions,
                replicationFactor: 1,
                configEntries: Object.entries(def.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
              },
            ],
          })
          .catch((err: Error) => {
            if (!/already exists/i.test(err.message)) throw err;
          });
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async onMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const log = this.options.logger.child({ topic, partition, offset: message.offset });
    const parsed = parseEnvelope(message.value ?? Buffer.alloc(0));
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason, problems: parsed.problems }, 'malformed event sent to the DLQ');
      await this.deadLetter(topic, partition, message, `malformed event: ${parsed.reason}`, 'EVENT.MALFORMED', 0);
      return;
    }
    if (this.options.keyRing) {
      // Before the inbox: an unverified event must not claim its id (a forgery reusing a real
      // event's id would otherwise make the real one look already handled).
      const check = this.options.keyRing.verify(parsed.envelope);
      if (!check.ok) {
        this.refusedSignatures++;
        const env = parsed.envelope;
        log.warn(
          { eventId: env.id, eventType: env.type, source: env.source, code: check.code, reason: check.reason },
          'event whose signature does not verify sent to the DLQ',
        );
        await this.deadLetter(topic, partition, message, check.reason, check.code, 0);
        return;
      }
    }
    if (this.options.accepts && !this.options.accepts(parsed.envelope.type)) {
      this.passedOver++;
      log.trace({ eventId: parsed.envelope.id, eventType: parsed.envelope.type }, 'event of a type this group does not act on; passed over');
      return;
    }
    const event: ConsumedEvent = { ...parsed, topic, partition, offset: message.offset };
    await withLogContext({ correlationId: parsed.envelope.correlationid, causationId: parsed.envelope.id }, async () => {
      const outcome = await this.process(event, message, heartbeat, log.child({ eventId: event.envelope.id, eventType: event.envelope.type }));
      if (outcome === 'duplicate') log.debug({ eventId: event.envelope.id }, 'event already handled by this group; skipped');
    });
  }

  private async process(event: ConsumedEvent, message: KafkaMessage, heartbeat: () => Promise<void>, log: Logger): Promise<Outcome> {
    const { dataSource, groupId, handler } = this.options;
    const env = event.envelope;
    for (let transientAttempt = 0; ; ) {
      let claim: { started_attempts: number; processed_at: Date | null; dead_lettered_at: Date | null };
      try {
        claim = await this.claim(event);
      } catch (err) {
        if (!isTransient(err) || !this.running) throw err;
        log.warn({ err: { message: (err as Error).message } }, 'inbox not reachable; retrying');
        await sleep(backoffDelay(transientAttempt++, this.options.backoff));
        await heartbeat();
        continue;
      }
      if (claim.processed_at || claim.dead_lettered_at) return 'duplicate';
      if (claim.started_attempts > this.maxAttempts) {
        return this.giveUp(event, message, `gave up after ${this.maxAttempts} attempts`, log);
      }
      try {
        await dataSource.transaction(async (tx) => {
          const [row] = (await tx.query(
            'SELECT processed_at FROM inbox WHERE consumer_group = $1 AND event_id = $2 FOR UPDATE',
            [groupId, env.id],
          )) as { processed_at: Date | null }[];
          if (row?.processed_at) return; // a concurrent redelivery won the race
          await handler(event, tx);
          await tx.query(
            'UPDATE inbox SET processed_at = now(), finished_attempts = finished_attempts + 1, last_error = NULL WHERE consumer_group = $1 AND event_id = $2',
            [groupId, env.id],
          );
        });
        return 'processed';
      } catch (err) {
        const transient = isTransient(err);
        const error = err as Error & { code?: string };
        await dataSource
          .query(
            `UPDATE inbox SET finished_attempts = finished_attempts + 1, last_error = $3,
               started_attempts = CASE WHEN $4 THEN started_attempts - 1 ELSE started_attempts END
             WHERE consumer_group = $1 AND event_id = $2`,
            [groupId, env.id, `${error.code ?? error.name}: ${error.message}`, transient],
          )
          .catch(() => undefined);
        if (!this.running) throw err; // shutting down: leave it uncommitted for the next owner
        if (err instanceof PermanentError) {
          return this.giveUp(event, message, `cannot be applied: ${err.message}`, log, err.code);
        }
        log.warn(
          { err: { message: error.message, code: error.code }, attempt: claim.started_attempts, transient },
          transient ? 'handler failed transiently; retrying' : 'handler failed; retrying',
        );
        await sleep(backoffDelay(transient ? transientAttempt++ : claim.started_attempts, this.options.backoff));
        await heartbeat();
      }
    }
  }

  /** Records an attempt before it starts, outside the effect's transaction. */
  private async claim(event: ConsumedEvent) {
    const env = event.envelope;
    const rows = (await this.options.dataSource.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (consumer_group, event_id) DO UPDATE
         SET started_attempts = inbox.started_attempts
           + CASE WHEN inbox.processed_at IS NULL AND inbox.dead_lettered_at IS NULL THEN 1 ELSE 0 END
       RETURNING started_attempts, processed_at, dead_lettered_at`,
      [this.options.groupId, env.id, env.type, env.subject, event.topic, event.partition, event.offset],
    )) as { started_attempts: number; processed_at: Date | null; dead_lettered_at: Date | null }[];
    return rows[0];
  }

  private async giveUp(event: ConsumedEvent, message: KafkaMessage, reason: string, log: Logger, code = 'EVENT.HANDLER_FAILED'): Promise<Outcome> {
    const [row] = (await this.options.dataSource.query(
      'SELECT last_error FROM inbox WHERE consumer_group = $1 AND event_id = $2',
      [this.options.groupId, event.envelope.id],
    )) as { last_error: string | null }[];
    const full = row?.last_error ? `${reason}; last error: ${row.last_error}` : reason;
    await this.deadLetter(event.topic, event.partition, message, full, code, this.maxAttempts);
    await this.options.dataSource.query(
      'UPDATE inbox SET dead_lettered_at = now() WHERE consumer_group = $1 AND event_id = $2',
      [this.options.groupId, event.envelope.id],
    );
    log.error({ reason: full }, 'event sent to the DLQ');
    return 'dead-lettered';
  }

  /** The original bytes, key and headers, plus why and from where. Sent with acks=all before the offset moves. */
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string, code: string, attempts: number): Promise<void> {
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      'dlq-reason': reason,
      'dlq-error-code': code,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': this.options.groupId,
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    };
    await this.dlqProducer.send({
      topic: dlqTopicFor(this.options.groupId),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }
}
