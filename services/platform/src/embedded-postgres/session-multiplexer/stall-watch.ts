import type { Logger } from '@pengaduan/runtime';
import type { Session } from './session';

export interface StallWatchOptions {
  logger: Logger;
  idleTimeoutMs: number;
  /** Closes the connection that held the backend too long. */
  onExpired: (sessionId: number) => void;
  /** The connection holding the backend now. */
  owner: () => Session | undefined;
  /** How many messages wait for the backend now. */
  waiting: () => number;
}

/** Others wait while the owner sends nothing: warn after 5 s, give up on it after the timeout. */
export class StallWatch {
  private stallTimer?: NodeJS.Timeout;
  private stallWarnTimer?: NodeJS.Timeout;
  private stallWarned = false;

  constructor(private readonly options: StallWatchOptions) {}

  /** Starts watching `owner` when others wait for it (`othersWait`), else stops. */
  watch(owner: Session | undefined, othersWait: boolean): void {
    if (!owner || !othersWait) {
      this.clear();
      return;
    }
    if (this.stallTimer) return;
    const { logger, idleTimeoutMs } = this.options;
    this.stallWarnTimer = setTimeout(() => {
      if (this.options.owner() !== owner) return;
      this.stallWarned = true;
      logger.warn(
        { application: owner.application, waiting: this.options.waiting() },
        'embedded postgres: a connection holds a transaction open while others wait (transactions are serialised on PGlite)',
      );
    }, Math.min(5_000, idleTimeoutMs));
    this.stallTimer = setTimeout(() => {
      this.stallWarned = false;
      this.clear();
      if (this.options.owner() !== owner) return;
      logger.error(
        { application: owner.application, idleMs: idleTimeoutMs },
        'embedded postgres: closing a connection idle in a transaction while others waited; its transaction is rolled back',
      );
      this.options.onExpired(owner.id);
    }, idleTimeoutMs);
    this.stallTimer.unref();
    this.stallWarnTimer.unref();
  }

  clear(): void {
    clearTimeout(this.stallTimer);
    clearTimeout(this.stallWarnTimer);
    this.stallTimer = undefined;
    this.stallWarnTimer = undefined;
    if (this.stallWarned) this.options.logger.info('embedded postgres: the waiting connections go on');
    this.stallWarned = false;
  }
}
