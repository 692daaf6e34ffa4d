import type { Logger } from '@pengaduan/runtime';
import type { DataSource } from 'typeorm';
import { storePreparedWebhooks, type PreparedWebhook, type StoredWebhook } from './inbound-store';

interface Waiting {
  webhook: PreparedWebhook;
  resolve: (stored: StoredWebhook) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of verified webhooks: the webhooks that arrive while earlier ones are being
 * committed are stored together in the next transaction, so one commit (one WAL flush, a few
 * statements) acknowledges many of them instead of one transaction each. A webhook that finds
 * no commit under way starts one at once: nothing waits for a timer, and a lone webhook is
 * stored as before.
 *
 * Each webhook's promise settles only after the transaction that holds its rows has committed
 * (then the webhook may be answered 200), or fails when it could not be stored. When a group's
 * transaction fails, each of its webhooks is stored again alone, so one webhook that cannot be
 * stored never fails the others; a retry after a commit whose outcome was lost stores nothing
 * twice (messages are unique by provider message id, receipts by message id and status).
 */
export class WebhookGroupCommit {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly dataSource: () => DataSource,
    private readonly logger: Logger,
    private readonly options: {
      /** Webhooks in one transaction at most. */
      maxGroup: number;
      /** Transactions under way at once at most (each holds one pooled connection). */
      maxInFlight: number;
    } = { maxGroup: 128, maxInFlight: 2 },
  ) {}

  /** Stores one prepared webhook; resolves once it is committed. */
  store(webhook: PreparedWebhook): Promise<StoredWebhook> {
    return new Promise<StoredWebhook>((resolve, reject) => {
      this.waiting.push({ webhook, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxGroup);
      this.inFlight += 1;
      void this.commit(group).finally(() => {
        this.inFlight -= 1;
        this.next();
      });
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let stored: StoredWebhook[];
    try {
      stored = await this.dataSource().transaction((tx) => storePreparedWebhooks(tx, group.map((w) => w.webhook)));
    } catch (err) {
      if (group.length === 1) {
        group[0].reject(err);
        return;
      }
      this.logger.warn({ webhooks: group.length, err: { message: (err as Error).message } }, 'a group of webhooks could not be stored together: storing each alone');
      await Promise.all(
        group.map(async (w) => {
          try {
            const [one] = await this.dataSource().transaction((tx) => storePreparedWebhooks(tx, [w.webhook]));
            w.resolve(one);
          } catch (e) {
            w.reject(e);
          }
        }),
      );
      return;
    }
    group.forEach((w, i) => w.resolve(stored[i]));
  }
}
