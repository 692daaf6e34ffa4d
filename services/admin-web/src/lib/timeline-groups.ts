// The complaint's timeline as an officer reads it: the SOP's steps in order, each with the SLA
// lines of its deadline folded under it, and the deadlines of steps not done yet at the end.
import { getStep, isAcknowledgementCall, SECTION_RESPONSE_STEP, SLA_TARGET_IDS, SOP_STEP_IDS, type SopStepId } from '@pengaduan/sop';

/** What the grouping reads of a timeline line (the API's `TimelineEntry`). */
export interface TimelineLine {
  readonly position: number;
  readonly type: string;
  /** For an `sla.*` line: the step or target its deadline is about; absent on lines recorded before the gateway kept it. */
  readonly stepId?: string;
  /** For a line about a message to the complainant: the notice it is about (docs/adr/0051). */
  readonly purpose?: string;
}

/** A set of SLA lines, and whether one of them says the deadline was missed. */
export interface DeadlineLines<T> {
  readonly lines: readonly T[];
  /** A breach or an escalation is among them: shown without unfolding, so lateness is never missed. */
  readonly late: boolean;
}

export interface StepGroup<T> extends DeadlineLines<T> {
  /** The SOP event (`complaint.*`). */
  readonly step: T;
}

export interface GroupedTimeline<T> {
  readonly steps: readonly StepGroup<T>[];
  /**
   * The SLA lines of deadlines whose step is not done yet: a group of their own after the last
   * step rather than under it, because the last step line is the one that *started* the clock
   * (its deadline is the next step's), and an officer looks at the end of the record for what is
   * due now; once the step is done, its lines move under it.
   */
  readonly running: DeadlineLines<T>;
}

const LATE_TYPES: ReadonlySet<string> = new Set(['sla.deadline-breached', 'sla.escalated']);
const TARGET_IDS: readonly string[] = SLA_TARGET_IDS;
const STEP_IDS: readonly string[] = SOP_STEP_IDS;

const isSlaLine = (line: TimelineLine): boolean => line.type.startsWith('sla.');

/** A breach or an escalation: a line that says the step is late. */
export const isLateLine = (line: TimelineLine): boolean => LATE_TYPES.has(line.type);

/**
 * The SOP events whose line a deadline folds under: the events that end its step (libs/sop
 * `closesOn`: `CONFIRM` → `complaint.confirmed` or `complaint.dismissed`). Exceptions: the
 * sections' responses fold under "all sections responded", the end of step 3 (a line does not
 * say which section responded, so a section's deadline never sits under another section's
 * response); the 72 h target and the 60 days run until the information reached the reporter
 * (or Admin Tikkim gave up reaching them, docs/adr/0044).
 * None for an id libs/sop does not know.
 */
export function completingEventTypes(stepId: string): readonly string[] {
  if (stepId === SECTION_RESPONSE_STEP.id) return ['complaint.disposition-completed'];
  if (TARGET_IDS.includes(stepId)) return ['complaint.information-delivered', 'complaint.delivery-abandoned'];
  if (STEP_IDS.includes(stepId)) return getStep(stepId as SopStepId).closesOn.map((trigger) => trigger.event);
  return [];
}

/** The timeline's lines grouped by step (see {@link GroupedTimeline}); each group in the record's order. */
export function groupTimeline<T extends TimelineLine>(entries: readonly T[]): GroupedTimeline<T> {
  const ordered = [...entries].sort((a, b) => a.position - b.position);
  const folded = new Map<T, T[]>(ordered.filter((e) => !isSlaLine(e)).map((step) => [step, []]));
  const running: T[] = [];
  ordered.forEach((line, index) => {
    if (!isSlaLine(line)) return;
    const step = stepOf(line, ordered, index);
    const group = step === undefined ? undefined : folded.get(step);
    if (group) group.push(line);
    else running.push(line);
  });
  return { steps: [...folded].map(([step, lines]) => ({ step, ...deadlineLines(lines) })), running: deadlineLines(running) };
}

/**
 * The step line an SLA line folds under: the first event after it that ends its step (a clock's
 * lines come before the step's end, but for the stop that the end itself causes), else the last
 * one before it. A line that names no step libs/sop knows (recorded before the gateway kept the
 * id, or from a newer SLA monitor) folds under the step line before it. Undefined: the step is
 * not done yet.
 */
function stepOf<T extends TimelineLine>(line: T, ordered: readonly T[], index: number): T | undefined {
  const completing = line.stepId === undefined ? [] : completingEventTypes(line.stepId);
  const before = ordered.slice(0, index).reverse();
  if (completing.length === 0) return before.find((e) => !isSlaLine(e));
  // A call about the acknowledgement ends no step, though its type may end step 8 (docs/adr/0051).
  const ends = (e: T) => completing.includes(e.type) && !isAcknowledgementCall({ type: e.type, data: { purpose: e.purpose } });
  return ordered.slice(index + 1).find(ends) ?? before.find(ends);
}

function deadlineLines<T extends TimelineLine>(lines: readonly T[]): DeadlineLines<T> {
  return { lines, late: lines.some(isLateLine) };
}
