import { ComplaintCommandExecutor, ServiceRuntime } from '@pengaduan/messaging';
import type { Logger } from '@pengaduan/runtime';
import type { NotificationPurpose } from '@pengaduan/sop';
import { NOTIFICATION_ACTOR } from '../acknowledge/acknowledge-reporter.handler';
import { ChannelRegistry } from '../channels/channel-registry';
import { followUpInformationMessage } from '../channels/message-texts';
import { findReporter } from '../persistence/complaint-reporter';
import { FollowUpInformationRecord } from '../persistence/entities';

/**
 * Offers the follow-up information to the reporter's channel once it is recorded (SOP step 8).
 * Accepted: the provider's message id is kept to match its delivery receipt. Failed:
 * `complaint.notification-failed` is recorded. Not available (no adapter, a phone or walk-in
 * complaint): nothing more happens automatically; the officer tells the reporter and confirms
 * the delivery. The command is already committed, so nothing here fails the request.
 */
export class ReportBack {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly channels: ChannelRegistry,
    private readonly executor: ComplaintCommandExecutor,
    private readonly logger: Logger,
  ) {}

  async offer(complaintId: string, informationId: string, purpose: NotificationPurpose, correlationId: string): Promise<void> {
    const log = { complaintId, informationId };
    try {
      const manager = this.runtime.dataSource.manager;
      const information = await manager.findOneByOrFail(FollowUpInformationRecord, { id: informationId });
      const reporter = await findReporter(manager, complaintId);
      if (!reporter) {
        this.logger.warn(log, 'no complaint.received consumed for this complaint, so no reporterRef: the officer tells the reporter');
        return;
      }
      const channel = reporter.channel;
      const result = await this.channels.send({
        complaintId,
        officeCode: reporter.officeCode,
        trackingNumber: reporter.trackingNumber,
        channel,
        reporterRef: reporter.reporterRef,
        purpose,
        ...followUpInformationMessage(reporter.trackingNumber, information.text),
        idempotencyKey: `follow-up-information:${informationId}`,
      });
      switch (result.kind) {
        case 'accepted':
          await manager.update(FollowUpInformationRecord, { id: informationId }, { providerMessageId: result.providerMessageId });
          this.logger.info({ ...log, channel }, 'follow-up information sent');
          return;
        case 'not-available':
          this.logger.info(
            { ...log, channel, reason: result.reason },
            'no adapter sends over this channel: the officer tells the reporter and confirms the delivery',
          );
          return;
        case 'failed':
          this.logger.warn({ ...log, channel, errorCode: result.errorCode, retryable: result.retryable }, 'follow-up information not sent');
          await this.executor.execute({
            operation: 'RecordNotificationFailure',
            // One failure per information: a retried request records it once.
            requestId: `notification-failed:${informationId}`,
            complaintId,
            correlationId,
            request: { informationId, errorCode: result.errorCode },
            build: async () => ({
              command: { type: 'recordNotificationFailure', actor: NOTIFICATION_ACTOR, purpose, channel, errorCode: result.errorCode },
              extras: () => ({ attempt: 1, willRetry: false }),
            }),
          });
          return;
      }
    } catch (err) {
      this.logger.error({ ...log, err: { message: (err as Error).message } }, 'could not offer the follow-up information to the channel');
    }
  }
}
