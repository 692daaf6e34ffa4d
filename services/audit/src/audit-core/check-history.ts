import {
  describeActor,
  isAcknowledgementCall,
  mayFire,
  openStep,
  pendingSections,
  ruleKeyOf,
  ruleOf,
  verifyHistory,
  type CommandType,
  type ComplaintState,
  type ComplaintStatus,
  type SopEvent,
} from '@pengaduan/sop';
import type { ViolationKind } from './report';

/** A complaint event as the audit keeps it: the libs/sop event and where it was read. */
export interface LoggedEvent {
  readonly sop: SopEvent;
  readonly eventId: string;
  readonly partition: number;
  readonly offset: string;
  /** Not in the log: a follower libs/sop requires in the same decision, assumed to continue the check. */
  readonly assumed?: boolean;
}

export interface HistoryFinding {
  readonly kind: Extract<ViolationKind, 'WRONG_ROLE' | 'MISSING_STEP' | 'ILLEGAL_TRANSITION'>;
  readonly event: LoggedEvent;
  readonly reason: string;
}

export interface CheckedHistory {
  /** The events that apply, in order (illegal ones left out, assumed followers put in). */
  readonly applied: readonly LoggedEvent[];
  readonly findings: readonly HistoryFinding[];
  /** Followers assumed (not in the log), each after the event that needed it. */
  readonly assumed: readonly LoggedEvent[];
  readonly state: ComplaintState;
}

/**
 * How far along the SOP each status is (the SOP step number completed on entering it), to tell a
 * skipped step (the event needs a status further along) from an event that cannot follow at all.
 */
const STATUS_RANK: { readonly [S in ComplaintStatus]: number } = {
  NEW: 0,
  RECEIVED: 1,
  CONFIRMED: 2,
  DISMISSED: 2,
  DISPOSED: 3,
  SECTION_PROCESSED: 3.5,
  ANALYZED: 4,
  FOLLOW_UP_DECIDED: 5,
  NO_FOLLOW_UP_DECIDED: 5,
  TEAM_FORMED: 6,
  REPORTER_INFORMED: 7,
  CLOSED: 8,
  // After closing (docs/adr/0053): an appeal, and its answer upheld (told again in steps 7-8).
  APPEALED: 8.5,
  APPEAL_UPHELD: 9,
};

/**
 * The command whose rule governs an event, by its name (a failed acknowledgement follows
 * `acknowledge`'s, as in libs/sop); libs/sop `ruleOf(ruleKeyOf(event))` is the rule itself (a call
 * about the acknowledgement follows the acknowledgement call's, docs/adr/0051).
 */
export function commandOf(event: SopEvent): CommandType {
  const key = ruleKeyOf(event);
  return key.type === 'recordNotificationFailure' && key.purpose === 'ACKNOWLEDGEMENT' ? 'acknowledge' : key.type;
}

/**
 * Checks a complaint's events with libs/sop `verifyHistory`, flagging *every* illegal event: it
 * reports the first, which is then left out (or, when only its follower of the same decision is
 * missing, the follower is assumed) and the rest is checked again. Each finding is classified as a
 * wrong role (the actor may not fire the command behind the event, `COMMAND_RULES`), a missing
 * step, or another illegal transition.
 */
export function checkHistory(events: readonly LoggedEvent[]): CheckedHistory {
  const findings: HistoryFinding[] = [];
  const assumed: LoggedEvent[] = [];
  const list = [...events];
  const assumedFor = new Set<LoggedEvent>();
  for (let guard = 0; guard <= 3 * events.length + 3; guard++) {
    const verdict = verifyHistory(list.map((e) => e.sop));
    if (verdict.ok) return { applied: list, findings, assumed, state: verdict.state };
    const event = list[verdict.index];
    const next = list[verdict.index + 1];
    const follower = missingFollower(event, verdict.state, next, verdict.reason);
    if (follower && !event.assumed && !assumedFor.has(event)) {
      assumedFor.add(event);
      const logged: LoggedEvent = { sop: follower, eventId: `${event.eventId}+follower`, partition: event.partition, offset: event.offset, assumed: true };
      findings.push({ kind: 'MISSING_STEP', event, reason: `${verdict.reason} (missing step: ${follower.type} is not in the log)` });
      assumed.push(logged);
      list.splice(verdict.index + 1, 0, logged);
      continue;
    }
    if (!event.assumed) findings.push({ event, ...classify(event.sop, verdict.state, verdict.reason) });
    list.splice(verdict.index, 1);
  }
  throw new Error('checkHistory did not converge'); // cannot happen: every round shortens the list or assumes once per event
}

