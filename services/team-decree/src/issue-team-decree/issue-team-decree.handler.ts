import { actorLabel } from '@pengaduan/contracts';
import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation, Clock } from '@pengaduan/runtime';
import { FIELD_RULES, TEAM_MEMBER_ROLES, type FormTeamCommand, type TeamMember } from '@pengaduan/sop';
import { OfficeProfileClient, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import { expectedDecreeNumber, nextDecreeNumber, officeDate } from '../decree-number/decree-number';
import { saveTeamDecree } from '../persistence/team-decrees';
import { IntakeClient } from '../screen-officer-text/intake.client';
import type { DecreeMemberInput, IssueTeamDecreeCommand, IssueTeamDecreeResult } from './issue-team-decree.command';

const OPERATION = 'IssueTeamDecree';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_MEMBERS = FIELD_RULES.teamMembers.maxItems;
export const MAX_MANDATE = FIELD_RULES.mandate.maxLength;
const MAX_NAME = FIELD_RULES.officerName.maxLength;
const MAX_POSITION = FIELD_RULES.officerPosition.maxLength;

interface Decree {
  decreeDate: string;
  members: TeamMember[];
  mandate: string;
  periodStartDate: string;
  periodEndDate: string;
}

/**
 * SOP step 6: checks the decree and lets libs/sop decide it (the Kepala Kantor, on a
 * FOLLOW_UP_DECIDED complaint, exactly one KETUA, no NIP twice); only then issues its number
 * (per office per year, gap-free) and commits the decree, the new state TEAM_FORMED and
 * `complaint.team-formed` (outbox) in one transaction. Before, intake screens the decree's
 * free texts for the reporter's contact (docs/adr/0023). Idempotent by request id: a retry
 * answers the same decree number.
 */
@Injectable()
export class IssueTeamDecreeHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly clock: Clock,
    private readonly offices: OfficeProfileClient,
    private readonly intake: IntakeClient,
  ) {}

  async execute(command: IssueTeamDecreeCommand): Promise<CommandOutcome & IssueTeamDecreeResult> {
    const decree = validate(command, this.clock.now());
    const { requestId, complaintId, actor, actorOffice, correlationId } = command;
    // The mandate and the positions go into complaint.team-formed and the decree: intake screens them. The members'
    // names and NIPs are officers', public in the decree by design (docs/adr/0023).
    const texts = [{ field: 'mandate', text: decree.mandate }, ...decree.members.map((m, i) => ({ field: `members[${i}].position`, text: m.position }))];
    await this.intake.call('screenOfficerText', { complaintId, officeCode: actorOffice, texts }, correlationId);
    // The office's profile in force, asked of intake before the transaction (docs/adr/0048).
    const letterheadOf = await this.offices.forCommand(command);
    const formTeam = (decreeNumber: string): FormTeamCommand => ({ type: 'formTeam', actor, decreeNumber, members: decree.members });
    let expected = '';
    const { result, ...outcome } = await this.executor.execute<IssueTeamDecreeResult>({
      operation: OPERATION,
      context: command,
      request: { complaintId, actor, actorOffice, decree },
      // libs/sop decides the decree under the number it is expected to get; a refusal takes no number.
      command: async (state, tx, now) => {
        expected = await expectedDecreeNumber(tx, receivedState(state).officeCode, now);
        return formTeam(expected);
      },
      outputs: async ({ stateBefore }, tx, now) => {
        const state = receivedState(stateBefore);
        const decreeNumber = await nextDecreeNumber(tx, state.officeCode, now);
        await saveTeamDecree(tx, { complaintId, officeCode: state.officeCode, decreeNumber, ...decree, issuedBy: actorLabel(actor), issuedAt: now, requestId });
        // The SK Tim Penanganan Aduan under the number just issued; its hash goes on complaint.team-formed.
        const doc = await renderAndStoreDocument(tx, complaintId, state.officeCode, {
          kind: 'SK_TIM_PENANGANAN_ADUAN',
          office: letterheadOf(state.officeCode),
          number: decreeNumber,
          trackingNumber: state.trackingNumber,
          issuedAt: now,
          signatory: signatoryFor(command.signatory, actor),
          decreeDate: decree.decreeDate,
          members: decree.members.map((m) => ({ name: m.name, nip: m.nip, position: m.position, teamRole: m.role })),
          mandate: decree.mandate,
          periodStartDate: decree.periodStartDate,
          periodEndDate: decree.periodEndDate,
        });
        const { members: _members, ...wireOnly } = decree;
        return {
          // Another decree of the office took the expected number meanwhile: the event carries the one issued.
          ...(expected === decreeNumber ? {} : { completed: formTeam(decreeNumber) }),
          extras: () => ({ ...wireOnly, documentSha256: doc.sha256 }),
          result: { decreeNumber },
        };
      },
    });
    if (!result) throw new Error(`the decree of complaint ${complaintId} was issued without a number`);
    return { ...outcome, decreeNumber: result.decreeNumber };
  }
}

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Every bad field at once, named as in the request; libs/sop then checks the team (one KETUA, no NIP twice). */
function validate(c: IssueTeamDecreeCommand, now: Date): Decree {
  const v: FieldViolation[] = [];
  const today = officeDate(now);
  if (!isCalendarDate(c.decreeDate)) v.push({ field: 'decreeDate', description: 'must be a date, YYYY-MM-DD' });
  else if (c.decreeDate > today) v.push({ field: 'decreeDate', description: `must not be later than today (${today}, WIB)` });

  if (c.members.length === 0) v.push({ field: 'members', description: 'the decree names at least one officer' });
  if (c.members.length > MAX_MEMBERS) v.push({ field: 'members', description: `at most ${MAX_MEMBERS} officers` });
  const members: TeamMember[] = [];
  for (const [i, m] of c.members.entries()) {
    v.push(...memberViolations(m, `members[${i}]`));
    if (m.role !== undefined) {
      members.push({ nip: m.nip, name: m.name, position: m.position, role: m.role, ...(m.userId === undefined ? {} : { userId: m.userId }) });
    }
  }

  if (!c.mandate || c.mandate.trim() === '') v.push({ field: 'mandate', description: 'required: what the team is to do' });
  else if (c.mandate.length > MAX_MANDATE) v.push({ field: 'mandate', description: `at most ${MAX_MANDATE} characters` });

  v.push(...periodViolations(c.periodStartDate, c.periodEndDate));

  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the team decree cannot be issued as sent', { fieldViolations: v });
  return { decreeDate: c.decreeDate, members, mandate: c.mandate, periodStartDate: c.periodStartDate, periodEndDate: c.periodEndDate };
}

