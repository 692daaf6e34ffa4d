import type {
  AnalyzeCommand,
  AppendMessageCommand,
  ConfirmCommand,
  DecideFollowUpCommand,
  DismissCommand,
  DisposeCommand,
  FormTeamCommand,
  InformReporterCommand,
  ReceiveCommand,
  RecordDeliveryCommand,
  RecordNotificationFailureCommand,
  RespondAsSectionCommand,
  SopCommand,
} from './commands';
import type { CommandType } from './commands';
import { isCommandType } from './commands';
import type { Decision, SopError } from './errors';
import type { SopEvent } from './events';
import type { ComplaintOutcome, DispositionEntry, Dismissal, TeamMember } from './reference-data';
import {
  CHANNELS,
  COMPLAINT_CLASSIFICATIONS,
  DELIVERY_METHODS,
  DISMISSAL_REASONS,
  DISPOSITION_INSTRUCTIONS,
  FOLLOW_UP_DECISIONS,
  NOTIFICATION_PURPOSES,
  OUTBOUND_CHANNELS,
  SEVERITIES,
  SUBSTANTIATION_LEVELS,
  TEAM_MEMBER_ROLES,
} from './reference-data';
import type { Actor } from './roles';
import { describeActor } from './roles';
import { COMMAND_RULES, isLegalIn, mayFire } from './rules';
import type { ComplaintState, ComplaintStatus, StateOf } from './state';
import { isOpen } from './state';
import type { FieldProblem } from './validation';
import {
  firstDuplicate,
  firstProblem,
  optionalText,
  requireBoolean,
  requireNonEmptyArray,
  requireObject,
  requireOneOf,
  requireText,
  requireTimestamp,
} from './validation';

/** How far a reported delivery time may lie after `now` (a provider's clock may run ahead of ours). */
const DELIVERY_CLOCK_SKEW_MS = 5 * 60 * 1000;

const CLASSIFICATION_CODES = COMPLAINT_CLASSIFICATIONS.map((c) => c.code);

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

  const ruleType = ruleFor(command, type);
  const actor: unknown = (command as { readonly actor?: unknown }).actor;
  if (!isActorShaped(actor) || !mayFire(actor, ruleType)) {
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

  const allowedFrom = COMMAND_RULES[ruleType].from;
  if (!isLegalIn(ruleType, state)) {
    const why = allowedFrom.includes(state.status) ? 'the information was already delivered' : `allowed in ${allowedFrom.join(', ')}`;
    return refuse(
      state,
      type,
      'COMPLAINT.ILLEGAL_TRANSITION',
      `${type} is not allowed in status ${state.status} (${why})`,
      { allowedFrom },
    );
  }

  const at = now.toISOString();
  const outcome = decideLegal(command, state, at, now);
  if ('problem' in outcome) {
    return refuse(state, type, 'COMPLAINT.INVALID_COMMAND', outcome.problem.message, { field: outcome.problem.field });
  }
  return { ok: true, events: outcome.events };
}

/**
 * The command whose rule (who, from which statuses) applies: a failed acknowledgement is
 * bookkeeping of `acknowledge` and follows its rule, not step 8's.
 */
function ruleFor(command: SopCommand, type: CommandType): CommandType {
  return type === 'recordNotificationFailure' &&
    (command as { readonly purpose?: unknown }).purpose === 'ACKNOWLEDGEMENT'
    ? 'acknowledge'
    : type;
}

type Outcome = { readonly events: SopEvent[] } | { readonly problem: FieldProblem };

function decideLegal(command: SopCommand, state: ComplaintState, at: string, now: Date): Outcome {
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
      return informReporter(command, expectStatus(state, 'TEAM_FORMED', 'NO_FOLLOW_UP_DECIDED', 'DISMISSED'), at);
    case 'recordNotificationFailure':
      return recordNotificationFailure(command, at);
    case 'recordDelivery':
      return recordDelivery(command, expectStatus(state, 'REPORTER_INFORMED'), at, now);
    default:
      return assertNever(command);
  }
}

function receive(c: ReceiveCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.complaintId, 'complaintId'),
    () => requireText(c.officeCode, 'officeCode'),
    () => requireText(c.trackingNumber, 'trackingNumber'),
    () => requireOneOf(c.channel, CHANNELS, 'channel'),
    () => requireBoolean(c.anonymous, 'anonymous'),
    () => requireBoolean(c.confidential, 'confidential'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.received',
        at,
        actor: c.actor,
        data: {
          complaintId: c.complaintId,
          officeCode: c.officeCode,
          trackingNumber: c.trackingNumber,
          channel: c.channel,
          anonymous: c.anonymous,
          confidential: c.confidential,
        },
      },
    ],
  };
}

