import type { AppealCommand, RateCommand, ReviewAppealCommand } from '../commands';
import { FIELD_RULES } from '../field-rules';
import { APPEAL_DECISIONS, POOR_RATING_MAX, RATING_MAX, RATING_MIN } from '../reference-data';
import type { ComplaintState, StateOf } from '../state';
import type { FieldProblem } from '../validation';
import { firstProblem, requireBoolean, requireOneOf, requireText } from '../validation';
import type { Outcome } from './step-outcome';

// After closing (docs/adr/0053): the reporter's rating, an appeal, the head of office's review.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether `now` lies within `days` days of the complaint's closing (its `since`). */
export function withinAppealWindow(state: StateOf<'CLOSED'>, appealWindowDays: number, now: Date): boolean {
  return now.getTime() <= Date.parse(state.since) + appealWindowDays * DAY_MS;
}

/**
 * Why an explicit appeal cannot come now (the office's window after closing has passed), or null;
 * decide answers it as an illegal transition: the command is well formed but too late.
 */
export function appealTooLate(state: ComplaintState, c: { readonly type: string; readonly appealWindowDays?: unknown }, now: Date): string | null {
  if (c.type !== 'appeal' || state.status !== 'CLOSED' || windowProblem(c.appealWindowDays) !== null) return null;
  const days = c.appealWindowDays as number;
  return withinAppealWindow(state, days, now) ? null : `the appeal window of ${days} days after closing at ${state.since} has passed`;
}

/** A rating of this closing; a poor one within the window also opens the appeal, in the same decision. */
export function rate(c: RateCommand, state: StateOf<'CLOSED'>, at: string, now: Date): Outcome {
  const problem = firstProblem(
    () => ratingProblem(c.rating),
    () => requireBoolean(c.hasComment, 'hasComment'),
    () => windowProblem(c.appealWindowDays),
  );
  if (problem) return { problem };
  const within = withinAppealWindow(state, c.appealWindowDays, now);
  const rated = { type: 'complaint.rated', at, actor: c.actor, data: { rating: c.rating, hasComment: c.hasComment, withinAppealWindow: within } } as const;
  if (!within || c.rating > POOR_RATING_MAX) return { events: [rated] };
  return { events: [rated, { type: 'complaint.appealed', at, actor: c.actor, data: { trigger: 'POOR_RATING', hasReason: c.hasComment } }] };
}

/** An explicit appeal within the window (decide refused it when late: {@link appealTooLate}). */
export function appeal(c: AppealCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireBoolean(c.hasReason, 'hasReason'),
    () => windowProblem(c.appealWindowDays),
  );
  if (problem) return { problem };
  return { events: [{ type: 'complaint.appealed', at, actor: c.actor, data: { trigger: 'REQUEST', hasReason: c.hasReason } }] };
}

/** The head of office's review: a new disposition, a new analysis, or the answer upheld for a reason. */
export function reviewAppeal(c: ReviewAppealCommand, at: string): Outcome {
  const problem = firstProblem(
    () => requireOneOf(c.decision, APPEAL_DECISIONS, 'decision'),
    () => (c.decision === 'UPHOLD' || c.reason !== undefined ? reasonProblem(c.reason) : null),
  );
  if (problem) return { problem };
  const reason = c.reason === undefined ? {} : { reason: c.reason.trim() };
  return { events: [{ type: 'complaint.appeal-reviewed', at, actor: c.actor, data: { decision: c.decision, ...reason } }] };
}

function ratingProblem(rating: unknown): FieldProblem | null {
  return Number.isInteger(rating) && (rating as number) >= RATING_MIN && (rating as number) <= RATING_MAX
    ? null
    : { field: 'rating', message: `rating must be a whole number from ${RATING_MIN} to ${RATING_MAX}` };
}

function windowProblem(days: unknown): FieldProblem | null {
  // The office's setting is bounded where it is kept (intake's office_appeal_window: 0 to 365).
  return Number.isInteger(days) && (days as number) >= 0 ? null : { field: 'appealWindowDays', message: 'appealWindowDays must be a whole number of days, 0 or more' };
}

function reasonProblem(reason: unknown): FieldProblem | null {
  const blank = requireText(reason, 'reason');
  if (blank) return blank;
  const { maxLength } = FIELD_RULES.appealReviewReason;
  return (reason as string).trim().length > maxLength ? { field: 'reason', message: `reason must be at most ${maxLength} characters` } : null;
}