/** One officer's bad fields, each named `<field>.<name>` (`members[2].nip`), in the request's order. */
function memberViolations(m: DecreeMemberInput, field: string): FieldViolation[] {
  const v: FieldViolation[] = [];
  if (!m.name || m.name.trim() === '') v.push({ field: `${field}.name`, description: 'required' });
  else if (m.name.length > MAX_NAME) v.push({ field: `${field}.name`, description: `at most ${MAX_NAME} characters` });
  if (!FIELD_RULES.nip.pattern.test(m.nip)) v.push({ field: `${field}.nip`, description: 'must be the 18 digits of a NIP' });
  if (!m.position || m.position.trim() === '') v.push({ field: `${field}.position`, description: 'required' });
  else if (m.position.length > MAX_POSITION) v.push({ field: `${field}.position`, description: `at most ${MAX_POSITION} characters` });
  if (m.role === undefined) v.push({ field: `${field}.teamRole`, description: `required: one of ${TEAM_MEMBER_ROLES.join(', ')}` });
  if (m.userId !== undefined && m.userId.trim() === '') v.push({ field: `${field}.userId`, description: 'must not be empty when given' });
  return v;
}

/** The team's period: two calendar dates, the end not before the start. */
function periodViolations(start: string, end: string): FieldViolation[] {
  const v: FieldViolation[] = [];
  const startOk = isCalendarDate(start);
  const endOk = isCalendarDate(end);
  if (!startOk) v.push({ field: 'periodStartDate', description: 'must be a date, YYYY-MM-DD' });
  if (!endOk) v.push({ field: 'periodEndDate', description: 'must be a date, YYYY-MM-DD' });
  if (startOk && endOk && end < start) {
    v.push({ field: 'periodEndDate', description: `the team's period cannot end (${end}) before it starts (${start})` });
  }
  return v;
}
