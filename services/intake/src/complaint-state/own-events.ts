import { COMPLAINT_EVENTS_TOPIC, parseEnvelope, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { applyComplaintEvent, markOwnEvents } from '@pengaduan/messaging';
import type { EntityManager } from 'typeorm';

/** The `source` of every event intake publishes. */
export const INTAKE_EVENT_SOURCE = 'pengaduan/intake';

/** The consumer group that keeps intake's `complaint_state` current (and names its DLQ). */
export const INTAKE_STATE_CONSUMER_GROUP = 'intake';

/** Which state consumer group this intake runs: `intake`, or a test's own. */
export class StateConsumerGroup {
  constructor(
    readonly groupId: string = INTAKE_STATE_CONSUMER_GROUP,
    /** Attempts and backoff before an event goes to the DLQ; the consumer's defaults unless set. */
    readonly retry: { maxAttempts?: number; backoff?: { initialMs?: number; maxMs?: number } } = {},
  ) {}
}

/**
 * Folds events intake has just written to its outbox into its own `complaint_state`, in the
 * caller's transaction, exactly as its state consumer would (`applyComplaintEvent` on the
 * envelope as it will be read back), and marks them handled for that consumer group, so the
 * consumer skips them when they come back from the topic. For events intake decides outside
 * ComplaintCommandExecutor (which does this itself): the `complaint.received` of a new complaint.
 */
export async function recordOwnEvents(tx: EntityManager, envelopes: readonly EventEnvelope[], groupId: string): Promise<void> {
  for (const envelope of envelopes) {
    const parsed = parseEnvelope(serializeEnvelope(envelope));
    if (!parsed.ok) throw new Error(`intake built an invalid ${envelope.type} event: ${parsed.reason}`);
    await applyComplaintEvent({ ...parsed, topic: COMPLAINT_EVENTS_TOPIC, partition: -1, offset: '-1' }, tx);
  }
  await markOwnEvents(tx, groupId, envelopes);
}
