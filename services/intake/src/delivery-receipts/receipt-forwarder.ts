import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NotificationService, ReceiptStatus } from '@pengaduan/contracts';
import type { DeliveryStatus } from '@pengaduan/channels';
import type { ServiceRuntime } from '@pengaduan/messaging';
import { PollingWorker, UPSTREAM_DEADLINE_MS, UpstreamClient, type Clock, type GrpcTls, type Logger, type MethodsOf } from '@pengaduan/runtime';

/** notification's API, as intake calls it to hand over delivery receipts. */
export class NotificationReceiptsClient extends UpstreamClient<MethodsOf<typeof NotificationService>> {
  constructor(address: string, logger: Logger, tls?: GrpcTls) {
    super('notification', NotificationService, address, logger, tls);
  }
}

const STATUS: Record<DeliveryStatus, ReceiptStatus> = {
  queued: ReceiptStatus.QUEUED,
  sent: ReceiptStatus.SENT,
  delivered: ReceiptStatus.DELIVERED,
  read: ReceiptStatus.READ,
  failed: ReceiptStatus.FAILED,
};

interface ReceiptRow {
  id: string;
  provider: string;
  provider_message_id: string;
  status: DeliveryStatus;
  at: Date;
  error_code: string | null;
  attempts: number;
}

/** How long a batch being handed over is kept from other replicas: well past the call's deadline. */
const LEASE_MS = 3 * UPSTREAM_DEADLINE_MS;

/**
 * Hands the delivery receipts intake's webhooks stored to notification, which owns the
 * messages they are about (WhatsApp posts statuses to the same webhook as messages). A batch is
 * claimed for a lease in a short transaction, handed over, and marked forwarded once notification
 * has answered, so a crash forwards it again after the lease, and notification applies each
 * receipt id once. No transaction is held open across the call: where transactions run one at a
 * time (the embedded platform's PGlite, docs/adr/0020), one waiting on notification — whose own
 * transaction waits behind it — would never end. notification unreachable: the receipts wait,
 * with backoff.
 */
export class ReceiptForwarder extends PollingWorker {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly client: NotificationReceiptsClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { pollMs?: number; batchSize?: number } = {},
  ) {
    super('receipt forwarding', options.pollMs ?? 1_000, logger);
  }

  protected runDue(): Promise<number> {
    return this.forwardDue();
  }

  /** Forwards every receipt due now, in batches; answers how many notification took. */
  async forwardDue(): Promise<number> {
    let forwarded = 0;
    for (;;) {
      const n = await this.forwardBatch();
      if (n === 0) return forwarded;
      forwarded += n;
    }
  }

  private async forwardBatch(): Promise<number> {
    const now = this.clock.now();
    const batch = await this.runtime.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT id, provider, provider_message_id, status, at, error_code, attempts FROM inbound_receipt
          WHERE forwarded_at IS NULL AND next_attempt_at <= $1 ORDER BY received_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.options.batchSize ?? 100],
      )) as ReceiptRow[];
      if (rows.length > 0) {
        await tx.query('UPDATE inbound_receipt SET next_attempt_at = $2 WHERE id = ANY($1)', [rows.map((r) => r.id), new Date(now.getTime() + LEASE_MS)]);
      }
      return rows;
    });
    if (batch.length === 0) return 0;
    const ids = batch.map((r) => r.id);
    let answer: { matched: number; unmatched: number };
    try {
      answer = await this.client.call(
        'recordDeliveryReceipts',
        {
          receipts: batch.map((r) => ({
            receiptId: r.id,
            provider: r.provider,
            providerMessageId: r.provider_message_id,
            status: STATUS[r.status],
            at: timestampFromDate(r.at),
            ...(r.error_code ? { errorCode: r.error_code } : {}),
          })),
        },
        batch[0].id,
      );
    } catch (err) {
      const attempts = Math.max(...batch.map((r) => r.attempts)) + 1;
      const delayMs = Math.min(60_000, 1_000 * 2 ** (attempts - 1));
      await this.runtime.dataSource.query(`UPDATE inbound_receipt SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = ANY($1)`, [
        ids,
        new Date(this.clock.now().getTime() + delayMs),
      ]);
      this.logger.warn({ receipts: batch.length, attempts, err: { message: (err as Error).message } }, 'delivery receipts not handed to notification yet; will try again');
      return 0;
    }
    await this.runtime.dataSource.query(`UPDATE inbound_receipt SET forwarded_at = $2, attempts = attempts + 1 WHERE id = ANY($1)`, [ids, this.clock.now()]);
    this.logger.info({ receipts: batch.length, matched: answer.matched, unmatched: answer.unmatched }, 'delivery receipts handed to notification');
    return batch.length;
  }
}
