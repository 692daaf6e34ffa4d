import type { CommandType } from './commands';
import type { Actor, Role } from './roles';
import { isRole } from './roles';
import type { StepId } from './sop-steps';
import type { ComplaintState, ComplaintStatus } from './state';
import { OPEN_STATUSES } from './state';

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
    from: ['TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED'],
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
};

/**
 * Whether this actor may ever fire this command type, whatever the state. A `SEKSI_TERKAIT`
 * officer without a `sectionCode` may not respond for any section.
 */
export function mayFire(actor: Actor, commandType: CommandType): boolean {
  const rule = COMMAND_RULES[commandType];
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
  if (state.status === 'REPORTER_INFORMED' && (state.deliveredAt !== null || state.abandonedAt !== undefined)) {
    return !STEP_8_ATTEMPTS.includes(commandType);
  }
  return true;
}
