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
}
