import { APPEAL_DECISIONS, APPEAL_TRIGGERS, POOR_RATING_MAX, SOP_STEPS, triggeredBy, type AppealDecision } from '@pengaduan/sop';
import type { DataSource } from 'typeorm';
import type { DashboardFeedbackDto } from './dashboard-feedback.dto';

const RATINGS = [1, 2, 3, 4, 5] as const;

/** The first SOP step an appeal's review opens again: libs/sop's clocks say it, not this file. */
export function stepAReviewReturnsTo(decision: AppealDecision): number {
  const step = SOP_STEPS.find((s) => s.opensOn.some((t) => triggeredBy(t, { type: 'complaint.appeal-reviewed', data: { decision } })));
  if (!step) throw new Error(`no SOP step opens on an appeal review ${decision}`);
  return step.number;
}

/** Where and when: the office, [from, to) of the rating, appeal or review, and the complaint's channel if asked. */
export interface FeedbackScope {
  officeCode: string;
  from: Date;
  to: Date;
  channel?: string;
}

/** Ratings and appeals of the office's complaints given in the period (docs/adr/0053). */
export async function dashboardFeedback(ds: DataSource, scope: FeedbackScope): Promise<DashboardFeedbackDto> {
  const rows = (await ds.query(
    `SELECT f.kind, coalesce(f.rating::text, f.trigger, f.decision) AS value, count(*)::int AS count
       FROM complaint_feedback_fact f JOIN complaint_view v ON v.id = f.complaint_id
      WHERE v.office_code = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3 AND ($4::text IS NULL OR v.channel = $4)
      GROUP BY 1, 2`,
    [scope.officeCode, scope.from, scope.to, scope.channel ?? null],
  )) as { kind: string; value: string; count: number }[];
  const countOf = (kind: string, value: string) => rows.find((r) => r.kind === kind && r.value === value)?.count ?? 0;
  const ratingDistribution = RATINGS.map((rating) => ({ rating, count: countOf('RATED', String(rating)) }));
  const ratings = ratingDistribution.reduce((n, r) => n + r.count, 0);
  const sum = ratingDistribution.reduce((n, r) => n + r.rating * r.count, 0);
  const poor = ratingDistribution.filter((r) => r.rating <= POOR_RATING_MAX).reduce((n, r) => n + r.count, 0);
  return {
    ratings,
    averageRating: ratings === 0 ? null : Math.round((sum / ratings) * 100) / 100,
    ratingDistribution,
    poorRatingShare: ratings === 0 ? null : poor / ratings,
    appealsByTrigger: APPEAL_TRIGGERS.map((trigger) => ({ trigger, count: countOf('APPEALED', trigger) })),
    appealReviews: APPEAL_DECISIONS.map((decision) => ({ decision, stepNumber: stepAReviewReturnsTo(decision), count: countOf('APPEAL_REVIEWED', decision) })),
  };
}
