import type {
  AppealDecision,
  AppealTrigger,
  Channel,
  ClassificationCode,
  ComplaintOutcome,
  ContactFieldName,
  DataAccessVerification,
  DeliveryMethod,
  Dismissal,
  DispositionSheet,
  ErasureReason,
  FollowUpDecision,
  NotificationPurpose,
  OutboundChannel,
  Severity,
  Substantiation,
  TeamMember,
} from './reference-data';
import type { Actor } from './roles';

/** Every complaint event type, in SOP order: one event for every SOP transition. */
export const COMPLAINT_EVENT_TYPES = [
  'complaint.received',
  'complaint.message-appended',
  'complaint.acknowledged',
  'complaint.confirmed',
  'complaint.dismissed',
  'complaint.disposed',
  'complaint.section-responded',
  'complaint.disposition-completed',
  'complaint.analyzed',
  'complaint.follow-up-decided',
  'complaint.team-formed',
  'complaint.reporter-informed',
  'complaint.information-delivered',
  'complaint.notification-failed',
  'complaint.call-attempted',
  'complaint.delivery-abandoned',
  'complaint.closed',
  'complaint.rated',
  'complaint.appealed',
  'complaint.appeal-reviewed',
  'complaint.personal-data-erased',
  'complaint.data-access-requested',
  'complaint.data-access-answered',
  'complaint.contact-corrected',
  'complaint.contact-restricted',
  'complaint.contact-restriction-lifted',
] as const;

/** A complaint event's `type` (see {@link COMPLAINT_EVENT_TYPES}). */
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

/**
 * The SLA monitor's event types. They are not state-machine events: they never change a
 * complaint's state and {@link evolve} does not accept them.
 */
export const SLA_EVENT_TYPES = ['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated', 'sla.deadline-stopped'] as const;

/** An SLA event's `type` (see {@link SLA_EVENT_TYPES}). */
export type SlaEventType = (typeof SLA_EVENT_TYPES)[number];

/**
 * Common shape of every complaint event. It maps one-to-one onto the CloudEvents envelope
 * (`type`, `time` = `at`, `actor`, `data`); the complaint id and office travel in the
 * envelope (`subject`, `office`) and, once, in `complaint.received`.
 */
export interface SopEventBase<T extends ComplaintEventType, D> {
  readonly type: T;
  /** ISO-8601 UTC timestamp (`Date.prototype.toISOString()`) of the decision that produced the event. */
  readonly at: string;
  readonly actor: Actor;
  readonly data: D;
}

/** Step 1's output (Laporan Aduan) is registered. No personal data of the reporter. */
export type ComplaintReceived = SopEventBase<
  'complaint.received',
  {
    readonly complaintId: string;
    readonly officeCode: string;
    readonly trackingNumber: string;
    readonly channel: Channel;
    readonly anonymous: boolean;
    readonly confidential: boolean;
  }
>;

/** Another message joined an open complaint. */
export type MessageAppended = SopEventBase<'complaint.message-appended', { readonly messageId: string }>;

/** The tracking number was sent to the reporter. */
export type ComplaintAcknowledged = SopEventBase<'complaint.acknowledged', { readonly trackingNumber: string }>;

/** Step 2 done: Laporan Terusan Aduan. `anonymous`/`confidential` as the admin confirmed them. */
export type ComplaintConfirmed = SopEventBase<
  'complaint.confirmed',
  {
    readonly classification: ClassificationCode;
    readonly summary: string;
    readonly anonymous: boolean;
    readonly confidential: boolean;
  }
>;

/** Step 2 ended the message as not a complaint. */
export type ComplaintDismissed = SopEventBase<
  'complaint.dismissed',
  { readonly dismissal: Dismissal; readonly note?: string }
>;

/** Step 3: the disposition sheet (Lembar Disposisi). */
export type ComplaintDisposed = SopEventBase<'complaint.disposed', { readonly sheet: DispositionSheet }>;

/** Step 3: one dispositioned section responded. */
export type SectionResponded = SopEventBase<
  'complaint.section-responded',
  { readonly sectionCode: string; readonly response: string }
>;

/** Step 3 done: the last dispositioned section responded; the complaint goes back to Admin Tikkim. */
export type DispositionCompleted = SopEventBase<
  'complaint.disposition-completed',
  {
    /** Every dispositioned section, in sheet order. */
    readonly sectionCodes: readonly string[];
  }
>;

/** Step 4: Analisis Aduan. */
export type ComplaintAnalyzed = SopEventBase<
  'complaint.analyzed',
  {
    readonly findings: string;
    readonly substantiated: Substantiation;
    readonly classification: ClassificationCode;
    readonly severity: Severity;
    readonly recommendation: string;
  }
>;

/** Step 5: Keputusan Tindak Lanjut, either branch. */
export type FollowUpDecided = SopEventBase<
  'complaint.follow-up-decided',
  { readonly decision: FollowUpDecision; readonly reason: string }
>;

