import { channelMapping } from '@pengaduan/contracts';
import { complaintStateConsumer, lockComplaintState, type ConsumedEvent } from '@pengaduan/messaging';
import { Clock, type Logger } from '@pengaduan/runtime';
import { isLegalIn } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { acknowledgementFor, type ReceivedComplaint } from '../acknowledge/acknowledge-reporter';
import { enqueueNotification, type FallbackPolicy } from '../deliver-notification/outbound-notifications';
import { findReporter, rememberReporter } from '../persistence/complaint-reporter';
import { statusMessageFor, statusMessagePurposeOf } from '../status-messages/status-message';
import { statusMessageEnabled } from '../status-messages/status-messages';

/** notification's consumer group on the complaint stream. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification';

/** How often a failing event is tried before it goes to the DLQ, and the backoff between attempts. */
export interface ConsumerRetry {
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

export { NOTIFICATION_SOURCE } from '../deliver-notification/record-system-decision';

/**
 * What notification does with the complaint stream: folds every event into its complaint
 * state (libs/messaging) and, for `complaint.received`, remembers whom to answer over which
 * channel and queues the acknowledgement with the tracking number, in the event's transaction.
 * The DeliveryDispatcher sends it; a redelivered event queues nothing more.
 */
export class ComplaintEventsConsumer {
  constructor(
    private readonly policy: FallbackPolicy,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** The consumer group; its own only in tests, which share the topic. */
    readonly groupId: string = NOTIFICATION_CONSUMER_GROUP,
    /** Attempts before the DLQ (default: the runtime's); tests lower it to pass quickly over other suites' partial histories. */
    private readonly retry: ConsumerRetry = {},
    /** Told when something was queued, so the dispatcher need not wait for its poll. */
    private readonly onQueued: () => void = () => undefined,
  ) {}

  /** The ServiceRuntime consumer. */
  spec() {
    return { ...complaintStateConsumer(this.groupId, (event, tx) => this.afterStateApplied(event, tx)), ...this.retry };
  }

  /** Folds one event as the running consumer would (for tests that seed a history without Kafka). */
  handle(event: ConsumedEvent, tx: EntityManager): Promise<void> {
    return this.spec().handler(event, tx);
  }

  private async afterStateApplied(event: ConsumedEvent, tx: EntityManager): Promise<void> {
    if (event.type !== 'complaint.received') return this.tellStatus(event, tx);
    const p = event.payload;
    const received: ReceivedComplaint = {
      complaintId: event.envelope.subject,
      officeCode: event.envelope.office,
      trackingNumber: p.trackingNumber,
      channel: channelMapping.fromProto(p.channel, 'data.channel'),
      reporterRef: p.reporterRef,
      receivedAt: new Date(event.envelope.time),
    };
    await rememberReporter(tx, received);
    const now = this.clock.now();
    const acknowledgement = acknowledgementFor(received, now, this.policy, event.envelope.correlationid);
    if (!acknowledgement) {
      this.logger.info({ complaintId: received.complaintId, channel: received.channel }, 'no acknowledgement to send: an officer gives the tracking number, or the complaint is old');
      return;
    }
    if (await enqueueNotification(tx, acknowledgement, now)) this.onQueued();
  }

  /**
   * A step the reporter is told of (docs/adr/0054): queues the status message in the event's
   * transaction, unless the office turned it off. A redelivered event queues nothing more (its
   * inbox row, and the message's key: the event's id).
   */
  private async tellStatus(event: ConsumedEvent, tx: EntityManager): Promise<void> {
    const now = this.clock.now();
    const purpose = statusMessagePurposeOf({ eventType: event.type, at: new Date(event.envelope.time) }, now);
    if (!purpose) return;
    const complaintId = event.envelope.subject;
    const reporter = await findReporter(tx, complaintId);
    const log = { complaintId, purpose };
    if (!reporter) {
      this.logger.info(log, 'no status message: the complaint was received before notification kept its reporters');
      return;
    }
    if (purpose === 'RATING_REQUEST' && !(await rateable(tx, complaintId))) {
      this.logger.info(log, 'no rating request: a dismissed message is not rated');
      return;
    }
    if (!(await statusMessageEnabled(tx, reporter.officeCode, purpose))) {
      this.logger.info(log, 'no status message: the office turned it off');
      return;
    }
    const message = statusMessageFor(
      { eventId: event.envelope.id, eventType: event.type, complaintId, officeCode: reporter.officeCode, channel: reporter.channel, at: new Date(event.envelope.time), correlationId: event.envelope.correlationid },
      purpose,
      this.policy,
    );
    if (!message) {
      this.logger.info({ ...log, channel: reporter.channel }, 'no status message: the complaint has no written channel of its own');
      return;
    }
    if (await enqueueNotification(tx, message, now)) this.onQueued();
  }
}

/** Whether the closing just folded may be rated (libs/sop's rule: not a dismissed message, not yet rated). */
async function rateable(tx: EntityManager, complaintId: string): Promise<boolean> {
  const locked = await lockComplaintState(tx, complaintId);
  return locked !== undefined && isLegalIn('rate', locked.state);
}
