import type { ComplaintCommandExecutor, ServiceRuntime } from '@pengaduan/messaging';
import { PollingWorker, type Clock, type Logger } from '@pengaduan/runtime';
import { isStatusMessagePurpose, type NotificationPurpose, type OutboundChannel } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { NOTIFICATION_ACTOR } from '../acknowledge/acknowledge-reporter';
import type { SendResult } from '../channels/channel.port';
import type { ChannelRegistry } from '../channels/channel-registry';
import { composeToSend } from '../message-templates/message-templates';
import { findReporter } from '../persistence/complaint-reporter';
import { applyEarlyReceipts, applyReceiptStatus, type AttemptForReceipt } from './delivery-progress';
import { recordSystemDecision, systemCommandExecutor } from './record-system-decision';

/** How often and how long one channel is tried before the next. */
export interface RetryPolicy {
  /** Attempts per channel on retryable failures (rate limits, 5xx, network), default 4. */
  maxAttempts: number;
  /** First backoff; doubles per attempt, capped at `maxDelayMs`; the provider's Retry-After wins when longer. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/** How long a claimed notification is left to one replica before another may take it over. */
const LEASE_MS = 60_000;

interface NotificationRow {
  id: string;
  complaint_id: string;
  office_code: string;
  purpose: NotificationPurpose;
  information_id: string | null;
  idempotency_key: string;
  correlation_id: string;
  channels: OutboundChannel[];
  channel_index: number;
  attempt: number;
}

/**
 * Sends the queued messages to reporters and records every attempt. One channel at a time, in
 * the notification's order: accepted → wait for receipts (`complaint.acknowledged` at once for
 * the acknowledgement); a retryable failure → the same channel again after a backoff that honours
 * the provider's Retry-After; a permanent failure, exhausted retries or a failed receipt → the
 * next channel; no channel left → a call task for Admin Tikkim. Each failure is recorded as
 * `complaint.notification-failed` with what happens next.
 *
 * The provider is called outside any transaction (a lease keeps other replicas off); what it
 * answered is recorded in one transaction with the events. A crash between the two sends the
 * message again: at least once, as the providers themselves deliver.
 */
export class DeliveryDispatcher extends PollingWorker {
  private readonly executor: ComplaintCommandExecutor;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly channels: ChannelRegistry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    stateConsumerGroup: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
    pollMs = 500,
  ) {
    super('delivery', pollMs, logger);
    this.executor = systemCommandExecutor(runtime, clock, stateConsumerGroup);
  }

  protected runDue(): Promise<number> {
    return this.dispatchDue();
  }

