import { openStep, type ComplaintState, type StepId } from '@pengaduan/sop';

/** The step whose clock runs now, with the time its Mutu Baku runs out. */
export interface CurrentStep {
  stepId: StepId;
  /** ISO-8601 UTC: when the step's clock started. */
  startedAt: string;
  /** ISO-8601 UTC: `startedAt` plus the step's deadline hours (libs/sop). */
  dueAt: string;
  /** For `SECTION_RESPONSE`: the sections whose response is awaited (one, for a section officer). */
  sectionCodes?: string[];
}

/**
 * The complaint's current step by libs/sop `openStep`, or null when no clock runs (closed).
 * In DISPOSED one step runs per section yet to respond, all from the disposition: they are
 * shown as one step naming those sections, or, for `sectionCode`, that section's alone.
 */
export function currentStepOf(state: ComplaintState, sectionCode?: string): CurrentStep | null {
  const open = openStep(state);
  if (open.length === 0) return null;
  const own = sectionCode === undefined ? undefined : open.find((s) => s.sectionCode === sectionCode);
  const step = own ?? open[0];
  const dueAt = new Date(new Date(step.startedAt).getTime() + step.deadlineHours * 3_600_000).toISOString();
  const sections = own ? [sectionCode as string] : open.flatMap((s) => (s.sectionCode === undefined ? [] : [s.sectionCode]));
  return { stepId: step.stepId, startedAt: step.startedAt, dueAt, ...(sections.length > 0 ? { sectionCodes: sections } : {}) };
}

/** What `withMonitoredDue` needs of a deadline of the SLA monitor. */
export interface MonitoredDeadline {
  stepId: string;
  sectionCode: string | null;
  dueAt: Date;
  stoppedAt: Date | null;
}

/**
 * The step with the SLA monitor's due time once its deadline started (the office's policy, a
 * working calendar among them, may move it from `currentStepOf`'s wall-clock estimate); for
 * SECTION_RESPONSE the earliest of the deadlines of the sections the step names. The same rule
 * as the projection's `current_step_due_at`.
 */
export function withMonitoredDue(step: CurrentStep | null, deadlines: readonly MonitoredDeadline[]): CurrentStep | null {
  if (!step) return null;
  const dues = deadlines
    .filter((d) => d.stoppedAt === null && d.stepId === step.stepId && (d.sectionCode === null || (step.sectionCodes ?? []).includes(d.sectionCode)))
    .map((d) => d.dueAt.getTime());
  return dues.length === 0 ? step : { ...step, dueAt: new Date(Math.min(...dues)).toISOString() };
}
