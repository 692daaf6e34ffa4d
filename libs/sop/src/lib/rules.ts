import type { CommandType } from './commands';
import type { ComplaintOutcome, NotificationPurpose } from './reference-data';
import { NOTIFICATION_PURPOSES } from './reference-data';
import type { Actor, Role } from './roles';
import { isRole } from './roles';
import type { StepId } from './sop-steps';
import type { ComplaintState, ComplaintStatus } from './state';
import { COMPLAINT_STATUSES, isOpen, OPEN_STATUSES } from './state';

/** Who may fire a command, from which statuses, and which SOP step it performs. */
export interface CommandRule {
  /** User roles allowed to fire it. `PELAPOR` and `AUDITOR` appear in none. */
  readonly roles: readonly Role[];
  /** Whether a system actor (a service acting on its own) may fire it. */
  readonly system: boolean;
  /** The statuses in which it is legal. */
  readonly from: readonly ComplaintStatus[];
  /** The step it performs, or `null` for bookkeeping outside the SOP's steps. */
  readonly step: StepId | null;
}

/** The data subject's requests (docs/adr/0056, 0061): Admin Tikkim's, no step, any status after receipt. */
const DATA_SUBJECT_RULE: CommandRule = { roles: ['ADMIN_TIKKIM'], system: false, from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW'), step: null };

/**
 * The SOP's transition table: the one place that says who may fire what, when.
 * `respondAsSection` additionally needs the officer's own section to be dispositioned and
 * not yet responded (see {@link availableActions}).
 */
export const COMMAND_RULES: { readonly [T in CommandType]: CommandRule } = {
  receive: { roles: ['ADMIN_TIKKIM'], system: true, from: ['NEW'], step: 'REPORT' },
  appendMessage: { roles: ['ADMIN_TIKKIM'], system: true, from: OPEN_STATUSES, step: null },
  acknowledge: { roles: [], system: true, from: OPEN_STATUSES, step: null },
  confirm: { roles: ['ADMIN_TIKKIM'], system: false, from: ['RECEIVED'], step: 'CONFIRM' },
  dismiss: { roles: ['ADMIN_TIKKIM'], system: false, from: ['RECEIVED'], step: 'CONFIRM' },
  dispose: { roles: ['KEPALA_KANTOR'], system: false, from: ['CONFIRMED'], step: 'DISPOSE_AND_PROCESS' },
  respondAsSection: { roles: ['SEKSI_TERKAIT'], system: false, from: ['DISPOSED'], step: 'SECTION_RESPONSE' },
  analyze: { roles: ['ADMIN_TIKKIM'], system: false, from: ['SECTION_PROCESSED'], step: 'ANALYZE' },
  decideFollowUp: { roles: ['KEPALA_SEKSI_TI'], system: false, from: ['ANALYZED'], step: 'DECIDE_FOLLOW_UP' },
  formTeam: { roles: ['KEPALA_KANTOR'], system: false, from: ['FOLLOW_UP_DECIDED'], step: 'FORM_TEAM' },
  informReporter: {
    roles: ['ADMIN_TIKKIM'],
    system: false,
    from: ['TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED', 'APPEAL_UPHELD'],
    step: 'INFORM_REPORTER',
  },
  recordNotificationFailure: {
    roles: ['ADMIN_TIKKIM'],
    system: true,
    from: ['REPORTER_INFORMED'],
    step: 'DELIVER_INFORMATION',
  },
  recordDelivery: { roles: ['ADMIN_TIKKIM'], system: true, from: ['REPORTER_INFORMED'], step: 'DELIVER_INFORMATION' },
  recordCallAttempt: { roles: ['ADMIN_TIKKIM'], system: false, from: ['REPORTER_INFORMED'], step: 'DELIVER_INFORMATION' },
  // docs/adr/0053: the reporter's (through intake: the tracking page, a reply) or told to Admin Tikkim.
  rate: { roles: ['ADMIN_TIKKIM'], system: true, from: ['CLOSED'], step: null },
  appeal: { roles: ['ADMIN_TIKKIM'], system: true, from: ['CLOSED'], step: null },
  reviewAppeal: { roles: ['KEPALA_KANTOR'], system: false, from: ['APPEALED'], step: 'REVIEW_APPEAL' },
  // docs/adr/0057: Admin Tikkim on the person's request (REQUEST), the retention job (RETENTION).
  erasePersonalData: { roles: ['ADMIN_TIKKIM'], system: true, from: COMPLAINT_STATUSES.filter((s) => s !== 'NEW'), step: null },
  // docs/adr/0061: Admin Tikkim serves the data subject's requests, on a complaint in any status after receipt.
  recordDataAccessRequest: DATA_SUBJECT_RULE,
  recordDataAccessAnswer: DATA_SUBJECT_RULE,
  recordContactCorrection: DATA_SUBJECT_RULE,
  recordContactRestriction: DATA_SUBJECT_RULE,
};

/**
 * Why a rating or an appeal cannot come on this closed complaint (docs/adr/0053), or null: a
 * dismissed message is neither rated nor appealed, and a closing is rated once.
 */
export function ratingRefusal(commandType: CommandType, state: ComplaintState): string | null {
  if (commandType !== 'rate' && commandType !== 'appeal') return null;
  if (state.status !== 'CLOSED') return null;
  if (state.outcome === 'DISMISSED') return 'a dismissed message is neither rated nor appealed';
  if (commandType === 'rate' && state.rating !== undefined) return 'this closing was already rated';
  return null;
}

/**
 * The rule of Admin Tikkim's call about an acknowledgement no channel could give
 * (docs/adr/0051): the tracking number told on the phone (`acknowledge` by an officer), or a call
 * that did not reach the reporter (`recordCallAttempt` about `ACKNOWLEDGEMENT`). No step of the
 * SOP: it may come in any open status while the acknowledgement awaits a call (see
 * {@link callPurposes}), and moves no step.
 */
export const ACKNOWLEDGEMENT_CALL_RULE: CommandRule = { roles: ['ADMIN_TIKKIM'], system: false, from: OPEN_STATUSES, step: null };

/** What picks the rule a command follows: its type, its actor and, for a notice, its purpose. */
export interface RuleKey {
  readonly type: CommandType;
  readonly actor: Actor;
  readonly purpose?: unknown;
}

/**
 * The rule a command follows: its type's own (`COMMAND_RULES`), but a failed acknowledgement is
 * bookkeeping of `acknowledge` and follows its rule, and an officer's acknowledgement or a call
 * about the acknowledgement follows {@link ACKNOWLEDGEMENT_CALL_RULE}.
 */
export function ruleOf(key: RuleKey): CommandRule {
  if (key.type === 'recordNotificationFailure' && key.purpose === 'ACKNOWLEDGEMENT') return COMMAND_RULES.acknowledge;
  if (key.type === 'recordCallAttempt' && key.purpose === 'ACKNOWLEDGEMENT') return ACKNOWLEDGEMENT_CALL_RULE;
  if (key.type === 'acknowledge' && key.actor.kind === 'user') return ACKNOWLEDGEMENT_CALL_RULE;
  return COMMAND_RULES[key.type];
}

/**
 * Whether this actor may ever fire this command type, whatever the state (by the type's own rule,
 * or the one {@link ruleOf} picked). A `SEKSI_TERKAIT` officer without a `sectionCode` may not
 * respond for any section.
 */
export function mayFire(actor: Actor, commandType: CommandType, rule: CommandRule = COMMAND_RULES[commandType]): boolean {
  if (actor.kind === 'system') return rule.system;
  if (actor.kind !== 'user' || !isRole(actor.role) || !rule.roles.includes(actor.role)) return false;
  if (commandType === 'respondAsSection') return typeof actor.sectionCode === 'string' && actor.sectionCode !== '';
  return true;
}

/** The commands that try to reach the reporter in step 8: none once delivered or abandoned. */
const STEP_8_ATTEMPTS: readonly CommandType[] = ['recordDelivery', 'recordNotificationFailure', 'recordCallAttempt'];

/**
 * Whether the command type is legal in this state: its status is in the rule's `from`, and
 * (within the decision that closes a complaint) the information has not been delivered or
 * abandoned yet.
 */
export function isLegalIn(commandType: CommandType, state: ComplaintState): boolean {
  if (!COMMAND_RULES[commandType].from.includes(state.status)) return false;
  if (commandType === 'acknowledge') return !acknowledgementEnded(state);
  if (ratingRefusal(commandType, state) !== null) return false;
  if (state.status === 'REPORTER_INFORMED' && (state.deliveredAt !== null || state.abandonedAt !== undefined)) {
    return !STEP_8_ATTEMPTS.includes(commandType);
  }
  return true;
}

/** The acknowledgement was given, or given up: nothing more of it may be recorded (docs/adr/0051). */
function acknowledgementEnded(state: ComplaintState): boolean {
  return 'acknowledgement' in state && (state.acknowledgement === 'ACKNOWLEDGED' || state.acknowledgement === 'ABANDONED');
}

/** The notices step 8 delivers, one per outcome (see {@link informationPurposeOf}). */
export const INFORMATION_PURPOSES: readonly NotificationPurpose[] = ['FOLLOW_UP_INFORMATION', 'DISMISSAL_NOTICE'];

/**
 * The notice step 8 delivers for a complaint with this outcome: the dismissal notice for a
 * dismissed message, the follow-up information otherwise (docs/adr/0051).
 */
export function informationPurposeOf(outcome: ComplaintOutcome): NotificationPurpose {
  return outcome === 'DISMISSED' ? 'DISMISSAL_NOTICE' : 'FOLLOW_UP_INFORMATION';
}

/**
 * The notices a call of Admin Tikkim may be about now, in the order they were sent
 * (docs/adr/0051): the acknowledgement, while the complaint is open and its acknowledgement
 * failed and was neither given nor given up since; step 8's information (see
 * {@link informationPurposeOf}) while the complaint is informed and it was neither delivered nor
 * given up (a phone complaint's step 8 is a call whether or not a channel failed).
 */
export function callPurposes(state: ComplaintState): readonly NotificationPurpose[] {
  const purposes: NotificationPurpose[] = [];
  if (isOpen(state) && state.acknowledgement === 'FAILED') purposes.push('ACKNOWLEDGEMENT');
  if (state.status === 'REPORTER_INFORMED' && state.deliveredAt === null && state.abandonedAt === undefined) {
    purposes.push(informationPurposeOf(state.outcome));
  }
  return purposes;
}

/**
 * The notice a call command is about: the acknowledgement for an officer's `acknowledge`, the
 * command's purpose (a delivery's, when it names step 8's), else step 8's information for a
 * call; `undefined` for another command, for a purpose that is no notification purpose (refused
 * as data by decide), and for a call with no purpose outside step 8.
 */
export function callPurposeOf(key: RuleKey, state: ComplaintState): NotificationPurpose | undefined {
  if (key.type === 'acknowledge') return key.actor.kind === 'user' ? 'ACKNOWLEDGEMENT' : undefined;
  // A delivery that names its notice names step 8's (the acknowledgement is refused as data).
  if (key.type === 'recordDelivery') return INFORMATION_PURPOSES.find((p) => p === key.purpose);
  if (key.type !== 'recordCallAttempt') return undefined;
  if (key.purpose !== undefined) return NOTIFICATION_PURPOSES.find((p) => p === key.purpose);
  return state.status === 'REPORTER_INFORMED' ? informationPurposeOf(state.outcome) : undefined;
}

/**
 * Why a command that its rule's statuses admit cannot come in this state, or null when it may:
 * a call (or an officer's acknowledgement) about a notice that awaits no call
 * ({@link callPurposes}), or what {@link isLegalIn} refuses. A call whose purpose is unknown is
 * judged by its type's rule: its data check refuses the purpose.
 */
export function notLegalNow(key: RuleKey, state: ComplaintState): string | null {
  const rule = ruleOf(key);
  if (!rule.from.includes(state.status)) return `allowed in ${rule.from.join(', ')}`;
  const about = callPurposeOf(key, state);
  if (about !== undefined) {
    const awaited = callPurposes(state);
    return awaited.includes(about) ? null : `no call about ${about} is awaited (awaited: ${awaited.join(', ') || 'none'})`;
  }
  const command = rule === COMMAND_RULES.acknowledge ? 'acknowledge' : key.type;
  const rating = ratingRefusal(command, state);
  if (rating !== null) return rating;
  if (isLegalIn(command, state)) return null;
  return command === 'acknowledge' ? 'the acknowledgement was already given or given up' : 'the information was already delivered or abandoned';
}
