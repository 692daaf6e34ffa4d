import type { AcknowledgeCommand, Channel, RecordNotificationFailureCommand, SystemActor } from '@pengaduan/sop';
import type { Logger } from '@pengaduan/runtime';
import { ChannelRegistry } from '../channels/channel-registry';
import { acknowledgementMessage } from '../channels/message-texts';

/** notification acting on its own, as recorded on the events it emits without an officer. */
export const NOTIFICATION_ACTOR: SystemActor = { kind: 'system', service: 'notification' };

/**
 * A received complaint older than this is not acknowledged any more: the stream is being
 * replayed (a new consumer group, a rebuilt schema), and the reporter got their number long ago.
 */
export const ACKNOWLEDGEMENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A complaint just received, as `complaint.received` tells notification. No personal data. */
export interface ReceivedComplaint {
  complaintId: string;
  officeCode: string;
  trackingNumber: string;
  channel: Channel;
  reporterRef: string;
  /** When intake registered it (the event's time). */
  receivedAt: Date;
}

/** What to record after the attempt: the libs/sop command with the wire-only fields of its event, or nothing. */
export type AcknowledgementOutcome =
  | { record: 'acknowledged'; command: AcknowledgeCommand; extras: { channel: Channel; providerMessageId: string } }
  | { record: 'notification-failed'; command: RecordNotificationFailureCommand; extras: { attempt: number; willRetry: boolean } }
  | { record: 'nothing'; why: 'not-available' | 'stale' };

/**
 * Sends the reporter the acknowledgement with the tracking number over the channel the
 * complaint came in over, when an adapter can send there, and says what to record:
 * `complaint.acknowledged` when the provider took it, `complaint.notification-failed` when it
 * refused. With no adapter for the channel (phone, walk-in, and every channel until its adapter
 * exists) nothing is sent: the officer gives the number.
 */
export class AcknowledgeReporterHandler {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly logger: Logger,
  ) {}

  async execute(received: ReceivedComplaint, now: Date): Promise<AcknowledgementOutcome> {
    const log = { complaintId: received.complaintId, channel: received.channel };
    if (now.getTime() - received.receivedAt.getTime() > ACKNOWLEDGEMENT_MAX_AGE_MS) {
      this.logger.info(log, 'complaint received more than a day ago (stream replayed): no acknowledgement sent');
      return { record: 'nothing', why: 'stale' };
    }
    const result = await this.channels.send({
      complaintId: received.complaintId,
      officeCode: received.officeCode,
      trackingNumber: received.trackingNumber,
      channel: received.channel,
      reporterRef: received.reporterRef,
      purpose: 'ACKNOWLEDGEMENT',
      ...acknowledgementMessage(received.trackingNumber),
      idempotencyKey: `acknowledgement:${received.complaintId}`,
    });
    switch (result.kind) {
      case 'accepted':
        this.logger.info(log, 'acknowledgement sent');
        return {
          record: 'acknowledged',
          command: { type: 'acknowledge', actor: NOTIFICATION_ACTOR },
          extras: { channel: received.channel, providerMessageId: result.providerMessageId },
        };
      case 'failed':
        this.logger.warn({ ...log, errorCode: result.errorCode, retryable: result.retryable }, 'acknowledgement not sent');
        return {
          record: 'notification-failed',
          command: {
            type: 'recordNotificationFailure',
            actor: NOTIFICATION_ACTOR,
            purpose: 'ACKNOWLEDGEMENT',
            channel: received.channel,
            errorCode: result.errorCode,
          },
          // No retry schedule yet: the officer sees the failure and gives the number.
          extras: { attempt: 1, willRetry: false },
        };
      case 'not-available':
        this.logger.info({ ...log, reason: result.reason }, 'no adapter sends over this channel: the officer gives the tracking number');
        return { record: 'nothing', why: 'not-available' };
    }
  }
}
