import type { InformReporterCommand, RecordCallAttemptCommand, RecordDeliveryCommand, RecordNotificationFailureCommand } from '../commands';
import { CALL_ATTEMPT_OUTCOMES, CALL_RETRY_HORIZON_DAYS } from '../commands';
import { FIELD_RULES } from '../field-rules';
import type { Channel, ComplaintOutcome } from '../reference-data';
import { DELIVERY_METHODS, NOTIFICATION_PURPOSES, OUTBOUND_CHANNELS } from '../reference-data';
import { callPurposeOf, INFORMATION_PURPOSES } from '../rules';
import type { ComplaintState, StateOf } from '../state';
import type { FieldProblem } from '../validation';
import { firstProblem, optionalText, requireOneOf, requireText, requireTimestamp } from '../validation';
import type { Outcome } from './step-outcome';

// SOP steps 7-8: the reporter informed, a notification that failed, a call that did not reach the
// reporter, the delivery (or the abandoned delivery) that closes the complaint.

/** How far a reported delivery time may lie after `now` (a provider's clock may run ahead of ours). */
const DELIVERY_CLOCK_SKEW_MS = 5 * 60 * 1000;

const OUTCOME_BY_STATUS = {
  TEAM_FORMED: 'FOLLOWED_UP',
  NO_FOLLOW_UP_DECIDED: 'NO_FOLLOW_UP',
  DISMISSED: 'DISMISSED',
} as const satisfies Record<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED', ComplaintOutcome>;

export function informReporter(
  c: InformReporterCommand,
  state: StateOf<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED' | 'APPEAL_UPHELD'>,
  at: string,
): Outcome {
  const problem = requireText(c.informationRef, 'informationRef');
  if (problem) return { problem };
  // An upheld appeal tells again the answer it upheld (docs/adr/0053).
  const outcome = state.status === 'APPEAL_UPHELD' ? state.outcome : OUTCOME_BY_STATUS[state.status];
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
    () => (c.purpose === undefined ? null : requireOneOf(c.purpose, INFORMATION_PURPOSES, 'purpose')),
    () => requireOneOf(c.channel, OUTBOUND_CHANNELS, 'channel'),
    () => requireOneOf(c.method, DELIVERY_METHODS, 'method'),
    () => requireTimestamp(c.deliveredAt, 'deliveredAt'),
    () =>
      Date.parse(c.deliveredAt) > now.getTime() + DELIVERY_CLOCK_SKEW_MS
        ? { field: 'deliveredAt', message: `deliveredAt ${c.deliveredAt} lies in the future` }
        : null,
    () => optionalText(c.note, 'note'),
    () => laporDeliveryProblem(c, state.channel),
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

/**
 * A LAPOR! complaint is answered on LAPOR!, by an officer who posts the information there
 * (docs/adr/0055): `LAPOR_POSTED` is an officer's, over channel `LAPOR`, of a complaint that came
 * in over LAPOR!; channel `LAPOR` carries no other delivery (no provider sends anything there).
 */
export function laporDeliveryProblem(c: Pick<RecordDeliveryCommand, 'actor' | 'channel' | 'method'>, complaintChannel: Channel): FieldProblem | null {
  if (c.method === 'LAPOR_POSTED') {
    if (c.actor.kind !== 'user') return { field: 'method', message: 'a posting on LAPOR! is recorded by the officer who posted it' };
    if (complaintChannel !== 'LAPOR') return { field: 'method', message: `LAPOR_POSTED answers only a complaint that came in over LAPOR (this one: ${complaintChannel})` };
    if (c.channel !== 'LAPOR') return { field: 'channel', message: 'a posting on LAPOR! goes over channel LAPOR' };
  } else if (c.channel === 'LAPOR') {
    return { field: 'method', message: 'channel LAPOR is delivered only by LAPOR_POSTED' };
  }
  return null;
}

/**
 * Why the delivery of a LAPOR! complaint cannot be recorded this way, or null (docs/adr/0055): it
 * is answered on LAPOR!, so its step 8 is a posting there (`LAPOR_POSTED`) and nothing else, not a
 * phone call nor a visit. The command is well formed (another complaint may be told so); the
 * complaint refuses it, so decide answers an illegal transition, and the audit judges the same.
 */
export function laporDeliveryRefusal(state: ComplaintState, c: { readonly type: string; readonly method?: unknown }): string | null {
  if (c.type !== 'recordDelivery' || state.status === 'NEW' || state.channel !== 'LAPOR') return null;
  if (c.method === 'LAPOR_POSTED' || !(DELIVERY_METHODS as readonly unknown[]).includes(c.method)) return null;
  return `a complaint that came in over SP4N-LAPOR! is answered on LAPOR!: its delivery is recorded as LAPOR_POSTED only, not ${String(c.method)}`;
}

/**
 * A call that did not reach the reporter, about the notice the command names (step 8's
 * information when it names none): try again at `retryAt` (after now, within
 * {@link CALL_RETRY_HORIZON_DAYS} days), or give up for a `reason`. Giving up step 8's information
 * closes the complaint without a delivery (docs/adr/0044); giving up the acknowledgement ends that
 * notice only (docs/adr/0051). The events name the notice.
 */
export function recordCallAttempt(c: RecordCallAttemptCommand, state: ComplaintState, at: string, now: Date): Outcome {
  const problem = firstProblem(
    () => (c.purpose === undefined ? null : requireOneOf(c.purpose, NOTIFICATION_PURPOSES, 'purpose')),
    () => requireOneOf(c.outcome, CALL_ATTEMPT_OUTCOMES, 'outcome'),
    () => (c.outcome === 'NOT_REACHABLE' ? retryProblem(c.retryAt, now) : reasonProblem(c.reason)),
  );
  if (problem) return { problem };
  const purpose = callPurposeOf(c, state);
  if (purpose === undefined) throw new Error(`libs/sop: a call about no notice was let through in status ${state.status}`);
  if (c.outcome === 'NOT_REACHABLE') {
    const retryAt = new Date(c.retryAt as string).toISOString();
    return { events: [{ type: 'complaint.call-attempted', at, actor: c.actor, data: { retryAt, purpose } }] };
  }
  const abandoned = { type: 'complaint.delivery-abandoned', at, actor: c.actor, data: { reason: (c.reason as string).trim(), purpose } } as const;
  if (purpose === 'ACKNOWLEDGEMENT') return { events: [abandoned] };
  if (state.status !== 'REPORTER_INFORMED') throw new Error(`libs/sop: step 8's information was given up in status ${state.status}`);
  return { events: [abandoned, { type: 'complaint.closed', at, actor: c.actor, data: { outcome: state.outcome } }] };
}

function retryProblem(retryAt: unknown, now: Date): FieldProblem | null {
  const invalid = requireTimestamp(retryAt, 'retryAt');
  if (invalid) return invalid;
  const time = Date.parse(retryAt as string);
  if (time <= now.getTime()) return { field: 'retryAt', message: `retryAt ${String(retryAt)} is not in the future` };
  if (time > now.getTime() + CALL_RETRY_HORIZON_DAYS * 24 * 60 * 60 * 1000) {
    return { field: 'retryAt', message: `retryAt ${String(retryAt)} lies more than ${CALL_RETRY_HORIZON_DAYS} days ahead` };
  }
  return null;
}

function reasonProblem(reason: unknown): FieldProblem | null {
  const blank = requireText(reason, 'reason');
  if (blank) return blank;
  const { maxLength } = FIELD_RULES.callGiveUpReason;
  return (reason as string).trim().length > maxLength ? { field: 'reason', message: `reason must be at most ${maxLength} characters` } : null;
}
