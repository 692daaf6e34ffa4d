import type { ComplaintCommandExecutor, ServiceRuntime } from '@pengaduan/messaging';
import type { Clock, Logger } from '@pengaduan/runtime';
import type { OutboundChannel } from '@pengaduan/sop';
import { applyReceiptStatus, type ForwardStatus } from '../deliver-notification/delivery-progress';
import { systemCommandExecutor } from '../deliver-notification/record-system-decision';

/** One receipt as intake forwards it. */
export interface ForwardedReceipt {
  receiptId: string;
  provider: string;
  providerMessageId: string;
  status: ForwardStatus | 'failed';
  at: Date;
  errorCode?: string;
}

/** Called when a failed receipt sent a message on to its next channel. */
export type FallbackListener = () => void;

/**
 * Applies providers' delivery receipts (forwarded by intake, which receives the webhooks), each
 * in its own transaction and once by intake's receipt id. A receipt for a message id we have
 * not recorded yet (the provider answered the webhook faster than our send committed) is kept
 * unmatched and applied when the attempt is recorded; receipts out of order are handled by
 * {@link applyReceiptStatus}, which only moves a message forward.
 */
export class RecordDeliveryReceiptsHandler {
  private readonly executor: ComplaintCommandExecutor;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly clock: Clock,
    private readonly logger: Logger,
    stateConsumerGroup: string,
    private readonly onFallback: FallbackListener = () => undefined,
  ) {
    this.executor = systemCommandExecutor(runtime, clock, stateConsumerGroup);
  }

  async execute(receipts: readonly ForwardedReceipt[]): Promise<{ matched: number; unmatched: number }> {
    let matched = 0;
    let unmatched = 0;
    let fellBack = false;
    for (const r of receipts) {
      const outcome = await this.runtime.dataSource.transaction(async (tx) => {
        const now = this.clock.now();
        const inserted = (await tx.query(
          `INSERT INTO applied_receipt (receipt_id, provider, provider_message_id, status, at, error_code, matched, applied_at)
           VALUES ($1, $2, $3, $4, $5, $6, false, NULL) ON CONFLICT (receipt_id) DO NOTHING RETURNING receipt_id`,
          [r.receiptId, r.provider, r.providerMessageId, r.status, r.at, r.errorCode ?? null],
        )) as unknown[];
        if (inserted.length === 0) return 'repeated' as const;
        const [a] = (await tx.query(
          `SELECT a.id, a.notification_id, a.channel, a.status, a.channel_index AS attempt_channel_index, a.provider_message_id,
                  n.complaint_id, n.purpose, n.status AS notification_status, n.correlation_id, n.channel_index
             FROM delivery_attempt a JOIN outbound_notification n ON n.id = a.notification_id
            WHERE a.provider = $1 AND a.provider_message_id = $2 FOR UPDATE OF a, n`,
          [r.provider, r.providerMessageId],
        )) as {
          id: string;
          notification_id: string;
          channel: OutboundChannel;
          status: ForwardStatus | null;
          attempt_channel_index: number;
          provider_message_id: string;
          complaint_id: string;
          purpose: string;
          notification_status: string;
          correlation_id: string;
          channel_index: number;
        }[];
        if (!a) return 'unmatched' as const;
        const effect = await applyReceiptStatus(
          tx,
          {
            attemptId: a.id,
            notificationId: a.notification_id,
            complaintId: a.complaint_id,
            purpose: a.purpose,
            channel: a.channel,
            providerMessageId: a.provider_message_id,
            status: a.status,
            notificationStatus: a.notification_status,
            correlationId: a.correlation_id,
            channelIndex: a.channel_index,
            attemptChannelIndex: a.attempt_channel_index,
          },
          { status: r.status, at: r.at, receiptId: r.receiptId, ...(r.errorCode ? { errorCode: r.errorCode } : {}) },
          now,
          { executor: this.executor, logger: this.logger },
        );
        await tx.query('UPDATE applied_receipt SET matched = true, applied_at = $2 WHERE receipt_id = $1', [r.receiptId, now]);
        this.logger.info({ complaintId: a.complaint_id, provider: r.provider, status: r.status, effect }, 'delivery receipt applied');
        return effect === 'failed-fallback' ? ('fallback' as const) : ('matched' as const);
      });
      if (outcome === 'unmatched') unmatched += 1;
      else if (outcome !== 'repeated') matched += 1;
      if (outcome === 'fallback') fellBack = true;
    }
    if (unmatched > 0) this.logger.info({ unmatched }, 'receipts for messages not recorded (yet): kept unmatched');
    if (fellBack) this.onFallback();
    return { matched, unmatched };
  }
}