/** Step 6: SK Tim Penanganan Aduan. */
export type TeamFormed = SopEventBase<
  'complaint.team-formed',
  { readonly decreeNumber: string; readonly members: readonly TeamMember[] }
>;

/**
 * Step 7: the follow-up was sent to the reporter. What the reporter was told is text addressed
 * to the reporter, so it stays in notification; the event carries a reference to it.
 */
export type ReporterInformed = SopEventBase<
  'complaint.reporter-informed',
  {
    /** The branch the reporter was told about. */
    readonly outcome: ComplaintOutcome;
    /** Reference to the follow-up information (Informasi Tindak Lanjut) kept by notification. */
    readonly informationRef: string;
  }
>;

/** Step 8: Informasi Tindak Lanjut reached the reporter. */
export type InformationDelivered = SopEventBase<
  'complaint.information-delivered',
  {
    /** The channel it reached the reporter over. */
    readonly channel: OutboundChannel;
    /** How the delivery is known. */
    readonly method: DeliveryMethod;
    /** ISO-8601 UTC time of delivery as reported by the provider or the officer. */
    readonly deliveredAt: string;
    readonly note?: string;
  }
>;

/**
 * An attempt to reach the reporter failed. For the follow-up information (or dismissal notice)
 * it happens in step 8 and changes nothing; another channel is to be tried. For the
 * acknowledgement it may happen whenever the complaint is open.
 */
export type NotificationFailed = SopEventBase<
  'complaint.notification-failed',
  {
    /** What the message was for. */
    readonly purpose: NotificationPurpose;
    /** The channel that failed. */
    readonly channel: OutboundChannel;
    /** Stable error code (the provider's or ours), e.g. `WHATSAPP.131047`; never a provider's message text. */
    readonly errorCode: string;
  }
>;

/**
 * Admin Tikkim phoned a reporter no channel could reach and did not reach them; the call is to
 * be tried again at `retryAt`. About step 8's information (docs/adr/0044): the complaint's state
 * keeps `callRetryAt`, and as a decision of Admin Tikkim in step 8 it moves the complaint's
 * version. About the acknowledgement (docs/adr/0051): no step, no state, no version.
 */
export type CallAttempted = SopEventBase<
  'complaint.call-attempted',
  {
    /** ISO-8601 UTC time to call again; the call task waits until then. */
    readonly retryAt: string;
    /** The notice the call was about; absent (recorded before docs/adr/0051): step 8's information. */
    readonly purpose?: NotificationPurpose;
  }
>;

/**
 * Admin Tikkim stops trying to reach the reporter, for `reason`. About step 8's information:
 * always followed by `complaint.closed` in the same decision, delivery not confirmed
 * (docs/adr/0044). About the acknowledgement: the acknowledgement alone is given up, the
 * complaint goes on (docs/adr/0051).
 */
export type DeliveryAbandoned = SopEventBase<
  'complaint.delivery-abandoned',
  {
    /** Why no further attempt is made: an officer's text, screened for the reporter's contact. */
    readonly reason: string;
    /** The notice given up; absent (recorded before docs/adr/0051): step 8's information. */
    readonly purpose?: NotificationPurpose;
  }
>;

/**
 * SELESAI. Always follows `complaint.information-delivered` or `complaint.delivery-abandoned`
 * in the same decision.
 */
export type ComplaintClosed = SopEventBase<'complaint.closed', { readonly outcome: ComplaintOutcome }>;

/**
 * The reporter rated the handling of the closed complaint (docs/adr/0053). The comment, if any,
 * stays in intake: only whether there is one.
 */
export type ComplaintRated = SopEventBase<
  'complaint.rated',
  {
    /** 1 to 5. */
    readonly rating: number;
    readonly hasComment: boolean;
    /** Whether it was given within the office's appeal window; a poor rating within it is followed by `complaint.appealed`. */
    readonly withinAppealWindow: boolean;
  }
>;

/** An appeal was opened on the closed complaint: the head of office reviews it (docs/adr/0053). The reason stays in intake. */
export type ComplaintAppealed = SopEventBase<
  'complaint.appealed',
  {
    /** `POOR_RATING`: in the decision of the `complaint.rated` before it; `REQUEST`: the reporter's explicit appeal. */
    readonly trigger: AppealTrigger;
    readonly hasReason: boolean;
  }
>;

/** The head of office reviewed the appeal (docs/adr/0053). */
export type AppealReviewed = SopEventBase<
  'complaint.appeal-reviewed',
  {
    readonly decision: AppealDecision;
    /** The head's reason (required for `UPHOLD`): an officer's text, screened for the reporter's contact. */
    readonly reason?: string;
  }
>;

/**
 * The complainant's personal data was erased by destroying their data key (docs/adr/0057): their
 * contact, messages and attachments are unreadable from now on. Carries no personal data; moves
 * no step and no version, and may come in any status after receipt, closed included.
 */
export type PersonalDataErased = SopEventBase<'complaint.personal-data-erased', { readonly reason: ErasureReason }>;

