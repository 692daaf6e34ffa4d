/**
 * The outputs of the SOP's steps as the read model keeps them, taken from the events'
 * payloads (names of libs/sop; times ISO-8601 UTC). Nothing here is about the reporter: the
 * events carry no personal data, and the texts are the officers' own.
 */

/** Step 2: Laporan Terusan Aduan. */
export interface ConfirmationOutput {
  classificationCode: string;
  summary: string;
  anonymous: boolean;
  confidential: boolean;
  at: string;
}

/** Step 2's other ending. */
export interface DismissalOutput {
  reason: string;
  duplicateOf?: string;
  belongsTo?: string;
  note?: string;
  at: string;
}

/** Step 3: Lembar Disposisi. */
export interface DispositionOutput {
  sheetNumber: string;
  sections: { sectionCode: string; instructions: string[]; note?: string }[];
  note?: string;
  at: string;
}

/** Step 3: one section's response. */
export interface SectionResponseOutput {
  sectionCode: string;
  response: string;
  at: string;
}

/** Step 4: Analisis Aduan. */
export interface AnalysisOutput {
  findings: string;
  substantiated: string;
  classificationCode: string;
  severity: string;
  recommendation: string;
  at: string;
}

/** Step 5: Keputusan Tindak Lanjut. */
export interface FollowUpDecisionOutput {
  decision: string;
  reason: string;
  at: string;
}

/** Step 6: SK Tim Penanganan Aduan. */
export interface TeamDecreeOutput {
  decreeNumber: string;
  decreeDate: string;
  members: { name: string; nip: string; position: string; teamRole: string; userId?: string }[];
  mandate: string;
  periodStartDate: string;
  periodEndDate: string;
  at: string;
}

/** Step 7: the follow-up information was sent (its text stays in notification). */
export interface FollowUpInformationOutput {
  informationRef: string;
  channel: string;
  at: string;
}

/** Step 8: it reached the reporter. */
export interface DeliveryOutput {
  channel: string;
  method: string;
  deliveredAt: string;
  note?: string;
  at: string;
}

/** Step 8 given up: Admin Tikkim stopped trying to reach the reporter, for this reason (docs/adr/0044). */
export interface DeliveryAbandonedOutput {
  reason: string;
  at: string;
}

/** After closing: the reporter's last rating (docs/adr/0053); the comment stays in intake. */
export interface RatingOutput {
  rating: number;
  hasComment: boolean;
  withinAppealWindow: boolean;
  at: string;
}

/** The last appeal opened (docs/adr/0053); the reason stays in intake. */
export interface AppealOutput {
  trigger: string;
  hasReason: boolean;
  at: string;
}

/** The head of office's last review of an appeal (docs/adr/0053). */
export interface AppealReviewOutput {
  decision: string;
  reason?: string;
  at: string;
}

/** Who recorded a rating or an appeal: the reporter themselves (the tracking page, a reply on their channel), or Admin Tikkim (by phone, in person). */
export type FeedbackRecorder = 'REPORTER' | 'OFFICER';

/** One closing that was rated or appealed (docs/adr/0053): its rating, its appeal, the head's review. */
export interface FeedbackRoundOutput {
  rating?: RatingOutput & { by: FeedbackRecorder };
  appeal?: AppealOutput & { by: FeedbackRecorder };
  review?: AppealReviewOutput;
}

/** Every output of a complaint so far; a step not reached yet is null. */
export interface ComplaintOutputs {
  confirmation: ConfirmationOutput | null;
  dismissal: DismissalOutput | null;
  disposition: DispositionOutput | null;
  sectionResponses: SectionResponseOutput[];
  analysis: AnalysisOutput | null;
  followUpDecision: FollowUpDecisionOutput | null;
  teamDecree: TeamDecreeOutput | null;
  followUpInformation: FollowUpInformationOutput | null;
  delivery: DeliveryOutput | null;
  deliveryAbandoned: DeliveryAbandonedOutput | null;
  rating: RatingOutput | null;
  appeal: AppealOutput | null;
  appealReview: AppealReviewOutput | null;
  /** Every round after a closing, oldest first (docs/adr/0053). */
  feedbackRounds: FeedbackRoundOutput[];
}
