// The office's sections, its dashboard and its SLA summary.

export interface Section {
  readonly code: string;
  readonly name: string;
  /** Retired (listed only with `?includeRetired=true`): named on old sheets, offered for no new disposition (docs/adr/0042). */
  readonly retired?: boolean;
}

export interface SectionList {
  readonly items: readonly Section[];
}

export interface Dashboard {
  readonly from: string;
  readonly to: string;
  readonly bucket: 'day' | 'week';
  readonly byChannel: readonly { readonly channel: string; readonly count: number }[];
  /** `classificationCode` null: the complaints not confirmed (yet). */
  readonly byClassification: readonly { readonly classificationCode: string | null; readonly count: number }[];
  readonly byStatus: readonly { readonly status: string; readonly count: number }[];
  readonly slaOverTime: readonly { readonly periodStart: string; readonly onTime: number; readonly late: number }[];
  readonly feedback: DashboardFeedback;
}

/** Ratings and appeals given in the dashboard's period (docs/adr/0053). */
export interface DashboardFeedback {
  readonly ratings: number;
  readonly averageRating: number | null;
  readonly ratingDistribution: readonly { readonly rating: number; readonly count: number }[];
  readonly poorRatingShare: number | null;
  readonly appealsByTrigger: readonly { readonly trigger: 'POOR_RATING' | 'REQUEST'; readonly count: number }[];
  readonly appealReviews: readonly { readonly decision: 'REDISPOSE' | 'REANALYZE' | 'UPHOLD'; readonly stepNumber: number; readonly count: number }[];
}

export interface SlaStepSummary {
  readonly stepId: string;
  readonly onTime: number;
  readonly late: number;
  readonly open: number;
  readonly openOverdue: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly lateMedianHours?: number | null;
}

export interface SlaSummary {
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly offices: readonly { readonly officeCode: string; readonly steps: readonly SlaStepSummary[] }[];
}
