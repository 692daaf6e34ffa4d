import { dlqTopicFor, dlqTopicDefinition, parseEnvelope, type EventKeyRing, type EventType, type ParsedEvent } from '@pengaduan/contracts';
import { backoffDelay, isTransient, sleep, withLogContext } from '@pengaduan/runtime';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { PermanentError } from './errors';
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
 * inbox row and new events commit together. The transaction may hold other events of the same
 * partition before and after this one (each behind a savepoint of its own, docs/adr/0031).
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
   * over before its signature is checked and before any database work (its offset moves on;
   * counted in `passedOver`): the group has nothing to do with it, so it costs no transaction,
   * and the groups that do act on its type verify it (docs/adr/0031). A malformed event is
   * dead-lettered as ever.
   */
  accepts?: (type: EventType) => boolean;
  /**
   * Partitions worked on at once (default 1). Each partition stays in order, so one complaint's
   * events (one key, one partition) are still applied one after the other; more than one lets a
   * consumer whose handler mostly waits on Postgres keep up with a burst.
   */
  partitionsConcurrently?: number;
  /**
   * The published keys (ADR 0015). With them, every valid event of a type the group acts on must
   * carry a signature that verifies with the key it names, published for its source; one that
   * does not is sent to the DLQ at once with the reason (it can never succeed), before any inbox
   * row or database work. Without them, events are not verified.
   */
  keyRing?: EventKeyRing;
  /**
   * Messages of one partition taken together at most (default 50): their inbox claims in one
   * statement, their effects in one transaction with a savepoint each (docs/adr/0031). Below 64
   * by default because each event's savepoint that writes takes a subtransaction id, and a
   * transaction holding more than 64 slows every other session's snapshots.
   */
  maxBatchEvents?: number;
}

type Outcome = 'processed' | 'duplicate' | 'dead-lettered';

/** A message as the consumer sorts it before any database work. */
type Sorted =
  | { kind: 'apply'; message: KafkaMessage; event: ConsumedEvent }
  | { kind: 'pass'; message: KafkaMessage }
  | { kind: 'refuse'; message: KafkaMessage; reason: string; code: string; signature: boolean; fields: Record<string, unknown> };

type Applicable = Extract<Sorted, { kind: 'apply' }>;

/**
 * What the batch claim found for an event: `claimed` (its first counted attempt is this batch's),
 * `handled` (processed or dead-lettered before: a redelivery), or `alone` (an attempt of it is on
 * record already, e.g. in a batch that died with the process: it goes by itself, so a poison event
 * is found and counted without the events around it).
 */
type ClaimOutcome = 'claimed' | 'handled' | 'alone';

/** One partition's batch, as kafkajs hands it to eachBatch. */
interface BatchContext {
  topic: string;
  partition: number;
  resolveOffset: (offset: string) => void;
  heartbeat: () => Promise<void>;
}

/** A failure of one event inside a batch transaction: what came before it is committed. */
interface FailedInBatch {
  index: number;
  error: unknown;
}

const idKey = (id: string) => id.toLowerCase();
const isApplicable = (item: Sorted | undefined): item is Applicable => item?.kind === 'apply';

/**
 * Claims the events of a batch in one statement, outside any effect transaction (ADR 0007): a new
 * event gets its row with one attempt begun; one whose row shows no counted attempt (only
 * transient failures, which are not counted) gets one; any other is left as it is. The main query
 * reads `inbox` as it was before the statement, so it tells the three outcomes apart.
 */
const BATCH_CLAIM = `
  WITH incoming AS (
    SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[]) AS t(event_id, event_type, subject, kafka_offset)
  ), claimed AS (
    INSERT INTO inbox (consumer_group, event_id, event_type, subject, topic, partition, kafka_offset, started_attempts)
    SELECT $1::text, event_id, event_type, subject, $6::text, $7::int, kafka_offset, 1 FROM incoming
    ON CONFLICT (consumer_group, event_id) DO UPDATE SET started_attempts = 1
      WHERE inbox.started_attempts <= 0 AND inbox.processed_at IS NULL AND inbox.dead_lettered_at IS NULL
    RETURNING event_id
  )
  SELECT i.event_id, c.event_id IS NOT NULL AS claimed, (b.processed_at IS NOT NULL OR b.dead_lettered_at IS NOT NULL) AS handled
  FROM incoming i
  LEFT JOIN claimed c ON c.event_id = i.event_id
  LEFT JOIN inbox b ON b.consumer_group = $1::text AND b.event_id = i.event_id`;