  /** Sends every notification due now; answers how many attempts were made (tests call it directly). */
  async dispatchDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const now = this.clock.now();
      const [rows] = (await this.runtime.dataSource.query(
        `UPDATE outbound_notification SET next_attempt_at = $2
          WHERE id = (SELECT id FROM outbound_notification WHERE status = 'PENDING' AND next_attempt_at <= $1
                       ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, complaint_id, office_code, purpose, information_id, idempotency_key, correlation_id, channels, channel_index, attempt`,
        [now, new Date(now.getTime() + LEASE_MS)],
      )) as [NotificationRow[], number];
      const row = rows[0];
      if (!row) return attempts;
      await this.dispatch(row);
      attempts += 1;
    }
  }

  private async dispatch(n: NotificationRow): Promise<void> {
    const log = { complaintId: n.complaint_id, notificationId: n.id, purpose: n.purpose };
    const manager = this.runtime.dataSource.manager;
    const reporter = await findReporter(manager, n.complaint_id);
    if (n.channel_index >= n.channels.length) {
      await this.runtime.dataSource.transaction((tx) => this.handOverToOfficer(tx, n, 'no channel left'));
      return;
    }
    if (!reporter) {
      // complaint.received not consumed yet: look again shortly.
      await manager.query('UPDATE outbound_notification SET next_attempt_at = $2 WHERE id = $1', [n.id, new Date(this.clock.now().getTime() + 1_000)]);
      return;
    }
    const channel = n.channels[n.channel_index];
    // In the office's texts as they are now (docs/adr/0050).
    const message = await composeToSend(manager, { officeCode: n.office_code, purpose: n.purpose, informationId: n.information_id, channel, trackingNumber: reporter.trackingNumber });
    const result = await this.channels.send({
      complaintId: n.complaint_id,
      officeCode: n.office_code,
      trackingNumber: reporter.trackingNumber,
      channel,
      reporterRef: reporter.reporterRef,
      purpose: n.purpose,
      ...message,
      idempotencyKey: `${n.idempotency_key}:${channel}`,
    });
    await this.runtime.dataSource.transaction(async (tx) => {
      // Still ours? A lease that ran out may have let another replica record this very attempt.
      const [current] = (await tx.query('SELECT status, channel_index, attempt FROM outbound_notification WHERE id = $1 FOR UPDATE', [n.id])) as {
        status: string;
        channel_index: number;
        attempt: number;
      }[];
      if (current.status !== 'PENDING' || current.channel_index !== n.channel_index || current.attempt !== n.attempt) {
        this.logger.warn(log, 'another replica recorded this attempt first');
        return;
      }
      await this.record(tx, n, channel, result);
    });
    this.logger.info({ ...log, channel, outcome: result.kind, ...(result.kind === 'failed' ? { errorCode: result.errorCode } : {}) }, 'message to the reporter attempted');
  }

  private async record(tx: EntityManager, n: NotificationRow, channel: OutboundChannel, result: SendResult): Promise<void> {
    const now = this.clock.now();
    const attemptNo = n.attempt + 1;
    const attemptId = uuidv7();
    const insertAttempt = (outcome: string, extra: { provider?: string; kind?: string; templateId?: string; errorCode?: string; retryable?: boolean; providerMessageId?: string }) =>
      tx.query(
        `INSERT INTO delivery_attempt (id, notification_id, channel_index, channel, provider, attempt, kind, template_id, outcome, error_code, retryable, provider_message_id, attempted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          attemptId,
          n.id,
          n.channel_index,
          channel,
          extra.provider ?? null,
          attemptNo,
          extra.kind ?? null,
          extra.templateId ?? null,
          outcome,
          extra.errorCode ?? null,
          extra.retryable ?? null,
          extra.providerMessageId ?? null,
          now,
        ],
      );

    if (result.kind === 'accepted') {
      await insertAttempt('ACCEPTED', {
        provider: result.provider,
        kind: result.templateId ? 'TEMPLATE' : 'TEXT',
        templateId: result.templateId,
        providerMessageId: result.providerMessageId,
      });
      await tx.query(`UPDATE outbound_notification SET status = 'SENT', attempt = $2, updated_at = $3 WHERE id = $1`, [n.id, attemptNo, now]);
      if (n.purpose === 'ACKNOWLEDGEMENT') {
        await recordSystemDecision(tx, this.executor, {
          complaintId: n.complaint_id,
          command: { type: 'acknowledge', actor: NOTIFICATION_ACTOR },
          extras: () => ({ channel, providerMessageId: result.providerMessageId }),
          ...this.context(n, attemptId),
        });
      }
      const attempt: AttemptForReceipt = {
        attemptId,
        notificationId: n.id,
        complaintId: n.complaint_id,
        purpose: n.purpose,
        channel,
        providerMessageId: result.providerMessageId,
        status: null,
        notificationStatus: 'SENT',
        correlationId: n.correlation_id,
        channelIndex: n.channel_index,
        attemptChannelIndex: n.channel_index,
      };
      const deps = { executor: this.executor, logger: this.logger };
      if (result.deliveredOnAccept) {
        await applyReceiptStatus(tx, attempt, { status: 'delivered', at: now, receiptId: attemptId }, now, deps);
        return;
      }
      // Receipts that came before we knew the message id (the provider was faster than our commit).
      await applyEarlyReceipts(tx, attempt, result.provider, now, deps);
      return;
    }

    if (result.kind === 'not-available') {
      // Recorded like any failure (never retried): the log then says why no channel reached the
      // reporter, and the gateway's call-task queue shows it beside the providers' failures.
      await insertAttempt('NOT_AVAILABLE', { errorCode: `${channel}.${result.reason}` });
      if (result.reason === 'RESTRICTED') {
        await this.withhold(tx, n, channel, attemptNo, attemptId);
        return;
      }
      await this.nextChannel(tx, n, now, `${channel}.${result.reason}`, { channel, attemptNo, attemptId });
      return;
    }

    await insertAttempt('FAILED', { errorCode: result.errorCode, retryable: result.retryable });
    if (result.retryable && attemptNo < this.retry.maxAttempts) {
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attemptNo - 1));
      const nextAttemptAt = new Date(now.getTime() + Math.max(backoff, result.retryAfterMs ?? 0));
      await tx.query('UPDATE outbound_notification SET attempt = $2, next_attempt_at = $3, updated_at = $4 WHERE id = $1', [n.id, attemptNo, nextAttemptAt, now]);
      await this.recordFailure(tx, n, channel, result.errorCode, attemptNo, { willRetry: true, nextAttemptAt }, attemptId);
      return;
    }
    await this.nextChannel(tx, n, now, result.errorCode, { channel, attemptNo, attemptId });
  }

  /** On to the next channel, or to the officer when none is left. */
  private async nextChannel(
    tx: EntityManager,
    n: NotificationRow,
    now: Date,
    reason: string,
    failure?: { channel: OutboundChannel; attemptNo: number; attemptId: string },
  ): Promise<void> {
    const next = n.channels[n.channel_index + 1];
    if (failure) {
      await this.recordFailure(tx, n, failure.channel, reason, failure.attemptNo, { willRetry: false, fallbackChannel: next ?? 'PHONE' }, failure.attemptId);
    }
    if (next) {
      await tx.query(`UPDATE outbound_notification SET channel_index = channel_index + 1, attempt = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1`, [n.id, now]);
      return;
    }
    await this.handOverToOfficer(tx, n, reason);
  }

  /**
   * No channel can deliver: a call task for Admin Tikkim, who phones or meets the reporter and
   * confirms the delivery. (Where no provider is configured at all, this is the normal way.)
   */
  private async handOverToOfficer(tx: EntityManager, n: NotificationRow, reason: string): Promise<void> {
    const now = this.clock.now();
    if (isStatusMessagePurpose(n.purpose)) {
      // A status message is no SOP notice: no call task, it ends here (docs/adr/0054).
      await tx.query(`UPDATE outbound_notification SET status = 'UNDELIVERED', updated_at = $2 WHERE id = $1`, [n.id, now]);
      this.logger.info({ complaintId: n.complaint_id, notificationId: n.id, purpose: n.purpose, reason }, 'no channel can deliver the status message: it is not sent');
      return;
    }
    await tx.query(`UPDATE outbound_notification SET status = 'CALL_TASK', updated_at = $2 WHERE id = $1`, [n.id, now]);
    await tx.query(
      `INSERT INTO call_task (id, notification_id, complaint_id, office_code, purpose, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (notification_id) DO NOTHING`,
      [uuidv7(), n.id, n.complaint_id, n.office_code, n.purpose, reason, now],
    );
    this.logger.info({ complaintId: n.complaint_id, notificationId: n.id, purpose: n.purpose, reason }, 'no channel can reach the reporter: call task for admin tikkim');
  }

  /**
   * The reporter's contact is restricted (UU 27/2022, docs/adr/0056): no other channel and no
   * officer's call may reach them, so the notice ends here, withheld, with no call task. The
   * failure (`<CHANNEL>.RESTRICTED`, no fallback) is in the complaint's log, where officers see it.
   */
  private async withhold(tx: EntityManager, n: NotificationRow, channel: OutboundChannel, attemptNo: number, attemptId: string): Promise<void> {
    const now = this.clock.now();
    await tx.query(`UPDATE outbound_notification SET status = 'WITHHELD', attempt = $2, updated_at = $3 WHERE id = $1`, [n.id, attemptNo, now]);
    await this.recordFailure(tx, n, channel, `${channel}.RESTRICTED`, attemptNo, { willRetry: false }, attemptId);
    this.logger.info({ complaintId: n.complaint_id, notificationId: n.id, purpose: n.purpose }, 'the reporter’s contact is restricted: the notice is withheld, no call task');
  }

  private async recordFailure(
    tx: EntityManager,
    n: NotificationRow,
    channel: OutboundChannel,
    errorCode: string,
    attempt: number,
    next: { willRetry: boolean; nextAttemptAt?: Date; fallbackChannel?: OutboundChannel },
    attemptId: string,
  ): Promise<void> {
    // A status message's failures stay in delivery_attempt: no SOP rule is about them (docs/adr/0054).
    if (isStatusMessagePurpose(n.purpose)) return;
    await recordSystemDecision(tx, this.executor, {
      complaintId: n.complaint_id,
      command: { type: 'recordNotificationFailure', actor: NOTIFICATION_ACTOR, purpose: n.purpose, channel, errorCode },
      extras: () => ({ attempt, ...next }),
      ...this.context(n, attemptId),
    });
  }

  private context(n: NotificationRow, causationId: string) {
    return { correlationId: n.correlation_id, causationId, logger: this.logger };
  }
}
