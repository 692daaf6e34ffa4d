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
