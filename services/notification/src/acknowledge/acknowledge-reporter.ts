import type { Channel, OutboundChannel, SystemActor } from '@pengaduan/sop';
import type { FallbackPolicy, NewNotification } from '../deliver-notification/outbound-notifications';

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

/** The complaint's own channel when a message of ours can go over it (the acknowledgement's rule, also the status messages', docs/adr/0054). */
export function ownChannelOnly(policy: FallbackPolicy, channel: Channel): OutboundChannel[] {
  return policy.channelsFor(channel).filter((c) => c === channel);
}

/**
 * The acknowledgement with the tracking number to queue for a received complaint, over the
 * channel it came in over only (a number is not worth an SMS fallback or a phone call: the
 * officer gives it when they speak to the reporter). Nothing for a phone or walk-in complaint,
 * and nothing for a complaint received long ago (the stream is being replayed).
 */
export function acknowledgementFor(received: ReceivedComplaint, now: Date, policy: FallbackPolicy, correlationId: string): NewNotification | undefined {
  if (now.getTime() - received.receivedAt.getTime() > ACKNOWLEDGEMENT_MAX_AGE_MS) return undefined;
  const own = ownChannelOnly(policy, received.channel);
  if (own.length === 0) return undefined;
  return {
    complaintId: received.complaintId,
    officeCode: received.officeCode,
    purpose: 'ACKNOWLEDGEMENT',
    idempotencyKey: `acknowledgement:${received.complaintId}`,
    correlationId,
    channels: own,
  };
}
