import type { CommandType } from './commands';
import { APPLY } from './apply-event';
import { laporDeliveryProblem, laporDeliveryRefusal } from './decide/notification-steps';
import type { ComplaintEventType, SopEvent } from './events';
import { isAcknowledgementCall, isComplaintEventType } from './events';
import { POOR_RATING_MAX } from './reference-data';
import { describeActor } from './roles';
import type { RuleKey } from './rules';
import { mayFire, notLegalNow, ruleOf } from './rules';
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
  'complaint.rated': 'rate',
  'complaint.appealed': 'appeal',
  'complaint.appeal-reviewed': 'reviewAppeal',
  'complaint.personal-data-erased': 'erasePersonalData',
  'complaint.data-access-requested': 'recordDataAccessRequest',
  'complaint.data-access-answered': 'recordDataAccessAnswer',
  'complaint.contact-corrected': 'recordContactCorrection',
  'complaint.contact-restricted': 'recordContactRestriction',
  'complaint.contact-restriction-lifted': 'recordContactRestriction',
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
 * `information-delivered` or step 8's `delivery-abandoned`) without it. A call about a notice
 * that awaits none (docs/adr/0051) is an illegal event.
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
  const key = ruleKeyOf(event);
  const before = actorViolation(event, key) ?? timeViolation(event, previous) ?? placeViolation(state, event, key, previous) ?? laporDeliveryViolation(state, event);
  if (before !== null) return before;
  let after: ComplaintState;
  try {
    after = evolve(state, event);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return missingFollowerViolation(event, after, next);
}

/**
 * What picks the rule an event follows (libs/sop `ruleOf`, as in decide): the command that made
 * it, by its actor, with the notice it is about (a failed acknowledgement follows `acknowledge`'s
 * rule, a call about the acknowledgement and an officer's acknowledgement the acknowledgement
 * call's, docs/adr/0051).
 */
export function ruleKeyOf(event: SopEvent): RuleKey {
  const purpose = 'purpose' in event.data ? event.data.purpose : undefined;
  return { type: EVENT_PRODUCED_BY[event.type], actor: event.actor, ...(purpose === undefined ? {} : { purpose }) };
}

/** The actor's role may fire the command, and a section officer responds only for their own section. */
function actorViolation(event: SopEvent, key: RuleKey): string | null {
  if (!mayFire(event.actor, key.type, ruleOf(key))) return `${describeActor(event.actor)} may not ${commandNameOf(key)} (${event.type})`;
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

/** The command an event's rule is named by in a reason: a failed acknowledgement is `acknowledge`'s (as the audit says it). */
function commandNameOf(key: RuleKey): CommandType {
  return key.type === 'recordNotificationFailure' && key.purpose === 'ACKNOWLEDGEMENT' ? 'acknowledge' : key.type;
}

/**
 * The event may come here: disposition-completed and closed belong to the decision of the
 * event before them, so they must follow it (whose status check covers them; an acknowledgement
 * given up closes nothing); any other event's command must be legal now (`notLegalNow`, as decide
 * asks: a call about a notice that awaits none is not).
 */
function placeViolation(state: ComplaintState, event: SopEvent, key: RuleKey, previous: SopEvent | undefined): string | null {
  if (event.type === 'complaint.closed') {
    return previous?.type === 'complaint.information-delivered' || (previous?.type === 'complaint.delivery-abandoned' && !isAcknowledgementCall(previous))
      ? null
      : 'complaint.closed does not follow complaint.information-delivered or complaint.delivery-abandoned';
  }
  if (event.type === 'complaint.appealed' && event.data.trigger === 'POOR_RATING' && !isPoorRatingInWindow(previous)) {
    return 'complaint.appealed for a poor rating does not follow a poor complaint.rated within the appeal window';
  }
  if (event.type === 'complaint.disposition-completed') {
    return previous?.type === 'complaint.section-responded'
      ? null
      : 'complaint.disposition-completed does not follow the last complaint.section-responded';
  }
  const why = notLegalNow(key, state);
  return why === null ? null : `${event.type} cannot follow status ${state.status} (${why})`;
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
  if (event.type === 'complaint.delivery-abandoned' && !isAcknowledgementCall(event) && next?.type !== 'complaint.closed') {
    return 'complaint.delivery-abandoned is not followed by complaint.closed';
  }
  if (isPoorRatingInWindow(event) && !(next?.type === 'complaint.appealed' && next.data.trigger === 'POOR_RATING')) {
    return 'a poor rating within the appeal window is not followed by complaint.appealed (docs/adr/0053)';
  }
  return null;
}

/** A rating of {@link POOR_RATING_MAX} or less given within the appeal window: it opens an appeal in its decision. */
function isPoorRatingInWindow(event: SopEvent | undefined): boolean {
  return event?.type === 'complaint.rated' && event.data.withinAppealWindow && event.data.rating <= POOR_RATING_MAX;
}

function assertNever(value: never): never {
  throw new Error(`libs/sop: unhandled event ${JSON.stringify(value)}`);
}

/** A delivery against LAPOR!'s rule (docs/adr/0055): a posting by an officer, of a LAPOR! complaint, over LAPOR; nothing else over LAPOR, nor for a LAPOR! complaint. */
function laporDeliveryViolation(state: ComplaintState, event: SopEvent): string | null {
  if (event.type !== 'complaint.information-delivered' || state.status === 'NEW') return null;
  return (
    laporDeliveryProblem({ actor: event.actor, channel: event.data.channel, method: event.data.method }, state.channel)?.message ??
    laporDeliveryRefusal(state, { type: 'recordDelivery', method: event.data.method })
  );
}