/**
 * Admin Tikkim registered a person's request for access to their personal data (UU 27/2022
 * Pasal 7, 32; docs/adr/0056, 0061), naming this complaint's tracking number. Carries no personal
 * data; moves no step and no version.
 */
export type DataAccessRequested = SopEventBase<
  'complaint.data-access-requested',
  {
    /** The request's id in intake (`data_subject_request.id`). */
    readonly requestId: string;
    readonly verifiedBy: DataAccessVerification;
    /** ISO-8601 UTC: registration + 3 × 24 hours (`accessRequestDueAt`). */
    readonly dueAt: string;
  }
>;

/** The export of an access request was handed over to the person (docs/adr/0061). */
export type DataAccessAnswered = SopEventBase<
  'complaint.data-access-answered',
  {
    readonly requestId: string;
    /** ISO-8601 UTC time of the hand-over. */
    readonly answeredAt: string;
    /** Whether it came after the request's due time. */
    readonly late: boolean;
  }
>;

/** The complainant's contact was corrected on their request (docs/adr/0056): which fields, never a value. */
export type ContactCorrected = SopEventBase<'complaint.contact-corrected', { readonly fields: readonly ContactFieldName[] }>;

/** The processing of the complainant's contact was restricted on their request (docs/adr/0056). */
export type ContactRestricted = SopEventBase<'complaint.contact-restricted', Record<string, never>>;

/** The restriction of the complainant's contact was lifted (docs/adr/0056). */
export type ContactRestrictionLifted = SopEventBase<'complaint.contact-restriction-lifted', Record<string, never>>;

/** A complaint event: a discriminated union on `type`. */
export type SopEvent =
  | ComplaintReceived
  | MessageAppended
  | ComplaintAcknowledged
  | ComplaintConfirmed
  | ComplaintDismissed
  | ComplaintDisposed
  | SectionResponded
  | DispositionCompleted
  | ComplaintAnalyzed
  | FollowUpDecided
  | TeamFormed
  | ReporterInformed
  | InformationDelivered
  | NotificationFailed
  | CallAttempted
  | DeliveryAbandoned
  | ComplaintClosed
  | ComplaintRated
  | ComplaintAppealed
  | AppealReviewed
  | PersonalDataErased
  | DataAccessRequested
  | DataAccessAnswered
  | ContactCorrected
  | ContactRestricted
  | ContactRestrictionLifted;

/** The event of a given type. */
export type SopEventOf<T extends ComplaintEventType> = Extract<SopEvent, { type: T }>;

/**
 * The complaint events that leave its SOP steps as they were ({@link evolve} changes at most how
 * far the acknowledgement got, which no step waits on): they can be recorded at any time of an
 * open complaint, by another service than the one that owns its step, so they do not count in
 * its version (docs/adr/0033). A call about the acknowledgement is neutral too (docs/adr/0051):
 * see {@link isAcknowledgementCall}.
 */
export const VERSION_NEUTRAL_EVENT_TYPES: readonly ComplaintEventType[] = [
  'complaint.message-appended',
  'complaint.acknowledged',
  'complaint.notification-failed',
  'complaint.personal-data-erased',
  // docs/adr/0061: the data subject's requests are the person's rights, no step of the SOP.
  'complaint.data-access-requested',
  'complaint.data-access-answered',
  'complaint.contact-corrected',
  'complaint.contact-restricted',
  'complaint.contact-restriction-lifted',
];

/**
 * Whether an event is Admin Tikkim's call about the acknowledgement (`complaint.call-attempted`
 * or `complaint.delivery-abandoned` with purpose `ACKNOWLEDGEMENT`, docs/adr/0051): notification
 * records it at any time of an open complaint, beside the step's owner, so it moves no version.
 */
export function isAcknowledgementCall(event: { readonly type: string; readonly data?: unknown }): boolean {
  return (
    (event.type === 'complaint.call-attempted' || event.type === 'complaint.delivery-abandoned') &&
    (event.data as { readonly purpose?: unknown } | undefined)?.purpose === 'ACKNOWLEDGEMENT'
  );
}

/**
 * Whether an event of this type (and, for a call, this data) moves a complaint to its next
 * version: every complaint event that changes its SOP steps. SLA events and unknown types never do.
 */
export function changesVersion(type: string, data?: unknown): boolean {
  return isComplaintEventType(type) && !VERSION_NEUTRAL_EVENT_TYPES.includes(type) && !isAcknowledgementCall({ type, data });
}

/**
 * A complaint's version after these events, from `version` before them (0 before
 * `complaint.received`): the number of its events that changed its steps (docs/adr/0033).
 */
export function versionAfter(version: number, events: readonly { readonly type: string; readonly data?: unknown }[]): number {
  return events.reduce((v, e) => (changesVersion(e.type, e.data) ? v + 1 : v), version);
}

/** Whether `value` is one of the {@link COMPLAINT_EVENT_TYPES}. */
export function isComplaintEventType(value: unknown): value is ComplaintEventType {
  return typeof value === 'string' && (COMPLAINT_EVENT_TYPES as readonly string[]).includes(value);
}