function appendMessage(c: AppendMessageCommand, at: string): Outcome {
  const problem = requireText(c.messageId, 'messageId');
  if (problem) return { problem };
  return { events: [{ type: 'complaint.message-appended', at, actor: c.actor, data: { messageId: c.messageId } }] };
}

function acknowledge(actor: Actor, state: StateOf<OpenStatus>, at: string): Outcome {
  return {
    events: [{ type: 'complaint.acknowledged', at, actor, data: { trackingNumber: state.trackingNumber } }],
  };
}

function confirm(c: ConfirmCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.classification, CLASSIFICATION_CODES, 'classification'),
    () => requireText(c.summary, 'summary'),
    () => requireBoolean(c.anonymous, 'anonymous'),
    () => requireBoolean(c.confidential, 'confidential'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.confirmed',
        at,
        actor: c.actor,
        data: { classification: c.classification, summary: c.summary, anonymous: c.anonymous, confidential: c.confidential },
      },
    ],
  };
}

function dismiss(c: DismissCommand, state: StateOf<'RECEIVED'>, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.reason, DISMISSAL_REASONS, 'reason'),
    () => (c.reason === 'DUPLICATE' ? requireText(c.originalComplaintId, 'originalComplaintId') : null),
    () =>
      c.reason === 'DUPLICATE' && c.originalComplaintId === state.complaintId
        ? { field: 'originalComplaintId', message: 'originalComplaintId must name another complaint, not this one' }
        : null,
    () => (c.reason === 'NOT_OUR_AUTHORITY' ? requireText(c.belongsTo, 'belongsTo') : null),
    () => optionalText(c.note, 'note'),
  );
  if (problem) return { problem };
  const dismissal: Dismissal =
    c.reason === 'DUPLICATE'
      ? { reason: 'DUPLICATE', originalComplaintId: c.originalComplaintId ?? '' }
      : c.reason === 'NOT_OUR_AUTHORITY'
        ? { reason: 'NOT_OUR_AUTHORITY', belongsTo: c.belongsTo ?? '' }
        : { reason: c.reason };
  return {
    events: [
      {
        type: 'complaint.dismissed',
        at,
        actor: c.actor,
        data: c.note === undefined ? { dismissal } : { dismissal, note: c.note },
      },
    ],
  };
}

function dispose(c: DisposeCommand, at: string): Outcome {
  const sheetProblem = firstProblem(
    () => requireObject(c.sheet, 'sheet'),
    () => requireNonEmptyArray(c.sheet.entries, 'sheet.entries'),
  );
  if (sheetProblem) return { problem: sheetProblem };
  const entries: DispositionEntry[] = [];
  for (const [i, entry] of c.sheet.entries.entries()) {
    const field = `sheet.entries[${i}]`;
    const shapeProblem = requireObject(entry, field);
    if (shapeProblem) return { problem: shapeProblem };
    const problem = firstProblem(
      () => requireText(entry.sectionCode, `${field}.sectionCode`),
      () => requireNonEmptyArray(entry.instructions, `${field}.instructions`),
      () =>
        firstProblem(
          ...entry.instructions.map(
            (instruction: unknown, j: number) => () =>
              requireOneOf(instruction, DISPOSITION_INSTRUCTIONS, `${field}.instructions[${j}]`),
          ),
        ),
      () => {
        const twice = firstDuplicate(entry.instructions);
        return twice === undefined
          ? null
          : { field: `${field}.instructions`, message: `${field}.instructions lists ${twice} twice` };
      },
      () => optionalText(entry.note, `${field}.note`),
    );
    if (problem) return { problem };
    entries.push({
      sectionCode: entry.sectionCode,
      instructions: [...entry.instructions],
      ...(entry.note === undefined ? {} : { note: entry.note }),
    });
  }
  const duplicate = firstDuplicate(entries.map((e) => e.sectionCode));
  if (duplicate !== undefined) {
    return {
      problem: { field: 'sheet.entries', message: `sheet.entries dispositions section ${duplicate} more than once` },
    };
  }
  return { events: [{ type: 'complaint.disposed', at, actor: c.actor, data: { sheet: { entries } } }] };
}

