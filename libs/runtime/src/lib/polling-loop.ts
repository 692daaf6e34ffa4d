import type { Logger } from './logger';

/**
 * Runs `work` again and again: at once when woken (something was just stored in this process),
 * else every `pollMs` (other replicas store too; a restart finds what was left). One run at a
 * time; a run that throws is logged and the loop goes on. `stop()` waits for the run in progress.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<unknown>,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.work()
        .then(() => undefined)
        .catch((err: Error) => this.logger.error({ loop: this.name, err: { message: err.message } }, `${this.name} failed; trying again at the next poll`))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const again = this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(again ? 0 : this.pollMs);
        });
    }, ms);
  }
}

/** A background worker of a service that polls its own tables: start, stop, wake around {@link PollingLoop}. */
export abstract class PollingWorker {
  private readonly loop: PollingLoop;

  protected constructor(name: string, pollMs: number, logger: Logger) {
    this.loop = new PollingLoop(name, () => this.runDue(), pollMs, logger);
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Something new was stored in this process: look now rather than at the next poll. */
  wake(): void {
    this.loop.wake();
  }

  /** Does everything due now. */
  protected abstract runDue(): Promise<unknown>;
}
