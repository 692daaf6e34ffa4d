import type { AssignedOfficer } from './assignment';
import type { ComplaintOutputs } from './complaint-outputs';

// A complaint as lists, worklists and its page show it, and what a command answers.

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
  /** For channel LAPOR: the SP4N-LAPOR! report number (docs/adr/0055). */
  readonly laporReportNumber?: string;
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

export interface WorklistItem extends ComplaintView {
  readonly actions: readonly string[];
  /** The officer of the office on it at its current step (docs/adr/0046); absent when no one is. */
  readonly assignee?: AssignedOfficer;
}

export interface Worklist {
  readonly items: readonly WorklistItem[];
}

export interface ComplaintDetail extends ComplaintView {
  readonly availableActions: readonly string[];
  /** The notices the officer may call the complainant about now (docs/adr/0051); absent from an older gateway. */
  readonly callPurposes?: readonly string[];
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

export interface ComplaintRegistered {
  readonly id: string;
  readonly trackingNumber: string;
  readonly status: string;
}

/** `GET /api/v1/call-tasks`: a notice no channel could deliver (services/gateway/src/call-tasks, docs/adr/0051). */
export interface CallTask {
  readonly complaintId: string;
  readonly trackingNumber: string;
  /** ACKNOWLEDGEMENT, FOLLOW_UP_INFORMATION or DISMISSAL_NOTICE: a complaint may have a task of each. */
  readonly purpose: string;
  readonly openedAt: string;
  readonly failures: readonly { readonly channel: string; readonly errorCode: string; readonly attempt: number; readonly failedAt: string }[];
  /** The last call that did not reach the complainant (docs/adr/0044); absent from an older gateway. */
  readonly lastCallAttempt?: { readonly attemptedAt: string; readonly retryAt: string; readonly attempts: number } | null;
}

/** `GET /api/v1/lapor-postings`: a LAPOR! complaint's answer to post on SP4N-LAPOR! (services/gateway/src/lapor-postings, docs/adr/0055). */
export interface LaporPosting {
  readonly complaintId: string;
  readonly trackingNumber: string;
  readonly laporReportNumber: string;
  readonly openedAt: string;
}

/** `GET /api/v1/lapor-postings/{id}/text`: the follow-up information as written, to post on LAPOR! (docs/adr/0055). */
export interface LaporPostingText {
  readonly complaintId: string;
  readonly trackingNumber: string;
  readonly laporReportNumber: string | null;
  readonly text: string;
  readonly writtenAt: string;
}

/** `GET /api/v1/sla/escalations`: a missed deadline escalated to the officer (services/gateway/src/sla-escalations). */
export interface Escalation {
  readonly deadlineId: string;
  readonly complaintId: string;
  readonly trackingNumber: string;
  readonly stepId: string;
  readonly sectionCode: string | null;
  readonly dueAt: string;
  readonly escalatedAt: string;
  readonly escalatedToRole: string;
  readonly level: number;
  readonly latenessSeconds: number;
  readonly resolved: boolean;
  readonly stoppedAt: string | null;
}
