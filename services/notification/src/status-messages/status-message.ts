import type { Channel, StatusMessagePurpose } from '@pengaduan/sop';
import { ACKNOWLEDGEMENT_MAX_AGE_MS, ownChannelOnly } from '../acknowledge/acknowledge-reporter';
import type { FallbackPolicy, NewNotification } from '../deliver-notification/outbound-notifications';

/** The complaint events that tell the reporter where their complaint is, and the status message of each (docs/adr/0054). */
export const STATUS_MESSAGE_OF_EVENT: Readonly<Record<string, StatusMessagePurpose>> = {
  'complaint.confirmed': 'STATUS_CONFIRMED',
  'complaint.disposed': 'STATUS_DISPOSED',
  'complaint.follow-up-decided': 'STATUS_DECIDED',
  // Step 8 closed the complaint: the reporter is asked to rate it (docs/adr/0053), once per closing.
  'complaint.closed': 'RATING_REQUEST',
};

/** A step the complaint took, as its event tells notification. No personal data. */
export interface StatusStep {
  /** The event's id: one status message per event, so a redelivery queues nothing more and a second disposition (an appeal's) tells again. */
  eventId: string;
  eventType: string;
  complaintId: string;
  officeCode: string;
  /** The channel the complaint came in over (from its `complaint.received`). */
  channel: Channel;
  /** When the step was taken (the event's time). */
  at: Date;
  correlationId: string;
}

/** The status message an event calls for, or undefined: not a status step, or a step it would be told of late. */
export function statusMessagePurposeOf(step: Pick<StatusStep, 'eventType' | 'at'>, now: Date): StatusMessagePurpose | undefined {
  if (!Object.hasOwn(STATUS_MESSAGE_OF_EVENT, step.eventType)) return undefined;
  // The stream is being replayed (a new consumer group, a rebuilt schema): the news is old.
  if (now.getTime() - step.at.getTime() > ACKNOWLEDGEMENT_MAX_AGE_MS) return undefined;
  return STATUS_MESSAGE_OF_EVENT[step.eventType];
}

/**
 * The status message to queue for a step, by the acknowledgement's rules: over the complaint's
 * own channel only, nothing for a phone or walk-in complaint nor for one with no reply channel
 * of its own (the web form); never a fallback nor a call task (a status message is no SOP notice).
 */
export function statusMessageFor(step: StatusStep, purpose: StatusMessagePurpose, policy: FallbackPolicy): NewNotification | undefined {
  const own = ownChannelOnly(policy, step.channel);
  if (own.length === 0) return undefined;
  return {
    complaintId: step.complaintId,
    officeCode: step.officeCode,
    purpose,
    idempotencyKey: `status-message:${step.eventId}`,
    correlationId: step.correlationId,
    channels: own,
  };
}
