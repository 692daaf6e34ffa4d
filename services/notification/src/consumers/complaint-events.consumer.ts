import { channelMapping, sopEventToEnvelope, type EventEnvelope, type SopEnvelopeContext } from '@pengaduan/contracts';
import { complaintStateConsumer, lockComplaintState, recordDecision, type ConsumedEvent } from '@pengaduan/messaging';
import { Clock, type Logger } from '@pengaduan/runtime';
import { decide, type SopEvent } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { AcknowledgeReporterHandler, type AcknowledgementOutcome, type ReceivedComplaint } from '../acknowledge/acknowledge-reporter.handler';
import { rememberReporter } from '../persistence/complaint-reporter';

/** notification's consumer group on the complaint stream. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification';

/** How often a failing event is tried before it goes to the DLQ, and the backoff between attempts. */
export interface ConsumerRetry {
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

/** The `source` of notification's events. */
export const NOTIFICATION_SOURCE = 'pengaduan/notification';

/**
 * What notification does with the complaint stream: folds every event into its complaint
 * state (libs/messaging) and, for `complaint.received`, remembers whom to answer over which
 * channel and acknowledges the complaint to the reporter, all in the event's transaction.
 *
 * The acknowledgement is sent inside that transaction, so its event commits with the inbox
 * row; if the transaction then fails, the redelivered event sends again with the same
 * idempotency key, which the adapter must not deliver twice.
 */
export class ComplaintEventsConsumer {
  constructor(
    private readonly acknowledge: AcknowledgeReporterHandler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** The consumer group; its own only in tests, which share the topic. */
    readonly groupId: string = NOTIFICATION_CONSUMER_GROUP,
    /** Attempts before the DLQ (default: the runtime's); tests lower it to pass quickly over other suites' partial histories. */
    private readonly retry: ConsumerRetry = {},
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
    if (event.type !== 'complaint.received') return;
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
    const outcome = await this.acknowledge.execute(received, this.clock.now());
    if (outcome.record === 'nothing') return;

    // Decided and recorded in the consumer's transaction, as the executor does for a request.
    const locked = await lockComplaintState(tx, received.complaintId);
    if (!locked) throw new Error(`complaint ${received.complaintId} has no state in this schema`);
    const decision = decide(outcome.command, locked.state, this.clock.now());
    if (!decision.ok) {
      // Not expected (the complaint was received in this very transaction); the message went out, the record says why not.
      this.logger.warn({ complaintId: received.complaintId, code: decision.error.code, state: decision.error.status }, 'acknowledgement not recorded');
      return;
    }
    await recordDecision(tx, locked, decision.events, {
      stateConsumerGroup: this.groupId,
      context: { source: NOTIFICATION_SOURCE, correlationId: event.envelope.correlationid, causationId: event.envelope.id },
      toEnvelope: (e, ctx) => toEnvelope(e, ctx, outcome),
    });
  }
}

function toEnvelope(event: SopEvent, ctx: SopEnvelopeContext, outcome: Exclude<AcknowledgementOutcome, { record: 'nothing' }>): EventEnvelope {
  if (event.type === 'complaint.acknowledged' && outcome.record === 'acknowledged') return sopEventToEnvelope(event, ctx, outcome.extras);
  if (event.type === 'complaint.notification-failed' && outcome.record === 'notification-failed') return sopEventToEnvelope(event, ctx, outcome.extras);
  throw new Error(`acknowledging does not produce ${event.type}`);
}
