import { availableActions, COMMAND_RULES, COMMAND_TYPES, mayFire, type CommandType, type ComplaintStatus } from '@pengaduan/sop';
import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { sopActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { toComplaintView, type ComplaintViewDto } from '../complaint-views/complaint-view.dto';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { deadlinesSeenBy } from '../complaint-views/deadline.dto';
import { currentStepOf, withMonitoredDue } from '../read-model/current-step';
import { AssignmentJournal, type NamedOfficer } from '../complaint-assignment/assignment-journal';
import { stillHolds } from '../complaint-assignment/assignment-rules';

/** A complaint waiting for this officer, and who of the office is on it (docs/adr/0046). */
export type WorklistItem = ComplaintViewDto & { actions: CommandType[]; assignee?: NamedOfficer };

/** `?assigned=`: the complaints this officer is on, no one is on, or a colleague is on. */
export const ASSIGNED_FILTERS = ['me', 'unassigned', 'others'] as const;
export type AssignedFilter = (typeof ASSIGNED_FILTERS)[number];

/**
 * The officer's worklist: the office's complaints on which the SOP expects something of this
 * officer now, by libs/sop `availableActions` (a section officer's only while their own
 * section's response is awaited), oldest due first. Bookkeeping that the SOP does not ask of
 * anyone at a step (appending a reporter's message; libs/sop rules with no step) does not put a
 * complaint on the worklist. Which statuses to look in is read from libs/sop's rules too. The due
 * time is the SLA monitor's once the step's deadline started; each item carries its open
 * deadlines (a section officer sees their own section's response and those of no section).
 */
@Injectable()
export class WorklistQuery {
  constructor(
    private readonly queries: ComplaintViewQueries,
    private readonly clock: Clock,
    private readonly assignments: AssignmentJournal,
  ) {}

  async of(user: AuthenticatedUser, assigned?: AssignedFilter): Promise<WorklistItem[]> {
    const actor = sopActorOf(user);
    const stepCommands = COMMAND_TYPES.filter((type) => COMMAND_RULES[type].step !== null && mayFire(actor, type));
    const statuses = new Set<ComplaintStatus>(stepCommands.flatMap((type) => COMMAND_RULES[type].from));
    const candidates = await this.queries.inStatuses(user.officeCode, [...statuses]);
    const waiting = candidates.flatMap(({ view, state, version }) => {
      const actions = availableActions(state, actor).filter((type) => stepCommands.includes(type));
      return actions.length === 0 ? [] : [{ view, state, version, actions }];
    });
    const deadlines = deadlinesSeenBy(await this.queries.openDeadlinesOf(waiting.map(({ view }) => view.id)), user.sectionCode);
    const now = this.clock.now();
    const latest = await this.assignments.latestOf(waiting.map(({ view }) => view.id), user.officeCode);
    const items = waiting.flatMap(({ view, state, version, actions }) => {
      const entry = latest.get(view.id);
      const assignee = entry && stillHolds(entry, state) ? entry.assignee ?? undefined : undefined;
      if (!matches(assigned, assignee, user)) return [];
      return [{
        ...toComplaintView(view, deadlines, now, version),
        currentStep: withMonitoredDue(currentStepOf(state, user.sectionCode), deadlines.filter((d) => d.complaintId === view.id)),
        actions: [...actions],
        ...(assignee ? { assignee } : {}),
      }];
    });
    return items.sort((a, b) => dueOf(a) - dueOf(b) || a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  }
}

function dueOf(item: WorklistItem): number {
  return item.currentStep ? Date.parse(item.currentStep.dueAt) : Number.POSITIVE_INFINITY;
}

function matches(filter: AssignedFilter | undefined, assignee: NamedOfficer | undefined, user: AuthenticatedUser): boolean {
  switch (filter) {
    case undefined:
      return true;
    case 'me':
      return assignee?.id === user.id;
    case 'unassigned':
      return assignee === undefined;
    case 'others':
      return assignee !== undefined && assignee.id !== user.id;
  }
}
