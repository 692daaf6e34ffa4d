import { availableActions, COMMAND_RULES, type CommandType, type ComplaintState } from '@pengaduan/sop';
import { sopActorOf, type AuthenticatedUser } from '../auth/authenticated-user';
import { currentStepOf } from '../read-model/current-step';

/** Who an assignment rule looks at: an officer's role, section and id. */
export type Officer = Pick<AuthenticatedUser, 'id' | 'role' | 'sectionCode'>;

/** The SOP steps (libs/sop rules with a step) the officer may take on the complaint now. */
export function stepActionsOf(state: ComplaintState, officer: Officer): CommandType[] {
  const actor = sopActorOf({ ...officer, username: '', displayName: '', officeCode: '' });
  return availableActions(state, actor).filter((type) => COMMAND_RULES[type].step !== null);
}

/** Whether the complaint waits on the officer's role (for a section officer: their section) now. */
export function waitsOn(state: ComplaintState, officer: Officer): boolean {
  return stepActionsOf(state, officer).length > 0;
}

/**
 * The occurrence of the step the complaint is at, as the officer sees it: its id and when it
 * started (a section officer's own section's step), or the status when no clock runs. An
 * assignment is to this step: it lapses once the complaint is at another one.
 */
export function stepKeyOf(state: ComplaintState, officer: Pick<Officer, 'sectionCode'>): string {
  const step = currentStepOf(state, officer.sectionCode);
  return step ? `${step.stepId}@${step.startedAt}` : `${state.status}@${'since' in state ? state.since : ''}`;
}

/** An assignment as the journal's latest row of a complaint records it. */
export interface LatestAssignment {
  kind: 'CLAIMED' | 'ASSIGNED' | 'RELEASED';
  assignee: Officer | null;
  stepKey: string;
}

/**
 * Whether the latest row still puts its assignee on the complaint: not a release, the complaint
 * still at the step it was recorded at, and the assignee still one it waits on (a section that
 * responded is done). Derived on read: the complaint moving on needs no consumer (docs/adr/0046).
 */
export function stillHolds(latest: LatestAssignment | undefined, state: ComplaintState): boolean {
  if (!latest?.assignee) return false;
  return stepKeyOf(state, latest.assignee) === latest.stepKey && waitsOn(state, latest.assignee);
}
