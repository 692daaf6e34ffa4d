// What each SOP step of a complaint produced, as its page shows it.

export interface ConfirmationOutput {
  readonly classificationCode: string;
  readonly summary: string;
  readonly anonymous: boolean;
  readonly confidential: boolean;
  readonly at: string;
}

export interface DismissalOutput {
  readonly reason: string;
  readonly duplicateOf?: string;
  readonly belongsTo?: string;
  readonly note?: string;
  readonly at: string;
}

export interface DispositionSectionOutput {
  readonly sectionCode: string;
  readonly instructions: readonly string[];
  readonly note?: string;
}

export interface DispositionOutput {
  readonly sheetNumber: string;
  readonly sections: readonly DispositionSectionOutput[];
  readonly note?: string;
  readonly at: string;
}

export interface SectionResponseOutput {
  readonly sectionCode: string;
  readonly response: string;
  readonly at: string;
}

export interface AnalysisOutput {
  readonly findings: string;
  readonly substantiated: string;
  readonly classificationCode: string;
  readonly severity: string;
  readonly recommendation: string;
  readonly at: string;
}

export interface FollowUpDecisionOutput {
  readonly decision: string;
  readonly reason: string;
  readonly at: string;
}

export interface TeamMemberOutput {
  readonly name: string;
  readonly nip: string;
  readonly position: string;
  readonly teamRole: string;
  readonly userId?: string;
}

export interface TeamDecreeOutput {
  readonly decreeNumber: string;
  readonly decreeDate: string;
  readonly members: readonly TeamMemberOutput[];
  readonly mandate: string;
  readonly periodStartDate: string;
  readonly periodEndDate: string;
  readonly at: string;
}

export interface FollowUpInformationOutput {
  readonly informationRef: string;
  readonly channel: string;
  readonly at: string;
}

export interface DeliveryOutput {
  readonly channel: string;
  readonly method: string;
  readonly deliveredAt: string;
  readonly note?: string;
  readonly at: string;
}

/** Step 8 given up: the complainant could not be reached (docs/adr/0044). */
export interface DeliveryAbandonedOutput {
  readonly reason: string;
  readonly at: string;
}

/** After closing: the complainant's last rating (docs/adr/0053); the comment stays in intake. */
export interface RatingOutput {
  readonly rating: number;
  readonly hasComment: boolean;
  readonly withinAppealWindow: boolean;
  readonly at: string;
}

/** The last appeal and the head of office's last review of one (docs/adr/0053). */
export interface AppealOutput {
  readonly trigger: string;
  readonly hasReason: boolean;
  readonly at: string;
}

export interface AppealReviewOutput {
  readonly decision: string;
  readonly reason?: string;
  readonly at: string;
}

/** Who recorded a rating or an appeal: the complainant themselves (the tracking page, a reply on their channel) or Admin Tikkim (by phone, in person). */
export type FeedbackRecorder = 'REPORTER' | 'OFFICER';

/** One closing that was rated or appealed (docs/adr/0053), oldest first. */
export interface FeedbackRound {
  readonly rating?: RatingOutput & { readonly by: FeedbackRecorder };
  readonly appeal?: AppealOutput & { readonly by: FeedbackRecorder };
  readonly review?: AppealReviewOutput;
}

export interface ComplaintOutputs {
  readonly confirmation: ConfirmationOutput | null;
  readonly dismissal: DismissalOutput | null;
  readonly disposition: DispositionOutput | null;
  readonly sectionResponses: readonly SectionResponseOutput[];
  readonly analysis: AnalysisOutput | null;
  readonly followUpDecision: FollowUpDecisionOutput | null;
  readonly teamDecree: TeamDecreeOutput | null;
  readonly followUpInformation: FollowUpInformationOutput | null;
  readonly delivery: DeliveryOutput | null;
  /** Absent from a gateway older than docs/adr/0044. */
  readonly deliveryAbandoned?: DeliveryAbandonedOutput | null;
  /** Absent from a gateway older than docs/adr/0053. */
  readonly rating?: RatingOutput | null;
  readonly appeal?: AppealOutput | null;
  readonly appealReview?: AppealReviewOutput | null;
  /** Every round after a closing; absent from a gateway before the rounds were kept. */
  readonly feedbackRounds?: readonly FeedbackRound[];
}
