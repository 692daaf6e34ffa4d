import { parseEnvelope, redriveTopicFor } from '@pengaduan/contracts';
import { backoffDelay, isTransient, sleep, withLogContext } from '@pengaduan/runtime';
import type { KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { PermanentError } from '../errors';
import type { ConsumedEvent, EventConsumerOptions } from './consumer-options';
import { ConsumerInbox, type ClaimOutcome, type InboxClaim } from './consumer-inbox';
import { deadLetter } from './dead-letter';
import { idKey, isApplicable, type Applicable, type BatchContext, type Sorted } from './sorted-message';

type Outcome = 'processed' | 'duplicate' | 'dead-lettered';

/** A failure of one event inside a batch transaction: what came before it is committed. */
interface FailedInBatch {
  index: number;
  error: unknown;
}

/**
 * Applies the valid events of a partition for the event consumer, with exactly-once effects: one
 * claim statement and one transaction for a stretch of them, a savepoint per event
 * (docs/adr/0031); an event that fails there, or has an attempt on record, is handled alone,
 * retried with backoff and sent to the DLQ after `maxAttempts`.
 */
export class EventApplier {
  private readonly inbox: ConsumerInbox;
  private readonly maxAttempts: number;
  private readonly redriveTopic: string;

  constructor(
    private readonly options: EventConsumerOptions,
    private readonly dlqProducer: Producer,
    /** False once the consumer is stopping: a failure then leaves the event uncommitted. */
    private readonly isRunning: () => boolean,
  ) {
    this.inbox = new ConsumerInbox(options.dataSource, options.groupId);
    this.redriveTopic = redriveTopicFor(options.groupId);
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /**
   * Applies a run of valid events (some passed over) in order, resolving each offset once its
   * effect is committed: stretches of claimed events in one transaction each, an event that must
   * go alone (an attempt on record, or a failure in the batch) through `applyAlone`.
   */
  async applyRun(run: Sorted[], ctx: BatchContext): Promise<void> {
    if (run.length === 0) return;
    const items = ctx.topic === this.redriveTopic ? await this.reopenRedriven(run, ctx) : run;
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
        if (!this.isRunning()) throw err; // shutting down: leave it uncommitted for the next owner
        if (isTransient(err)) {
          // Nothing committed, the claims stand: the same stretch again, not counted (ADR 0007).
          this.options.logger.warn({ topic: ctx.topic, partition: ctx.partition, err: { message: (err as Error).message } }, 'batch failed transiently; retrying');
          await sleep(backoffDelay(transientAttempt++, this.options.backoff));
          await ctx.heartbeat();
          continue;
        }
        // Not one event's fault that a savepoint caught: each goes alone, whoever it was.
        await this.inbox.unclaim(stretch);
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
    const { dataSource, handler, logger } = this.options;
    const candidates = [...new Set(items.filter(isApplicable).map((i) => idKey(i.event.envelope.id)).filter((id) => claims.get(id) === 'claimed' && !settled.has(id)))];
    if (candidates.length === 0) return undefined;
    let failed: FailedInBatch | undefined;
    const applied: string[] = [];
    await dataSource.transaction(async (tx) => {
      const todo = await this.inbox.lockOpen(tx, candidates);
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
      if (applied.length > 0) await this.inbox.markAllProcessed(tx, applied);
    });
    for (const id of applied) settled.add(idKey(id));
    return failed;
  }

  /**
   * The messages of a re-drive topic's chunk that name an event this group has not processed but
   * has on record (dead-lettered, or reopened by a re-drive whose attempt has not finished), before
   * any signature is checked: every other one is passed over, so a re-drive meant for another
   * deployment on a shared broker (signed with keys this one does not publish) or a stale one is
   * not dead-lettered here (docs/adr/0043).
   */
  async awaitingRedrive(messages: KafkaMessage[], ctx: BatchContext): Promise<Set<KafkaMessage>> {
    const ids = new Map<KafkaMessage, string>();
    for (const message of messages) {
      const parsed = parseEnvelope(message.value ?? Buffer.alloc(0));
      if (parsed.ok) ids.set(message, idKey(parsed.envelope.id));
    }
    if (ids.size === 0) return new Set();
    const open = await this.withInbox(ctx, () => this.inbox.unprocessed([...new Set(ids.values())]));
    return new Set([...ids].filter(([, id]) => open.has(id)).map(([message]) => message));
  }

  /**
   * Events an operator re-drove (docs/adr/0043): the ones this group dead-lettered are opened
   * again (counted afresh) and applied as any event; every other one (processed, never seen by
   * this group) is passed over, so a re-drive can neither apply an event twice nor bring in one.
   */
  private async reopenRedriven(items: Sorted[], ctx: BatchContext): Promise<Sorted[]> {
    const ids = items.filter(isApplicable).map((i) => i.event.envelope.id);
    if (ids.length === 0) return items;
    const open = await this.withInbox(ctx, () => this.inbox.reopenDeadLettered(ids));
    return items.map((item): Sorted => {
      if (!isApplicable(item) || open.has(idKey(item.event.envelope.id))) return item;
      this.options.logger.info({ topic: ctx.topic, offset: item.message.offset, eventId: item.event.envelope.id }, 're-driven event this group has not dead-lettered; passed over');
      return { kind: 'pass', message: item.message };
    });
  }

  /** The batch claim (see ConsumerInbox.claimBatch), retried while the inbox cannot be reached. */
  private claimAll(events: Applicable[], ctx: BatchContext): Promise<Map<string, ClaimOutcome>> {
    return this.withInbox(ctx, () => this.inbox.claimBatch(events, ctx));
  }

  /** A statement on the inbox outside any effect transaction, retried while the inbox cannot be reached. */
  private async withInbox<T>(ctx: BatchContext, statement: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await statement();
      } catch (err) {
        if (!isTransient(err) || !this.isRunning()) throw err;
        this.options.logger.warn({ topic: ctx.topic, partition: ctx.partition, err: { message: (err as Error).message } }, 'inbox not reachable; retrying');
        await sleep(backoffDelay(attempt, this.options.backoff));
        await ctx.heartbeat();
      }
    }
  }

  /**
   * One event in a transaction of its own, as before batches: claimed, applied, retried with
   * backoff, dead-lettered after `maxAttempts`. `previous` is its attempt in a batch, counted by
   * the batch claim, and how it failed.
   */
  private async applyAlone({ event, message }: Applicable, ctx: BatchContext, previous?: { attempt: number; error: unknown }): Promise<Outcome> {
    const { dataSource, handler } = this.options;
    const env = event.envelope;
    const log = this.options.logger.child({ topic: event.topic, partition: event.partition, offset: event.offset, eventId: env.id, eventType: env.type });
    let failure = previous;
    for (let transientAttempt = 0; ; ) {
      if (failure) {
        const { attempt, error } = failure;
        failure = undefined;
        const transient = isTransient(error);
        await this.inbox.recordFailure(env.id, error, transient);
        if (!this.isRunning()) throw error; // shutting down: leave it uncommitted for the next owner
        if (error instanceof PermanentError) return this.giveUp(event, message, `cannot be applied: ${error.message}`, log, error.code);
        const e = error as Error & { code?: string };
        log.warn({ err: { message: e.message, code: e.code }, attempt, transient }, transient ? 'handler failed transiently; retrying' : 'handler failed; retrying');
        await sleep(backoffDelay(transient ? transientAttempt++ : attempt, this.options.backoff));
        await ctx.heartbeat();
      }
      let claim: InboxClaim;
      try {
        claim = await this.inbox.claim(event);
      } catch (err) {
        if (!isTransient(err) || !this.isRunning()) throw err;
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
          if (await this.inbox.lockProcessed(tx, env.id)) return; // a concurrent redelivery won the race
          await withLogContext({ correlationId: env.correlationid, causationId: env.id }, () => handler(event, tx));
          await this.inbox.markProcessed(tx, env.id);
        });
        return 'processed';
      } catch (err) {
        failure = { attempt: claim.started_attempts, error: err };
      }
    }
  }

  private async giveUp(event: ConsumedEvent, message: KafkaMessage, reason: string, log: Logger, code = 'EVENT.HANDLER_FAILED'): Promise<Outcome> {
    const lastError = await this.inbox.lastError(event.envelope.id);
    const full = lastError ? `${reason}; last error: ${lastError}` : reason;
    await deadLetter(this.dlqProducer, this.options, message, { topic: event.topic, partition: event.partition, reason: full, code, attempts: this.maxAttempts });
    await this.inbox.markDeadLettered(event.envelope.id);
    log.error({ reason: full }, 'event sent to the DLQ');
    return 'dead-lettered';
  }
}
