import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, ServiceError } from '@pengaduan/runtime';
import type { ComplaintState } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { requestIdOf } from '../complaint-commands/request-id';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { UserAccounts } from '../users/user-accounts';
import { AssignmentJournal, type AssignmentEntry, type NamedOfficer } from './assignment-journal';
import { stepKeyOf, stillHolds, waitsOn, type Officer } from './assignment-rules';
import type { AssignmentDto } from './assignment.dto';

/** Who puts an officer on a complaint, or takes anyone off it: the head of office. */
export const ASSIGNERS: readonly OfficerRole[] = ['KEPALA_KANTOR'];

/** What a command decided: put this officer on the complaint (null: take everyone off), or change nothing. */
type Decision = { assignee: NamedOfficer | null } | 'unchanged';

interface CommandCall {
  user: AuthenticatedUser;
  complaintId: string;
  idempotencyKey: string;
  kind: AssignmentEntry['kind'];
  decide: (state: ComplaintState, current: AssignmentEntry | undefined) => Promise<Decision> | Decision;
}

/**
 * Who is on a complaint (docs/adr/0046): an officer claims a complaint that waits on their role,
 * the head of office assigns it to an eligible officer of the office, the assignee or the head
 * releases it. Every change is a new row of the {@link AssignmentJournal}; a retry with the same
 * Idempotency-Key answers what the first recorded. Another office's complaint is 404.
 */
@Injectable()
export class ComplaintAssignments {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly views: ComplaintViewQueries,
    private readonly journal: AssignmentJournal,
    private readonly accounts: UserAccounts,
    private readonly clock: Clock,
  ) {}

  async current(user: AuthenticatedUser, complaintId: string): Promise<AssignmentDto> {
    const state = await this.stateOf(user, complaintId);
    return assignmentDtoOf(complaintId, await this.journal.of(complaintId, user.officeCode), state);
  }

  claim(user: AuthenticatedUser, complaintId: string, idempotencyKey: string): Promise<AssignmentDto> {
    return this.command({
      user, complaintId, idempotencyKey, kind: 'CLAIMED',
      decide: (state, current) => {
        if (!waitsOn(state, user)) throw new ServiceError('conflict', 'ASSIGNMENT.NOT_WAITING_ON_YOU', 'the complaint does not wait on your role at its current step');
        if (current?.assignee && current.assignee.id !== user.id) throw new ServiceError('conflict', 'ASSIGNMENT.TAKEN', `${current.assignee.displayName} is already on the complaint`);
        return { assignee: { id: user.id, displayName: user.displayName, role: user.role, ...(user.sectionCode ? { sectionCode: user.sectionCode } : {}) } };
      },
    });
  }

  assign(user: AuthenticatedUser, complaintId: string, userId: string, idempotencyKey: string): Promise<AssignmentDto> {
    if (!ASSIGNERS.includes(user.role)) throw forbidden();
    return this.command({
      user, complaintId, idempotencyKey, kind: 'ASSIGNED',
      decide: async (state) => {
        const account = await this.accounts.byId(userId);
        const officer: NamedOfficer | undefined = account?.active && account.officeCode === user.officeCode
          ? { id: account.id, displayName: account.displayName, role: account.role as OfficerRole, ...(account.sectionCode ? { sectionCode: account.sectionCode } : {}) }
          : undefined;
        if (!officer || !waitsOn(state, officer)) {
          throw new ServiceError('invalid', 'ASSIGNMENT.OFFICER_NOT_ELIGIBLE', 'not an active officer of your office whose role the complaint waits on', {
            fieldViolations: [{ field: 'userId', description: 'must be an active officer of your office whose role the complaint waits on now' }],
          });
        }
        return { assignee: officer };
      },
    });
  }

  release(user: AuthenticatedUser, complaintId: string, idempotencyKey: string): Promise<AssignmentDto> {
    return this.command({
      user, complaintId, idempotencyKey, kind: 'RELEASED',
      decide: (_state, current) => {
        if (!current) return 'unchanged';
        if (current.assignee?.id !== user.id && !ASSIGNERS.includes(user.role)) {
          throw new ServiceError('conflict', 'ASSIGNMENT.NOT_YOURS', `${current.assignee?.displayName ?? 'another officer'} is on the complaint: only they or ${ASSIGNERS.join(', ')} release it`);
        }
        return { assignee: null };
      },
    });
  }

  private async stateOf(user: AuthenticatedUser, complaintId: string): Promise<ComplaintState> {
    const found = await this.views.withState(complaintId, user.officeCode);
    if (!found) throw complaintNotFound(complaintId);
    return found.state;
  }

  private async command({ user, complaintId, idempotencyKey, kind, decide }: CommandCall): Promise<AssignmentDto> {
    const state = await this.stateOf(user, complaintId);
    const requestId = requestIdOf(user, idempotencyKey);
    return this.runtime.dataSource.transaction(async (m) => {
      await this.journal.lock(m, complaintId);
      const replayed = await this.journal.byRequest(m, requestId);
      const entries = await this.journal.of(complaintId, user.officeCode, m);
      if (replayed) {
        if (replayed.complaintId !== complaintId || replayed.kind !== kind) throw keyReused();
        return assignmentDtoOf(complaintId, entries.filter((e) => e.seq <= replayed.seq));
      }
      const latest = entries.at(-1);
      const decision = await decide(state, stillHolds(latest, state) ? latest : undefined);
      if (decision === 'unchanged') return assignmentDtoOf(complaintId, entries, state);
      const assignee: Officer | null = decision.assignee;
      await this.journal.append(m, {
        requestId, complaintId, officeCode: user.officeCode, kind,
        assigneeId: assignee?.id ?? null,
        stepKey: stepKeyOf(state, assignee ?? user),
        actorId: user.id,
        at: this.clock.now(),
      });
      return assignmentDtoOf(complaintId, await this.journal.of(complaintId, user.officeCode, m), state);
    });
  }
}

/**
 * The assignment the journal's rows make: the latest row's assignee while it still holds at the
 * complaint's `state`; without a state, as recorded (a replay answers what the first try did).
 */
function assignmentDtoOf(complaintId: string, entries: AssignmentEntry[], state?: ComplaintState): AssignmentDto {
  const latest = entries.at(-1);
  const holds = latest?.assignee && (state === undefined || stillHolds(latest, state));
  return {
    complaintId,
    ...(holds && latest.assignee ? { assignee: latest.assignee, since: latest.at.toISOString() } : {}),
    history: entries.map((e) => ({ kind: e.kind, ...(e.assignee ? { assignee: e.assignee } : {}), by: e.actor, at: e.at.toISOString() })),
  };
}

function forbidden(): ServiceError {
  return new ServiceError('forbidden', 'ASSIGNMENT.FORBIDDEN_ROLE', `only ${ASSIGNERS.join(', ')} assigns a complaint to an officer`);
}

function keyReused(): ServiceError {
  return new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request');
}

