import { appendToOutbox, type ServiceRuntime } from '@pengaduan/messaging';
import { Clock, type Logger } from '@pengaduan/runtime';
import type { EventEnvelope } from '@pengaduan/contracts';
import { slaEvents, type DeadlineRow } from '../sla-events';

export interface SchedulerOptions {
  /** How often to look for due deadlines when the last look found fewer than a batch (ms). */
  pollMs: number;
  /** Deadlines fired in one transaction at most. */
  batchSize: number;
}

/** How soon a look is tried again while the database is still being connected to and migrated (ms). */
const STARTING_RETRY_MS = 100;

/** What one look fired. */
export interface TickResult {
  warned: number;
  breached: number;
}

/**
 * Fires due deadlines: claims rows whose `next_fire_at` has come with `FOR UPDATE SKIP LOCKED`
 * (so replicas share the work and never fire one row twice), writes their events to the outbox
 * and marks them in the same transaction (so a crash before the commit fires them again later,
 * once, and a crash after it never repeats them). A deadline whose step was stopped is no longer
 * due. At the due time it emits `sla.deadline-breached` and `sla.escalated` together; before it,
 * at the warning time, `sla.deadline-warning`. A deadline found overdue before its warning fired
 * (the monitor was down) is breached at once and not warned: a warning after the fact tells nobody
 * anything. Time comes from the injected clock; tests call {@link tick} with the time they want.
 */
export class DeadlineScheduler {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastError: Error | undefined;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: SchedulerOptions,
  ) {}

  /** Fires what is due at `now`, at most one batch, in one transaction. */
  async tick(now: Date = this.clock.now()): Promise<TickResult> {
    return this.runtime.dataSource.transaction(async (tx) => {
      const due = (await tx.query(
        `SELECT * FROM deadline WHERE next_fire_at <= $1 AND stopped_at IS NULL
          ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.options.batchSize],
      )) as DeadlineRow[];
      const result: TickResult = { warned: 0, breached: 0 };
      const envelopes: EventEnvelope[] = [];
      for (const row of due) {
        const ctx = { now, correlationId: row.id, causationId: row.opened_by_event_id };
        if (row.breached_at === null && now.getTime() >= row.due_at.getTime()) {
          envelopes.push(slaEvents.breached(row, ctx), slaEvents.escalated(row, ctx));
          await tx.query('UPDATE deadline SET breached_at = $2, escalated_at = $2, next_fire_at = NULL WHERE id = $1', [row.id, now]);
          result.breached++;
        } else if (row.warned_at === null && now.getTime() >= row.warn_at.getTime()) {
          envelopes.push(slaEvents.warning(row, ctx));
          await tx.query('UPDATE deadline SET warned_at = $2, next_fire_at = due_at WHERE id = $1', [row.id, now]);
          result.warned++;
        } else {
          // Nothing left at this time (cannot happen with rows the tracker and this class write): re-aim, never loop on it.
          await tx.query('UPDATE deadline SET next_fire_at = CASE WHEN breached_at IS NULL THEN due_at END WHERE id = $1', [row.id]);
        }
      }
      await appendToOutbox(tx, envelopes);
      return result;
    });
  }

  /** Starts firing in the background, as soon as the database is ready. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the look in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Throws when the last look failed: for readiness. */
  check(): void {
    if (!this.running) throw new Error('scheduler not running');
    if (this.lastError) throw new Error(`scheduler failing: ${this.lastError.message}`);
  }

  /**
   * Looks until stopped. It does not wait for `runtime.ready()`, which includes the consumer's join
   * of its Kafka group: after a crash (kill -9) the join waits until the dead process's session
   * expires (about 30 s), and firing needs only the database. Until the database is migrated a look
   * fails with SERVICE.NOT_READY (readiness says so) and is tried again shortly. The consumer's lag
   * is no different from that of any running monitor: a stop takes the row's lock, whenever it comes.
   */
  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      let starting = false;
      try {
        const { warned, breached } = await this.tick();
        full = warned + breached >= this.options.batchSize;
        if (warned + breached > 0) this.logger.info({ warned, breached }, 'deadlines fired');
        this.lastError = undefined;
      } catch (err) {
        this.lastError = err as Error;
        starting = (err as { code?: string }).code === 'SERVICE.NOT_READY';
        if (starting) this.logger.debug('the database is not ready yet; firing waits for it');
        else this.logger.error({ err: { message: (err as Error).message } }, 'firing deadlines failed; retrying');
      }
      if (!full && this.running) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, starting ? Math.min(STARTING_RETRY_MS, this.options.pollMs) : this.options.pollMs);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }
}
