import type { InformReporterCommand, RecordDeliveryCommand, RecordNotificationFailureCommand } from '../commands';
import type { ComplaintOutcome } from '../reference-data';
import { DELIVERY_METHODS, NOTIFICATION_PURPOSES, OUTBOUND_CHANNELS } from '../reference-data';
import type { StateOf } from '../state';
import { firstProblem, optionalText, requireOneOf, requireText, requireTimestamp } from '../validation';
import type { Outcome } from './step-outcome';

// SOP steps 7-8: the reporter informed, a notification that failed, the delivery that closes the complaint.

/** How far a reported delivery time may lie after `now` (a provider's clock may run ahead of ours). */
const DELIVERY_CLOCK_SKEW_MS = 5 * 60 * 1000;

const OUTCOME_BY_STATUS = {
  TEAM_FORMED: 'FOLLOWED_UP',
  NO_FOLLOW_UP_DECIDED: 'NO_FOLLOW_UP',
  DISMISSED: 'DISMISSED',
} as const satisfies Record<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED', ComplaintOutcome>;

export function informReporter(
  c: InformReporterCommand,
  state: StateOf<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED'>,
  at: string,
): Outcome {
  const problem = requireText(c.informationRef, 'informationRef');
  if (problem) return { problem };
  const outcome = OUTCOME_BY_STATUS[state.status];
  return {
    events: [
      { type: 'complaint.reporter-informed', at, actor: c.actor, data: { outcome, informationRef: c.informationRef } },
    ],
  };
}

export function recordNotificationFailure(c: RecordNotificationFailureCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.purpose, NOTIFICATION_PURPOSES, 'purpose'),
    () => requireOneOf(c.channel, OUTBOUND_CHANNELS, 'channel'),
    () => requireText(c.errorCode, 'errorCode'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.notification-failed',
        at,
        actor: c.actor,
        data: { purpose: c.purpose, channel: c.channel, errorCode: c.errorCode },
      },
    ],
  };
}

export function recordDelivery(c: RecordDeliveryCommand, state: StateOf<'REPORTER_INFORMED'>, at: string, now: Date): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.channel, OUTBOUND_CHANNELS, 'channel'),
    () => requireOneOf(c.method, DELIVERY_METHODS, 'method'),
    () => requireTimestamp(c.deliveredAt, 'deliveredAt'),
    () =>
      Date.parse(c.deliveredAt) > now.getTime() + DELIVERY_CLOCK_SKEW_MS
        ? { field: 'deliveredAt', message: `deliveredAt ${c.deliveredAt} lies in the future` }
        : null,
    () => optionalText(c.note, 'note'),
  );
  if (problem) return { problem };
  const deliveredAt = new Date(c.deliveredAt).toISOString();
  return {
    events: [
      {
        type: 'complaint.information-delivered',
        at,
        actor: c.actor,
        data: {
          channel: c.channel,
          method: c.method,
          deliveredAt,
          ...(c.note === undefined ? {} : { note: c.note }),
        },
      },
      { type: 'complaint.closed', at, actor: c.actor, data: { outcome: state.outcome } },
    ],
  };
}
