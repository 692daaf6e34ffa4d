import type { CommandType } from './commands';
import { APPLY } from './apply-event';
import type { ComplaintEventType, SopEvent } from './events';
import { isComplaintEventType } from './events';
import { describeActor } from './roles';
import { isLegalIn, mayFire } from './rules';
import type { ComplaintState } from './state';
import { initialState, pendingSections } from './state';

/**
 * Applies one event to a complaint's state and returns the new state (the input is never
 * mutated; events that change nothing return the same object).
 *
 * @throws Error when the event cannot follow the state (wrong status, a section that is not
 * pending, …). Events produced by {@link decide} always apply, so this is a programming or
 * data error; use {@link verifyHistory} to check a record that may be illegal.
 */
export function evolve(state: ComplaintState, event: SopEvent): ComplaintState {
  // A record read from outside may carry any type: only the table's own keys apply.
  if (!Object.hasOwn(APPLY, event.type)) return assertNever(event as never);
  // TypeScript cannot pair APPLY[event.type] with its event; the table's type does.
  const apply = APPLY[event.type] as (state: ComplaintState, event: SopEvent) => ComplaintState;
  return apply(state, event);
}

/** The state after a complaint's events, in order, from {@link initialState}. Throws as {@link evolve} does. */
export function replay(events: readonly SopEvent[]): ComplaintState {
  return events.reduce<ComplaintState>(evolve, initialState());
}

/** The command whose decision produces each event type; its `COMMAND_RULES` say who may record the event. */
export const EVENT_PRODUCED_BY: { readonly [T in ComplaintEventType]: CommandType } = {
  'complaint.received': 'receive',
  'complaint.message-appended': 'appendMessage',
  'complaint.acknowledged': 'acknowledge',
  'complaint.confirmed': 'confirm',
  'complaint.dismissed': 'dismiss',
  'complaint.disposed': 'dispose',
  'complaint.section-responded': 'respondAsSection',
  'complaint.disposition-completed': 'respondAsSection',
  'complaint.analyzed': 'analyze',
  'complaint.follow-up-decided': 'decideFollowUp',
  'complaint.team-formed': 'formTeam',
  'complaint.reporter-informed': 'informReporter',
  'complaint.information-delivered': 'recordDelivery',
  'complaint.notification-failed': 'recordNotificationFailure',
  'complaint.call-attempted': 'recordCallAttempt',
  'complaint.delivery-abandoned': 'recordCallAttempt',
  'complaint.closed': 'recordDelivery',
};

/** The verdict of {@link verifyHistory}. */
export type HistoryVerdict =
  | { readonly ok: true; readonly state: ComplaintState }
  | {
      readonly ok: false;
      /** Index of the first illegal event. */
      readonly index: number;
      readonly reason: string;
      /** The state just before the illegal event. */
      readonly state: ComplaintState;
    };

/**
 * The audit check: was every transition in this record legal? Unlike {@link replay} it never
 * throws; it reports the first event that breaks a rule: an unknown type, an actor the SOP
 * does not allow (a section officer only for their own section), an event that cannot
 * follow the state, time running backwards, or an event that must share its decision with
 * a follower (`disposition-completed` after the last section's response, `closed` after
 * `information-delivered` or `delivery-abandoned`) without it.
 */
export function verifyHistory(events: readonly SopEvent[]): HistoryVerdict {
  let state: ComplaintState = initialState();
  for (const [index, event] of events.entries()) {
    const reason = violation(state, event, events[index - 1], events[index + 1]);
    if (reason !== null) return { ok: false, index, reason, state };
    state = evolve(state, event);
  }
  return { ok: true, state };
}

function violation(
  state: ComplaintState,
  event: SopEvent,
  previous: SopEvent | undefined,
  next: SopEvent | undefined,
): string | null {
  if (!isComplaintEventType(event.type)) return `unknown event type ${JSON.stringify(event.type)}`;
  const command = ruleCommandOf(event);
  const before =
    actorViolation(event, command) ?? timeViolation(event, previous) ?? placeViolation(state, event, command, previous);
  if (before !== null) return before;
  let after: ComplaintState;
  try {
    after = evolve(state, event);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return missingFollowerViolation(event, after, next);
}

/** The command whose rule an event follows: a failed acknowledgement is bookkeeping of `acknowledge` (as in decide). */
function ruleCommandOf(event: SopEvent): CommandType {
  return event.type === 'complaint.notification-failed' && event.data.purpose === 'ACKNOWLEDGEMENT'
    ? 'acknowledge'
    : EVENT_PRODUCED_BY[event.type];
}

/** The actor's role may fire the command, and a section officer responds only for their own section. */
function actorViolation(event: SopEvent, command: CommandType): string | null {
  if (!mayFire(event.actor, command)) return `${describeActor(event.actor)} may not ${command} (${event.type})`;
  if (
    event.type === 'complaint.section-responded' &&
    event.actor.kind === 'user' &&
    event.actor.sectionCode !== event.data.sectionCode
  ) {
    return `an officer of section ${event.actor.sectionCode ?? '(none)'} responded for section ${event.data.sectionCode}`;
  }
  return null;
}

/** `at` is a timestamp, and time does not run backwards. */
function timeViolation(event: SopEvent, previous: SopEvent | undefined): string | null {
  if (Number.isNaN(Date.parse(event.at))) return `at ${JSON.stringify(event.at)} is not a timestamp`;
  if (previous && Date.parse(event.at) < Date.parse(previous.at)) {
    return `at ${event.at} is earlier than the previous event's ${previous.at}`;
  }
  return null;
}

/**
 * The event may come here: disposition-completed and closed belong to the decision of the
 * event before them, so they must follow it (whose status check covers them); any other
 * event's command must be legal in the current status.
 */
function placeViolation(
  state: ComplaintState,
  event: SopEvent,
  command: CommandType,
  previous: SopEvent | undefined,
): string | null {
  if (event.type === 'complaint.closed') {
    return previous?.type === 'complaint.information-delivered' || previous?.type === 'complaint.delivery-abandoned'
      ? null
      : 'complaint.closed does not follow complaint.information-delivered or complaint.delivery-abandoned';
  }
  if (event.type === 'complaint.disposition-completed') {
    return previous?.type === 'complaint.section-responded'
      ? null
      : 'complaint.disposition-completed does not follow the last complaint.section-responded';
  }
  return isLegalIn(command, state) ? null : `${event.type} cannot follow status ${state.status}`;
}

/** An event whose decision also records a follower (the last section's response, a delivery) is followed by it. */
function missingFollowerViolation(event: SopEvent, after: ComplaintState, next: SopEvent | undefined): string | null {
  if (
    event.type === 'complaint.section-responded' &&
    pendingSections(after).length === 0 &&
    next?.type !== 'complaint.disposition-completed'
  ) {
    return 'the last section responded but complaint.disposition-completed does not follow';
  }
  if (event.type === 'complaint.information-delivered' && next?.type !== 'complaint.closed') {
    return 'complaint.information-delivered is not followed by complaint.closed';
  }
  if (event.type === 'complaint.delivery-abandoned' && next?.type !== 'complaint.closed') {
    return 'complaint.delivery-abandoned is not followed by complaint.closed';
  }
  return null;
}

function assertNever(value: never): never {
  throw new Error(`libs/sop: unhandled event ${JSON.stringify(value)}`);
}
