import { SECTION_RESPONSE_STEP, SOP_STEPS, triggeredBy, type ClockTrigger, type SopStep, type SopStepId } from '@pengaduan/sop';

/** Where a step of the SOP stands for the reporter. */
export const STEP_STATES = ['DONE', 'CURRENT', 'PENDING', 'SKIPPED'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** One event of a complaint's record, as far as the steps' triggers look at it. */
export interface RecordedEvent {
  /** CloudEvents type, e.g. `complaint.confirmed`. */
  type: string;
  at: Date;
  /** The payload fields a trigger's `where` or `unless` names (`decision` of `complaint.follow-up-decided`, a notice's `purpose`). */
  data?: Readonly<Record<string, string>>;
}

/** One of the SOP's eight steps as the public tracking page shows it. */
export interface TrackedStep {
  stepId: SopStepId;
  number: number;
  nameId: string;
  nameEn: string;
  state: StepState;
  /** ISO-8601 UTC, for a DONE or CURRENT step that has an opening event. */
  startedAt?: string;
  /** ISO-8601 UTC, for a DONE step. */
  completedAt?: string;
}

function firstMatch(triggers: readonly ClockTrigger[], events: readonly RecordedEvent[]): Date | undefined {
  return events.find((event) => triggers.some((trigger) => triggeredBy(trigger, event)))?.at;
}

/**
 * The events that finish a step. Step 3 takes in its per-section sub-step
 * (`SECTION_RESPONSE`, which shares its number): it is finished when the last section has
 * responded, which is the event that opens the next step, not at the disposition sheet alone.
 */
function finishedOn(step: SopStep, index: number): readonly ClockTrigger[] {
  const next = SOP_STEPS[index + 1];
  return step.number === SECTION_RESPONSE_STEP.number && next ? next.opensOn : step.closesOn;
}

/**
 * The eight steps of libs/sop `SOP_STEPS` with their state, read from the complaint's events
 * through each step's own clock triggers (`opensOn`, `closesOn`), so nothing of the SOP is
 * re-encoded here. A step is DONE once an event finished it; SKIPPED when it never opened
 * but a later step did (the no-follow-up branch skips FORM_TEAM; a dismissal skips steps
 * 3-6); of the rest, the first is CURRENT while the complaint is open and the others PENDING.
 * Steps 7 and 8 open on the same event, so step 8 stays PENDING until step 7 is done.
 */
export function trackingSteps(events: readonly RecordedEvent[], closed: boolean): TrackedStep[] {
  const facts = SOP_STEPS.map((step, index) => ({
    step,
    startedAt: step.opensOn.length === 0 ? undefined : firstMatch(step.opensOn, events),
    completedAt: firstMatch(finishedOn(step, index), events),
  }));
  let currentTaken = closed;
  return facts.map(({ step, startedAt, completedAt }, index) => {
    const base = { stepId: step.id as SopStepId, number: step.number, nameId: step.nameId, nameEn: step.nameEn };
    if (completedAt) {
      return { ...base, state: 'DONE' as const, ...(startedAt ? { startedAt: startedAt.toISOString() } : {}), completedAt: completedAt.toISOString() };
    }
    const laterStepMoved = facts.slice(index + 1).some((later) => later.startedAt !== undefined || later.completedAt !== undefined);
    if (!startedAt && laterStepMoved) return { ...base, state: 'SKIPPED' as const };
    if (!currentTaken) {
      currentTaken = true;
      return { ...base, state: 'CURRENT' as const, ...(startedAt ? { startedAt: startedAt.toISOString() } : {}) };
    }
    return { ...base, state: 'PENDING' as const };
  });
}
