import { dlqTopicFor, redriveTopicFor } from '@pengaduan/contracts';
import { backoffDelay, sleep } from '@pengaduan/runtime';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { createIdempotentProducer } from '../kafka';
import type { EventConsumerOptions } from './consumer-options';
import { deadLetter, ensureGroupTopics } from './dead-letter';
import { EventApplier } from './event-applier';
import { sortMessage, type BatchContext, type Sorted } from './sorted-message';

/**
 * Consumes events with at-least-once delivery and exactly-once effects: validates each
 * message (a malformed one goes to the DLQ at once, with the reason), passes over the types the
 * group does not act on, dead-letters an event whose signature does not verify when the consumer
 * has the published keys, skips one its group already handled (inbox), retries a failing handler
 * with backoff a bounded number of times and then sends the event to `<topic>.dlq.<group>` so the
 * partition moves on. An event an operator re-drives (the group's re-drive topic, docs/adr/0043)
 * is applied again if this group dead-lettered it, and passed over otherwise. Nothing is dropped silently: every skipped or dead-lettered message is
 * logged with its reason. Events of a partition are applied in batches (docs/adr/0031): one claim
 * statement and one transaction for up to `maxBatchEvents`, a savepoint per event; an event that
 * fails there is taken out and handled alone, in order, as every event was before.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly applier: EventApplier;
  private readonly maxBatchEvents: number;
  private running = false;
  private crashed: Error | undefined;
  /** Valid events of types this group does not act on, passed over (unverified) since start. */
  passedOver = 0;
  /** Events of types this group acts on whose signature did not verify, dead-lettered since start. */
  refusedSignatures = 0;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.kafkaGroupId ?? options.groupId,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300 },
    });
    this.dlqProducer = createIdempotentProducer(options.kafka);
    this.applier = new EventApplier(options, this.dlqProducer, () => this.running);
    this.maxBatchEvents = Math.max(1, options.maxBatchEvents ?? 50);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.error;
      options.logger.error({ err: { message: payload.error.message }, restart: payload.restart }, 'consumer crashed');
      if (!payload.restart && this.running) void this.restart();
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.crashed = undefined;
    });
  }

  /** The group's own topics: its DLQ first, then its re-drive topic (docs/adr/0043). */
  get dlqTopics(): string[] {
    return [dlqTopicFor(this.options.groupId), redriveTopicFor(this.options.groupId)];
  }

  async start(): Promise<void> {
    this.running = true;
    await ensureGroupTopics(this.options.kafka, this.options.groupId);
    await this.dlqProducer.connect();
    await this.consumer.connect();
    // The re-drive topic beside the stream: what an operator puts back for this group only (docs/adr/0043).
    const topics = [...this.options.topics, redriveTopicFor(this.options.groupId)];
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: true,
      // Offsets are resolved one by one as effects commit: a batch left on shutdown keeps the rest unresolved.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Throws when the consumer is not consuming: for readiness checks. */
  check(): void {
    if (!this.running) throw new Error(`consumer ${this.options.groupId} not running`);
    if (this.crashed) throw new Error(`consumer ${this.options.groupId} crashed: ${this.crashed.message}`);
  }

  /** Leaves the group after the chunk in hand is finished (its transaction committed), then disconnects. */
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

  /** A partition's fetched messages, `maxBatchEvents` at a time; stops between them on shutdown or after a seek. */
  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const ctx: BatchContext = { topic: batch.topic, partition: batch.partition, resolveOffset, heartbeat };
    for (let from = 0; from < batch.messages.length && this.running && isRunning() && !isStale(); from += this.maxBatchEvents) {
      await this.onChunk(batch.messages.slice(from, from + this.maxBatchEvents), ctx);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /**
   * Sorts the messages, then applies them in order: the events between two messages refused at
   * once together, each refused one dead-lettered after what came before it is committed.
   */
  private async onChunk(messages: KafkaMessage[], ctx: BatchContext): Promise<void> {
    let run: Sorted[] = [];
    // A re-drive topic's messages for events this group has not on record are passed over first (ADR 0043).
    const redriven = ctx.topic === redriveTopicFor(this.options.groupId) ? await this.applier.awaitingRedrive(messages, ctx) : undefined;
    for (const message of messages) {
      const stray = redriven !== undefined && !redriven.has(message);
      if (stray) this.options.logger.info({ topic: ctx.topic, partition: ctx.partition, offset: message.offset }, 're-driven message for no event this group dead-lettered; passed over');
      const item: Sorted = stray ? { kind: 'pass', message } : sortMessage(message, ctx, this.options);
      if (item.kind === 'pass' && !stray) this.passedOver++;
      if (item.kind !== 'refuse') {
        run.push(item);
        continue;
      }
      await this.applier.applyRun(run, ctx);
      run = [];
      if (item.signature) this.refusedSignatures++;
      this.options.logger.warn(item.fields, item.signature ? 'event whose signature does not verify sent to the DLQ' : 'malformed event sent to the DLQ');
      await deadLetter(this.dlqProducer, this.options, message, { topic: ctx.topic, partition: ctx.partition, reason: item.reason, code: item.code, attempts: 0 });
      ctx.resolveOffset(message.offset);
    }
    await this.applier.applyRun(run, ctx);
  }
}