function respondAsSection(c: RespondAsSectionCommand, state: StateOf<'DISPOSED'>, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.sectionCode, 'sectionCode'),
    () =>
      state.sections.includes(c.sectionCode)
        ? null
        : {
            field: 'sectionCode',
            message: `sectionCode ${c.sectionCode} is not on the disposition sheet (${state.sections.join(', ')})`,
          },
    () =>
      state.respondedSections.includes(c.sectionCode)
        ? { field: 'sectionCode', message: `sectionCode ${c.sectionCode} has already responded` }
        : null,
    () => requireText(c.response, 'response'),
  );
  if (problem) return { problem };
  const events: SopEvent[] = [
    {
      type: 'complaint.section-responded',
      at,
      actor: c.actor,
      data: { sectionCode: c.sectionCode, response: c.response },
    },
  ];
  const stillPending = state.sections.filter((s) => s !== c.sectionCode && !state.respondedSections.includes(s));
  if (stillPending.length === 0) {
    events.push({
      type: 'complaint.disposition-completed',
      at,
      actor: c.actor,
      data: { sectionCodes: [...state.sections] },
    });
  }
  return { events };
}

function analyze(c: AnalyzeCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.findings, 'findings'),
    () => requireOneOf(c.substantiated, SUBSTANTIATION_LEVELS, 'substantiated'),
    () => requireOneOf(c.classification, CLASSIFICATION_CODES, 'classification'),
    () => requireOneOf(c.severity, SEVERITIES, 'severity'),
    () => requireText(c.recommendation, 'recommendation'),
  );
  if (problem) return { problem };
  return {
    events: [
      {
        type: 'complaint.analyzed',
        at,
        actor: c.actor,
        data: {
          findings: c.findings,
          substantiated: c.substantiated,
          classification: c.classification,
          severity: c.severity,
          recommendation: c.recommendation,
        },
      },
    ],
  };
}

function decideFollowUp(c: DecideFollowUpCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.decision, FOLLOW_UP_DECISIONS, 'decision'),
    () => requireText(c.reason, 'reason'),
  );
  if (problem) return { problem };
  return {
    events: [
      { type: 'complaint.follow-up-decided', at, actor: c.actor, data: { decision: c.decision, reason: c.reason } },
    ],
  };
}

function formTeam(c: FormTeamCommand, at: string): Outcome {
  const listProblem = firstProblem(
    () => requireText(c.decreeNumber, 'decreeNumber'),
    () => requireNonEmptyArray(c.members, 'members'),
  );
  if (listProblem) return { problem: listProblem };
  const members: TeamMember[] = [];
  for (const [i, member] of c.members.entries()) {
    const field = `members[${i}]`;
    const problem = firstProblem(
      () => requireObject(member, field),
      () => requireText(member.nip, `${field}.nip`),
      () =>
        NIP.test(member.nip) ? null : { field: `${field}.nip`, message: `${field}.nip must be the 18 digits of a NIP` },
      () => requireText(member.name, `${field}.name`),
      () => requireText(member.position, `${field}.position`),
      () => requireOneOf(member.role, TEAM_MEMBER_ROLES, `${field}.role`),
      () => optionalText(member.userId, `${field}.userId`),
    );
    if (problem) return { problem };
    members.push({
      nip: member.nip,
      name: member.name,
      position: member.position,
      role: member.role,
      ...(member.userId === undefined ? {} : { userId: member.userId }),
    });
  }
  const problem = firstProblem(
    () => {
      const twice = firstDuplicate(members.map((m) => m.nip));
      return twice === undefined ? null : { field: 'members', message: `members lists the officer with NIP ${twice} twice` };
    },
    () => {
      const leaders = members.filter((m) => m.role === 'KETUA').length;
      return leaders === 1
        ? null
        : { field: 'members', message: `members must have exactly one KETUA; the decree names ${leaders}` };
    },
  );
  if (problem) return { problem };
  return {
    events: [{ type: 'complaint.team-formed', at, actor: c.actor, data: { decreeNumber: c.decreeNumber, members } }],
  };
}

/** A civil servant's number (Nomor Induk Pegawai): 18 digits. */
const NIP = /^\d{18}$/;

const OUTCOME_BY_STATUS = {
  TEAM_FORMED: 'FOLLOWED_UP',
  NO_FOLLOW_UP_DECIDED: 'NO_FOLLOW_UP',
  DISMISSED: 'DISMISSED',
} as const satisfies Record<'TEAM_FORMED' | 'NO_FOLLOW_UP_DECIDED' | 'DISMISSED', ComplaintOutcome>;

function informReporter(
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

function recordNotificationFailure(c: RecordNotificationFailureCommand, at: string): Outcome {
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

function recordDelivery(c: RecordDeliveryCommand, state: StateOf<'REPORTER_INFORMED'>, at: string, now: Date): Outcome {
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

type OpenStatus = Exclude<ComplaintStatus, 'NEW' | 'CLOSED'>;

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
