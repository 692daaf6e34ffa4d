import type { BackgroundWorker } from '@pengaduan/messaging';
import type { Clock, Logger } from '@pengaduan/runtime';
import type { DataSource } from 'typeorm';
import { applyRetention, type Erase } from './retention';

/** How often the retention job runs (docs/adr/0057). */
export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * The daily retention job (docs/adr/0057): every replica runs it once a day from its start; the
 * runs are safe together (`applyRetention`), so no election is needed, and a run missed while
 * intake was down is simply the next one's work (the query takes everything past its period).
 */
export class RetentionWorker implements BackgroundWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: () => DataSource,
    private readonly erase: Erase,
    private readonly clock: Clock,
    private readonly days: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const run = () => {
      this.running = this.running.then(() => this.runOnce()).catch((err: Error) => this.logger.error({ err: { message: err.message } }, 'retention run failed; the next run takes it up'));
    };
    run();
    this.timer = setInterval(run, RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    const run = await applyRetention(this.dataSource(), this.erase, this.clock.now(), { days: this.days });
    if (run.erased.length > 0) this.logger.info({ erased: run.erased.length, records: run.records.map((r) => r.number) }, 'retention: personal data erased and destruction records written');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