/** libs/sop verifyHistory's reasons for an event whose follower of the same decision is missing. */
const FOLLOWER_MISSING = new Set([
  'the last section responded but complaint.disposition-completed does not follow',
  'complaint.information-delivered is not followed by complaint.closed',
  'complaint.delivery-abandoned is not followed by complaint.closed',
]);

/** The follower libs/sop requires right after `event` in the same decision, when `next` is not it. */
function missingFollower(event: LoggedEvent, before: ComplaintState, next: LoggedEvent | undefined, reason: string): SopEvent | null {
  const e = event.sop;
  if (!FOLLOWER_MISSING.has(reason)) return null;
  if (e.type === 'complaint.section-responded' && next?.sop.type !== 'complaint.disposition-completed' && before.status === 'DISPOSED') {
    const pending = pendingSections(before);
    if (pending.length === 1 && pending[0] === e.data.sectionCode) {
      return { type: 'complaint.disposition-completed', at: e.at, actor: e.actor, data: { sectionCodes: before.sections } };
    }
  }
  // Giving up the acknowledgement closes nothing (docs/adr/0051).
  const closes = e.type === 'complaint.information-delivered' || (e.type === 'complaint.delivery-abandoned' && !isAcknowledgementCall(e));
  if (closes && next?.sop.type !== 'complaint.closed' && before.status === 'REPORTER_INFORMED' && before.deliveredAt === null && before.abandonedAt === undefined) {
    return { type: 'complaint.closed', at: e.at, actor: e.actor, data: { outcome: before.outcome } };
  }
  return null;
}

function classify(event: SopEvent, state: ComplaintState, reason: string): Pick<HistoryFinding, 'kind' | 'reason'> {
  const command = commandOf(event);
  const rule = ruleOf(ruleKeyOf(event));
  const wrongSection = event.type === 'complaint.section-responded' && event.actor.kind === 'user' && event.actor.sectionCode !== event.data.sectionCode;
  if (!mayFire(event.actor, command, rule) || wrongSection) {
    const allowed = [...rule.roles, ...(rule.system ? ['a system actor'] : [])].join(', ') || 'nobody';
    return { kind: 'WRONG_ROLE', reason: `${reason}; the SOP lets only ${allowed} ${command} (recorded by ${describeActor(event.actor)})` };
  }
  if (state.status === 'NEW') return { kind: 'MISSING_STEP', reason: `${reason}: complaint.received is not in the log before it` };
  const from = rule.from.map((s) => STATUS_RANK[s]);
  const missing = openStep(state).map((o) => (o.sectionCode ? `${o.stepId} (${o.sectionCode})` : o.stepId));
  const ahead = from.length > 0 && Math.min(...from) > STATUS_RANK[state.status];
  const sectionsMissing = event.type === 'complaint.disposition-completed' && state.status === 'DISPOSED' && pendingSections(state).length > 0;
  const deliveryMissing = event.type === 'complaint.closed' && state.status === 'REPORTER_INFORMED' && state.deliveredAt === null && state.abandonedAt === undefined;
  if (ahead || sectionsMissing || deliveryMissing) {
    const step = missing.length > 0 ? `step ${missing.join(', ')} is not completed in the log` : 'an earlier step is not in the log';
    return { kind: 'MISSING_STEP', reason: `${reason} (missing step: ${step})` };
  }
  return { kind: 'ILLEGAL_TRANSITION', reason };
}
