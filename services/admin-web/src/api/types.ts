// The shapes of the gateway's REST answers the web app reads (services/gateway/src/**/*.dto.ts).
// Times are ISO-8601 UTC strings.

export interface OpenDeadline {
  readonly deadlineId: string;
  readonly stepId: string;
  readonly sectionCode?: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly warnAt: string;
  readonly calendar: string;
  readonly responsibleRole: string;
  readonly remainingSeconds: number;
  readonly overdue: boolean;
  readonly warned: boolean;
  readonly breached: boolean;
  readonly escalatedToRole: string | null;
}

export interface CurrentStep {
  readonly stepId: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly sectionCodes?: readonly string[];
}

export interface ComplaintView {
  readonly id: string;
  readonly officeCode: string;
  readonly trackingNumber: string;
  readonly channel: string;
  readonly status: string;
  readonly anonymous: boolean;
  readonly confidential: boolean;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly lastEventType: string;
  readonly classificationCode: string | null;
  readonly summary: string | null;
  readonly currentStep: CurrentStep | null;
  readonly sections: readonly string[];
  readonly pendingSections: readonly string[];
  readonly deadlines: readonly OpenDeadline[];
}

export interface ComplaintList {
  readonly items: readonly ComplaintView[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface InboxItem extends ComplaintView {
  readonly actions: readonly string[];
}

export interface Inbox {
  readonly items: readonly InboxItem[];
}

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
}

export interface ComplaintDetail extends ComplaintView {
  readonly availableActions: readonly string[];
  readonly outputs: ComplaintOutputs;
  /** The complaint's version this view shows (docs/adr/0033); absent for one recorded before versions. */
  readonly version?: number;
}

export interface CommandResult {
  readonly id: string;
  readonly status: string;
  readonly eventIds: readonly string[];
  /** The complaint's version afterwards (docs/adr/0033). */
  readonly version?: number;
  readonly sheetNumber?: string;
  readonly decreeNumber?: string;
}

export interface TimelineEntry {
  readonly id: string;
  readonly position: number;
  readonly type: string;
  readonly at: string;
  readonly actorRole: string | null;
  readonly actorUserId?: string;
  readonly actorService?: string;
  readonly summary: string;
  readonly status: string;
}

export interface Timeline {
  readonly events: readonly TimelineEntry[];
}

export interface ComplainantMessage {
  readonly messageId: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly text: string;
  readonly attachmentCount: number;
}

export interface ReporterContact {
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly handle?: string;
}

export interface ReplyWindow {
  readonly channel: string;
  readonly lastMessageAt: string;
  /** When the provider's free-reply window closes; null for a channel that has none. */
  readonly closesAt: string | null;
  readonly open: boolean;
}

export interface ComplaintMessages {
  readonly text: string;
  readonly messages: readonly ComplainantMessage[];
  readonly contact: ReporterContact | null;
  /** The complainant left a contact and it is not shown to this officer (docs/adr/0029). */
  readonly contactWithheld: boolean;
  /** The complaint is anonymous and its contact withheld. */
  readonly contactRedacted: boolean;
  /** The purpose the shown contact was read (and recorded) for. */
  readonly contactPurpose: string | null;
  /** The purposes this officer may state (the head of office: `BREAK_GLASS`). */
  readonly contactPurposes: readonly string[];
  readonly replyWindow: ReplyWindow | null;
}

/** One read of a complainant's contact in the office's processing record (`GET /api/v1/processing-record`). */
export interface ContactRead {
  readonly id: string;
  readonly at: string;
  readonly complaintId: string;
  readonly actor: {
    readonly kind: 'user' | 'system';
    readonly userId?: string;
    readonly username?: string;
    readonly displayName?: string;
    readonly role?: string;
    readonly officeCode?: string;
    readonly service?: string;
  };
  readonly purpose: string;
  readonly reason: string | null;
  readonly fields: readonly string[];
  readonly outcome: 'READ' | 'REFUSED';
  readonly refusalCode: string | null;
  readonly channel: string | null;
}

export interface ProcessingRecordPage {
  readonly items: readonly ContactRead[];
  readonly nextPageToken: string | null;
}

export interface ComplaintDocument {
  readonly kind: string;
  readonly title: string;
  readonly number: string;
  readonly sha256: string;
  readonly at: string;
  readonly url: string;
}

export interface ComplaintDocuments {
  readonly documents: readonly ComplaintDocument[];
}

export interface Section {
  readonly code: string;
  readonly name: string;
}

export interface SectionList {
  readonly items: readonly Section[];
}

export interface ComplaintRegistered {
  readonly id: string;
  readonly trackingNumber: string;
  readonly status: string;
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

export interface PublicOffice {
  readonly code: string;
  readonly name: string;
}

export interface PublicOffices {
  readonly offices: readonly PublicOffice[];
}

export type WebFormStatus = { readonly status: 'PENDING' | 'FAILED' } | { readonly status: 'REGISTERED'; readonly trackingNumber: string };

export type TrackingStepState = 'DONE' | 'CURRENT' | 'PENDING' | 'SKIPPED';

export interface TrackingStep {
  readonly stepId: string;
  readonly number: number;
  readonly nameId: string;
  readonly nameEn: string;
  readonly state: TrackingStepState;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

export interface Tracking {
  readonly trackingNumber: string;
  readonly officeName: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly closed: boolean;
  readonly steps: readonly TrackingStep[];
}