/**
 * Consumes events with at-least-once delivery and exactly-once effects: validates each
 * message (a malformed one goes to the DLQ at once, with the reason), passes over the types the
 * group does not act on, dead-letters an event whose signature does not verify when the consumer
 * has the published keys, skips one its group already handled (inbox), retries a failing handler
 * with backoff a bounded number of times and then sends the event to `<topic>.dlq.<group>` so the
 * partition moves on. Nothing is dropped silently: every skipped or dead-lettered message is
 * logged with its reason. Events of a partition are applied in batches (docs/adr/0031): one claim
 * statement and one transaction for up to `maxBatchEvents`, a savepoint per event; an event that
 * fails there is taken out and handled alone, in order, as every event was before.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly maxAttempts: number;
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
    this.maxAttempts = options.maxAttempts ?? 5;
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
    for (const message of messages) {
      const item = this.sort(message, ctx);
      if (item.kind !== 'refuse') {
        run.push(item);
        continue;
      }
      await this.applyRun(run, ctx);
      run = [];
      if (item.signature) this.refusedSignatures++;
      this.options.logger.warn(item.fields, item.signature ? 'event whose signature does not verify sent to the DLQ' : 'malformed event sent to the DLQ');
      await this.deadLetter(ctx.topic, ctx.partition, message, item.reason, item.code, 0);
      ctx.resolveOffset(message.offset);
    }
    await this.applyRun(run, ctx);
  }

  /** Parse, then the type filter, then the signature: no database work for any of them. */
  private sort(message: KafkaMessage, { topic, partition }: BatchContext): Sorted {
    const where = { topic, partition, offset: message.offset };
    const parsed = parseEnvelope(message.value ?? Buffer.alloc(0));
    if (!parsed.ok) {
      return { kind: 'refuse', message, reason: `malformed event: ${parsed.reason}`, code: 'EVENT.MALFORMED', signature: false, fields: { ...where, reason: parsed.reason, problems: parsed.problems } };
    }
    const env = parsed.envelope;
    if (this.options.accepts && !this.options.accepts(env.type)) {
      // Before the signature: the groups acting on this type verify it; this one only moves on.
      this.passedOver++;
      this.options.logger.trace({ ...where, eventId: env.id, eventType: env.type }, 'event of a type this group does not act on; passed over');
      return { kind: 'pass', message };
    }
    if (this.options.keyRing) {
      // Before the inbox: an unverified event must not claim its id (a forgery reusing a real
      // event's id would otherwise make the real one look already handled).
      const check = this.options.keyRing.verify(env);
      if (!check.ok) {
        const fields = { ...where, eventId: env.id, eventType: env.type, source: env.source, code: check.code, reason: check.reason };
        return { kind: 'refuse', message, reason: check.reason, code: check.code, signature: true, fields };
      }
    }
    return { kind: 'apply', message, event: { ...parsed, topic, partition, offset: message.offset } };
  }

  /**
   * Applies a run of valid events (some passed over) in order, resolving each offset once its
   * effect is committed: stretches of claimed events in one transaction each, an event that must
   * go alone (an attempt on record, or a failure in the batch) through `applyAlone`.
   */
  private async applyRun(items: Sorted[], ctx: BatchContext): Promise<void> {
    if (items.length === 0) return;
    const events = items.filter(isApplicable);
    if (events.length === 0) {
      ctx.resolveOffset(items[items.length - 1].message.offset);
      return;
    }
    const claims = await this.claimAll(events, ctx);
    // Ids settled in this run: a later copy of one (a relay's republication) is a duplicate.
    const settled = new Set<string>();
    const mustGoAlone = (item: Sorted) => isApplicable(item) && claims.get(idKey(item.event.envelope.id)) === 'alone' && !settled.has(idKey(item.event.envelope.id));
    for (let from = 0, transientAttempt = 0; from < items.length; ) {
      const first = items[from];
      if (mustGoAlone(first) && isApplicable(first)) {
        await this.applyAlone(first, ctx);
        settled.add(idKey(first.event.envelope.id));
        ctx.resolveOffset(first.message.offset);
        from++;
        continue;
      }
      let to = from + 1;
      while (to < items.length && !mustGoAlone(items[to])) to++;
      const stretch = items.slice(from, to);
      let failed: FailedInBatch | undefined;
      try {
        failed = await this.applyTogether(stretch, claims, settled);
      } catch (err) {
        if (!this.running) throw err; // shutting down: leave it uncommitted for the next owner
        if (isTransient(err)) {
          // Nothing committed, the claims stand: the same stretch again, not counted (ADR 0007).
          this.options.logger.warn({ topic: ctx.topic, partition: ctx.partition, err: { message: (err as Error).message } }, 'batch failed transiently; retrying');
          await sleep(backoffDelay(transientAttempt++, this.options.backoff));
          await ctx.heartbeat();
          continue;
        }
        // Not one event's fault that a savepoint caught: each goes alone, whoever it was.
        await this.unclaim(stretch);
        for (const item of stretch) if (isApplicable(item)) claims.set(idKey(item.event.envelope.id), 'alone');
        continue;
      }
      transientAttempt = 0;
      if (!failed) {
        ctx.resolveOffset(stretch[stretch.length - 1].message.offset);
        from = to;
        continue;
      }
      if (failed.index > 0) ctx.resolveOffset(stretch[failed.index - 1].message.offset);
      const culprit = stretch[failed.index] as Applicable;
      await this.applyAlone(culprit, ctx, { attempt: 1, error: failed.error });
      settled.add(idKey(culprit.event.envelope.id));
      ctx.resolveOffset(culprit.message.offset);
      from += failed.index + 1;
    }
  }

  /**
   * One transaction for a stretch: the claimed events' inbox rows locked, each event's effect
   * behind a savepoint, all of them marked processed with the effects. Stops at the first event
   * whose handler throws: its savepoint is rolled back and what came before it commits.
   */
  private async applyTogether(items: Sorted[], claims: Map<string, ClaimOutcome>, settled: Set<string>): Promise<FailedInBatch | undefined> {
    const { dataSource, groupId, handler, logger } = this.options;
    const candidates = [...new Set(items.filter(isApplicable).map((i) => idKey(i.event.envelope.id)).filter((id) => claims.get(id) === 'claimed' && !settled.has(id)))];
    if (candidates.length === 0) return undefined;
    let failed: FailedInBatch | undefined;
    const applied: string[] = [];
    await dataSource.transaction(async (tx) => {
      // Locked, not merely read: a concurrent redelivery of the same events (a rebalance) waits, then finds them processed.
      const open = (await tx.query(
        'SELECT event_id FROM inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL AND dead_lettered_at IS NULL ORDER BY event_id FOR UPDATE',
        [groupId, candidates],
      )) as { event_id: string }[];
      const todo = new Set(open.map((r) => idKey(r.event_id)));
      let savepoint = false;
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (!isApplicable(item)) continue;
        const env = item.event.envelope;
        if (!todo.delete(idKey(env.id))) {
          logger.debug({ topic: item.event.topic, partition: item.event.partition, offset: item.event.offset, eventId: env.id }, 'event already handled by this group; skipped');
          continue;
        }
        // One round trip: the previous event's savepoint released, this one's taken.
        await tx.query(savepoint ? 'RELEASE SAVEPOINT event_effect; SAVEPOINT event_effect' : 'SAVEPOINT event_effect');
        savepoint = true;
        try {
          await withLogContext({ correlationId: env.correlationid, causationId: env.id }, () => handler(item.event, tx));
        } catch (error) {
          await tx.query('ROLLBACK TO SAVEPOINT event_effect');
          failed = { index, error };
          break;
        }
        applied.push(env.id);
      }
      if (applied.length > 0) {
        await tx.query(
          'UPDATE inbox SET processed_at = now(), finished_attempts = finished_attempts + 1, last_error = NULL WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])',
          [groupId, applied],
        );
      }
    });
    for (const id of applied) settled.add(idKey(id));
    return failed;
  }

  /** The batch claim (see BATCH_CLAIM), retried while the inbox cannot be reached. */
  private async claimAll(events: Applicable[], ctx: BatchContext): Promise<Map<string, ClaimOutcome>> {
    const unique = new Map<string, ConsumedEvent>();
    for (const { event } of events) if (!unique.has(idKey(event.envelope.id))) unique.set(idKey(event.envelope.id), event);
    const list = [...unique.values()];
    const params = [
      this.options.groupId,
      list.map((e) => e.envelope.id),
      list.map((e) => e.envelope.type),
      list.map((e) => e.envelope.subject),
      list.map((e) => e.offset),
      ctx.topic,
      ctx.partition,
    ];
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = (await this.options.dataSource.query(BATCH_CLAIM, params)) as { event_id: string; claimed: boolean; handled: boolean }[];
        return new Map(rows.map((r) => [idKey(r.event_id), r.claimed ? 'claimed' : r.handled ? 'handled' : 'alone']));
      } catch (err) {
        if (!isTransient(err) || !this.running) throw err;
        this.options.logger.warn({ topic: ctx.topic, partition: ctx.partition, err: { message: (err as Error).message } }, 'inbox not reachable; retrying');
        await sleep(backoffDelay(attempt, this.options.backoff));
        await ctx.heartbeat();
      }
    }
  }

  /** Takes back the attempts a failed batch claimed but never made, so that each event's own claim counts once. */
  private async unclaim(items: Sorted[]): Promise<void> {
    const ids = items.filter(isApplicable).map((i) => i.event.envelope.id);
    await this.options.dataSource
      .query(
        'UPDATE inbox SET started_attempts = started_attempts - 1 WHERE consumer_group = $1 AND event_id = ANY($2::uuid[]) AND processed_at IS NULL AND dead_lettered_at IS NULL AND started_attempts > 0',
        [this.options.groupId, ids],
      )
      .catch(() => undefined);
  }

  /**
   * One event in a transaction of its own, as before batches: claimed, applied, retried with
   * backoff, dead-lettered after `maxAttempts`. `previous` is its attempt in a batch, counted by
   * the batch claim, and how it failed.
   */
  private async applyAlone({ event, message }: Applicable, ctx: BatchContext, previous?: { attempt: number; error: unknown }): Promise<Outcome> {
    const { dataSource, groupId, handler } = this.options;
    const env = event.envelope;
    const log = this.options.logger.child({ topic: event.topic, partition: event.partition, offset: event.offset, eventId: env.id, eventType: env.type });
    let failure = previous;
    for (let transientAttempt = 0; ; ) {
      if (failure) {
        const { attempt, error } = failure;
        failure = undefined;
        const transient = isTransient(error);
        await this.recordFailure(env.id, error, transient);
        if (!this.running) throw error; // shutting down: leave it uncommitted for the next owner
        if (error instanceof PermanentError) return this.giveUp(event, message, `cannot be applied: ${error.message}`, log, error.code);
        const e = error as Error & { code?: string };
        log.warn({ err: { message: e.message, code: e.code }, attempt, transient }, transient ? 'handler failed transiently; retrying' : 'handler failed; retrying');
        await sleep(backoffDelay(transient ? transientAttempt++ : attempt, this.options.backoff));
        await ctx.heartbeat();
      }
      let claim: { started_attempts: number; processed_at: Date | null; dead_lettered_at: Date | null };
      try {
        claim = await this.claim(event);
      } catch (err) {
        if (!isTransient(err) || !this.running) throw err;
        log.warn({ err: { message: (err as Error).message } }, 'inbox not reachable; retrying');
        await sleep(backoffDelay(transientAttempt++, this.options.backoff));
        await ctx.heartbeat();
        continue;
      }
      if (claim.processed_at || claim.dead_lettered_at) {
        log.debug('event already handled by this group; skipped');
        return 'duplicate';
      }
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
          await withLogContext({ correlationId: env.correlationid, causationId: env.id }, () => handler(event, tx));
          await tx.query(
            'UPDATE inbox SET processed_at = now(), finished_attempts = finished_attempts + 1, last_error = NULL WHERE consumer_group = $1 AND event_id = $2',
            [groupId, env.id],
          );
        });
        return 'processed';
      } catch (err) {
        failure = { attempt: claim.started_attempts, error: err };
      }
    }
  }

  /** An attempt ended in failure; a transient one is taken back, as it says nothing about the event. */
  private async recordFailure(eventId: string, err: unknown, transient: boolean): Promise<void> {
    const error = err as Error & { code?: string };
    await this.options.dataSource
      .query(
        `UPDATE inbox SET finished_attempts = finished_attempts + 1, last_error = $3,
           started_attempts = CASE WHEN $4 THEN started_attempts - 1 ELSE started_attempts END
         WHERE consumer_group = $1 AND event_id = $2`,
        [this.options.groupId, eventId, `${error.code ?? error.name}: ${error.message}`, transient],
      )
      .catch(() => undefined);
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
