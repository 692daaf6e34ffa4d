import type { ComplaintCommandExecutor } from '@pengaduan/messaging';
import type { Logger } from '@pengaduan/runtime';
import type { OutboundChannel } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { NOTIFICATION_ACTOR } from '../acknowledge/acknowledge-reporter';
import { recordSystemDecision } from './record-system-decision';

/** How far a message got; `failed` is not on this scale. */
export type ForwardStatus = 'queued' | 'sent' | 'delivered' | 'read';
const RANK: Record<ForwardStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/** A delivery attempt with its notification, locked for a receipt. */
export interface AttemptForReceipt {
  attemptId: string;
  notificationId: string;
  complaintId: string;
  purpose: string;
  channel: OutboundChannel;
  providerMessageId: string;
  status: ForwardStatus | null;
  notificationStatus: string;
  correlationId: string;
  channelIndex: number;
  attemptChannelIndex: number;
}

export interface ProgressDeps {
  /** Runs notification's own commands in the receipt's transaction (see recordSystemDecision). */
  executor: ComplaintCommandExecutor;
  logger: Logger;
}

/** What a receipt did. */
export type ReceiptEffect = 'advanced' | 'stale' | 'delivered' | 'failed-fallback' | 'failed-ignored';

/**
 * Applies one receipt status to one attempt. Statuses only move forward (a late `sent` after
 * `read` changes nothing); `failed` never undoes a delivery. The first `delivered` (or `read`,
 * which implies it) of the follow-up information records `complaint.information-delivered` and
 * `complaint.closed` (SOP step 8). A `failed` before delivery sends the message on to the next
 * channel, as a refusal at sending would.
 */
export async function applyReceiptStatus(
  tx: EntityManager,
  a: AttemptForReceipt,
  receipt: { status: ForwardStatus | 'failed'; at: Date; errorCode?: string; receiptId: string },
  now: Date,
  deps: ProgressDeps,
): Promise<ReceiptEffect> {
  if (receipt.status === 'failed') {
    if (a.status && RANK[a.status] >= RANK.delivered) {
      await tx.query('UPDATE delivery_attempt SET failed_receipt_code = $2 WHERE id = $1', [a.attemptId, receipt.errorCode ?? 'FAILED']);
      return 'failed-ignored';
    }
    await tx.query('UPDATE delivery_attempt SET failed_receipt_code = $2 WHERE id = $1', [a.attemptId, receipt.errorCode ?? 'FAILED']);
    // Only the attempt in charge moves the message on (an older attempt's late failure does not).
    if (a.notificationStatus !== 'SENT' || a.attemptChannelIndex !== a.channelIndex) return 'failed-ignored';
    await tx.query(
      `UPDATE outbound_notification SET status = 'PENDING', channel_index = channel_index + 1, attempt = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1`,
      [a.notificationId, now],
    );
    deps.logger.warn({ complaintId: a.complaintId, notificationId: a.notificationId, channel: a.channel, errorCode: receipt.errorCode }, 'the provider could not deliver: trying the next channel');
    return 'failed-fallback';
  }
  if (a.status && RANK[receipt.status] <= RANK[a.status]) return 'stale';
  await tx.query('UPDATE delivery_attempt SET status = $2, status_at = $3 WHERE id = $1', [a.attemptId, receipt.status, receipt.at]);
  const reached = RANK[receipt.status] >= RANK.delivered && (!a.status || RANK[a.status] < RANK.delivered);
  if (!reached || a.notificationStatus === 'DELIVERED') return 'advanced';

  await tx.query(`UPDATE outbound_notification SET status = 'DELIVERED', delivered_at = $2, updated_at = $3 WHERE id = $1`, [a.notificationId, receipt.at, now]);
  if (a.purpose === 'FOLLOW_UP_INFORMATION' || a.purpose === 'DISMISSAL_NOTICE') {
    // A provider's clock a little ahead of ours must not make the delivery "in the future".
    const deliveredAt = new Date(Math.min(receipt.at.getTime(), now.getTime()));
    await recordSystemDecision(tx, deps.executor, {
      complaintId: a.complaintId,
      command: { type: 'recordDelivery', actor: NOTIFICATION_ACTOR, channel: a.channel, method: 'PROVIDER_RECEIPT', deliveredAt: deliveredAt.toISOString() },
      extras: (e) => (e.type === 'complaint.information-delivered' ? { providerMessageId: a.providerMessageId } : {}),
      correlationId: a.correlationId,
      causationId: receipt.receiptId,
      logger: deps.logger,
    });
  }
  return 'delivered';
}

/** Applies, in status order, receipts that arrived for a message id before its attempt was recorded. */
export async function applyEarlyReceipts(tx: EntityManager, attempt: AttemptForReceipt, provider: string | undefined, now: Date, deps: ProgressDeps): Promise<void> {
  if (!provider) return;
  const early = (await tx.query(
    `SELECT receipt_id, status, at, error_code FROM applied_receipt WHERE provider = $1 AND provider_message_id = $2 AND NOT matched ORDER BY at`,
    [provider, attempt.providerMessageId],
  )) as { receipt_id: string; status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed'; at: Date; error_code: string | null }[];
  let current = attempt;
  for (const r of early) {
    const effect = await applyReceiptStatus(tx, current, { status: r.status, at: r.at, receiptId: r.receipt_id, ...(r.error_code ? { errorCode: r.error_code } : {}) }, now, deps);
    await tx.query('UPDATE applied_receipt SET matched = true, applied_at = $2 WHERE receipt_id = $1', [r.receipt_id, now]);
    if (r.status !== 'failed' && effect !== 'stale') current = { ...current, status: r.status, notificationStatus: effect === 'delivered' ? 'DELIVERED' : current.notificationStatus };
  }
}
