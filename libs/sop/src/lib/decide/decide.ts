import type { SopCommand } from '../commands';
import { isCommandType } from '../commands';
import type { Decision, SopError } from '../errors';
import type { Actor } from '../roles';
import { describeActor } from '../roles';
import { mayFire, notLegalNow, ruleOf } from '../rules';
import type { ComplaintState, ComplaintStatus, StateOf } from '../state';
import { isOpen } from '../state';
import { appeal, appealTooLate, rate, reviewAppeal } from './appeal-steps';
import { erasePersonalData } from './personal-data-steps';
import { isDataSubjectRecord, recordDataSubjectRequest } from './data-subject-steps';
import { dispose, respondAsSection } from './disposition-steps';
import { analyze, decideFollowUp, formTeam } from './follow-up-steps';
import { acknowledge, appendMessage, confirm, dismiss, receive } from './intake-steps';
import { informReporter, laporDeliveryRefusal, recordCallAttempt, recordDelivery, recordNotificationFailure } from './notification-steps';
import type { OpenStatus, Outcome } from './step-outcome';

/**
 * Decides what a command does to a complaint: the events to record, in order, or a
 * {@link SopError}. Pure: reads neither clock nor I/O (`now` stamps the events) and never
 * mutates `state` or `command`.
 *
 * Checks, in order: the actor may fire this command at all (`COMPLAINT.FORBIDDEN_ROLE`, in
 * every state; a section officer only for their own section); the command is legal in the
 * current status (`COMPLAINT.ILLEGAL_TRANSITION`); its data is valid
 * (`COMPLAINT.INVALID_COMMAND`, naming the field).
 */
export function decide(command: SopCommand, state: ComplaintState, now: Date): Decision {
  const type: unknown = (command as { readonly type?: unknown }).type;
  if (!isCommandType(type)) {
    return refuse(state, String(type), 'COMPLAINT.INVALID_COMMAND', `Unknown command type ${JSON.stringify(type)}`, {
      field: 'type',
    });
  }

  const actor: unknown = (command as { readonly actor?: unknown }).actor;
  const key = isActorShaped(actor) ? { type, actor, purpose: (command as { readonly purpose?: unknown }).purpose } : undefined;
  if (!key || !mayFire(key.actor, type, ruleOf(key))) {
    const who = isActorShaped(actor) ? describeActor(actor) : 'an unidentified actor';
    return refuse(state, type, 'COMPLAINT.FORBIDDEN_ROLE', `${who} may not ${type}`);
  }
  if (
    command.type === 'respondAsSection' &&
    command.actor.kind === 'user' &&
    typeof command.sectionCode === 'string' &&
    command.actor.sectionCode !== command.sectionCode
  ) {
    return refuse(
      state,
      type,
      'COMPLAINT.FORBIDDEN_ROLE',
      `An officer of section ${command.actor.sectionCode ?? '(none)'} may not respond for section ${command.sectionCode}`,
    );
  }

  const why = notLegalNow(key, state);
  if (why !== null) {
    return refuse(state, type, 'COMPLAINT.ILLEGAL_TRANSITION', `${type} is not allowed in status ${state.status} (${why})`, { allowedFrom: ruleOf(key).from });
  }

  const late = appealTooLate(state, command as { readonly type: string; readonly appealWindowDays?: unknown }, now);
  if (late !== null) return refuse(state, type, 'COMPLAINT.ILLEGAL_TRANSITION', `appeal is not allowed now (${late})`, { allowedFrom: ruleOf(key).from });
  const laporOnly = laporDeliveryRefusal(state, command);
  if (laporOnly !== null) return refuse(state, type, 'COMPLAINT.ILLEGAL_TRANSITION', `recordDelivery is not allowed for this complaint (${laporOnly})`, { allowedFrom: ruleOf(key).from });

  const at = now.toISOString();
  const outcome = decideLegal(command, state, at, now);
  if ('problem' in outcome) {
    return refuse(state, type, 'COMPLAINT.INVALID_COMMAND', outcome.problem.message, { field: outcome.problem.field });
  }
  return { ok: true, events: outcome.events };
}

function decideLegal(command: SopCommand, state: ComplaintState, at: string, now: Date): Outcome {
  if (isDataSubjectRecord(command)) return recordDataSubjectRequest(command, at);
  switch (command.type) {
    case 'receive':
      return receive(command, at);
    case 'appendMessage':
      return appendMessage(command, at);
    case 'acknowledge':
      return acknowledge(command.actor, expectOpen(state), at);
    case 'confirm':
      return confirm(command, at);
    case 'dismiss':
      return dismiss(command, expectStatus(state, 'RECEIVED'), at);
    case 'dispose':
      return dispose(command, at);
    case 'respondAsSection':
      return respondAsSection(command, expectStatus(state, 'DISPOSED'), at);
    case 'analyze':
      return analyze(command, at);
    case 'decideFollowUp':
      return decideFollowUp(command, at);
    case 'formTeam':
      return formTeam(command, at);
    case 'informReporter':
      return informReporter(command, expectStatus(state, 'TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED', 'APPEAL_UPHELD'), at);
    case 'recordNotificationFailure':
      return recordNotificationFailure(command, at);
    case 'recordDelivery':
      return recordDelivery(command, expectStatus(state, 'REPORTER_INFORMED'), at, now);
    case 'recordCallAttempt':
      return recordCallAttempt(command, expectOpen(state), at, now);
    case 'rate':
      return rate(command, expectStatus(state, 'CLOSED'), at, now);
    case 'appeal':
      return appeal(command, at);
    case 'reviewAppeal':
      return reviewAppeal(command, at);
    case 'erasePersonalData':
      return erasePersonalData(command, at);
    default:
      return assertNever(command);
  }
}

function expectOpen(state: ComplaintState): StateOf<OpenStatus> {
  if (isOpen(state)) return state;
  throw new Error(`libs/sop: COMMAND_RULES let a command through in status ${state.status}, which is not open`);
}

/** Narrows a state the rule table has already admitted; throws only if the table and decide disagree. */
function expectStatus<S extends ComplaintStatus>(state: ComplaintState, ...statuses: S[]): StateOf<S> {
  if ((statuses as readonly ComplaintStatus[]).includes(state.status)) return state as StateOf<S>;
  throw new Error(`libs/sop: COMMAND_RULES let a command through in status ${state.status}; expected ${statuses.join(', ')}`);
}

function isActorShaped(actor: unknown): actor is Actor {
  if (typeof actor !== 'object' || actor === null) return false;
  const a = actor as { readonly kind?: unknown; readonly service?: unknown; readonly userId?: unknown };
  if (a.kind === 'system') return typeof a.service === 'string' && a.service !== '';
  return a.kind === 'user' && typeof a.userId === 'string' && a.userId !== '';
}

function refuse(
  state: ComplaintState,
  commandType: string,
  code: SopError['code'],
  message: string,
  extra: Pick<SopError, 'field' | 'allowedFrom'> = {},
): Decision {
  return { ok: false, error: { code, message, status: state.status, commandType, ...extra } };
}

function assertNever(value: never): never {
  throw new Error(`libs/sop: unhandled command ${JSON.stringify(value)}`);
}
