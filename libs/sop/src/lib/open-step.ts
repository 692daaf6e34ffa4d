import type { StepId } from './sop-steps';
import { getStep } from './sop-steps';
import type { ComplaintState } from './state';
import { pendingSections } from './state';

/** A step whose clock runs now. */
export interface OpenStep {
  readonly stepId: StepId;
  /** Set for `SECTION_RESPONSE` only: the section whose response is awaited. */
  readonly sectionCode?: string;
  /** ISO-8601 UTC time the clock started (the event that opened the step). */
  readonly startedAt: string;
  /** The step's Mutu Baku time in hours. */
  readonly deadlineHours: number;
}

/**
 * The timed steps whose clocks run in this state, for the SLA monitor: none (NEW, CLOSED),
 * one, or in DISPOSED one `SECTION_RESPONSE` per section yet to respond. Consistent with
 * each step's `opensOn`/`closesOn` in {@link SOP_STEPS}. Step 8 (`DELIVER_INFORMATION`) runs
 * from the outcome the reporter is told about until delivery (or until Admin Tikkim gives
 * up, docs/adr/0044), across step 7.
 */
export function openStep(state: ComplaintState): readonly OpenStep[] {
  switch (state.status) {
    case 'NEW':
    case 'CLOSED':
      return [];
    case 'RECEIVED':
      return [clock('CONFIRM', state.since)];
    case 'CONFIRMED':
      return [clock('DISPOSE_AND_PROCESS', state.since)];
    case 'DISPOSED':
      return pendingSections(state).map((sectionCode) => ({ ...clock('SECTION_RESPONSE', state.since), sectionCode }));
    case 'SECTION_PROCESSED':
      return [clock('ANALYZE', state.since)];
    case 'ANALYZED':
      return [clock('DECIDE_FOLLOW_UP', state.since)];
    case 'FOLLOW_UP_DECIDED':
      return [clock('FORM_TEAM', state.since)];
    case 'NO_FOLLOW_UP_DECIDED':
    case 'TEAM_FORMED':
    case 'DISMISSED':
    case 'APPEAL_UPHELD':
      return [clock('DELIVER_INFORMATION', state.since)];
    case 'APPEALED':
      return [clock('REVIEW_APPEAL', state.since)];
    case 'REPORTER_INFORMED':
      return state.deliveredAt === null && state.abandonedAt === undefined ? [clock('DELIVER_INFORMATION', state.outcomeAt)] : [];
    default:
      return assertNever(state);
  }
}

function clock(stepId: StepId, startedAt: string): OpenStep {
  const hours = getStep(stepId).deadlineHours;
  if (hours === null) throw new Error(`libs/sop: step ${stepId} is untimed and has no clock`);
  return { stepId, startedAt, deadlineHours: hours };
}

function assertNever(value: never): never {
  throw new Error(`libs/sop: unhandled state ${JSON.stringify(value)}`);
}
