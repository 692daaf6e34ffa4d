import type {
  AppealDecision,
  Channel,
  ClassificationCode,
  ContactFieldName,
  DataAccessVerification,
  DeliveryMethod,
  DismissalReason,
  ErasureReason,
  DispositionSheet,
  FollowUpDecision,
  NotificationPurpose,
  OutboundChannel,
  Severity,
  Substantiation,
  TeamMember,
} from './reference-data';
import type { Actor } from './roles';

/**
 * Every command type, in SOP order. Command data typically comes from untrusted input
 * (REST/gRPC), so {@link decide} validates it at run time whatever its static type says.
 */
export const COMMAND_TYPES = [
  'receive',
  'appendMessage',
  'acknowledge',
  'confirm',
  'dismiss',
  'dispose',
  'respondAsSection',
  'analyze',
  'decideFollowUp',
  'formTeam',
  'informReporter',
  'recordNotificationFailure',
  'recordDelivery',
  'recordCallAttempt',
  'rate',
  'appeal',
  'reviewAppeal',
  'erasePersonalData',
  'recordDataAccessRequest',
  'recordDataAccessAnswer',
  'recordContactCorrection',
  'recordContactRestriction',
] as const;

/** A command's `type` (see {@link COMMAND_TYPES}). */
export type CommandType = (typeof COMMAND_TYPES)[number];

interface CommandBase<T extends CommandType> {
  readonly type: T;
  readonly actor: Actor;
}

/** Step 1: register a complaint. By a channel webhook (system) or by Admin Tikkim typing in a phone, walk-in or web complaint. */
export interface ReceiveCommand extends CommandBase<'receive'> {
  readonly complaintId: string;
  readonly officeCode: string;
  readonly trackingNumber: string;
  readonly channel: Channel;
  readonly anonymous: boolean;
  readonly confidential: boolean;
}

/** Another message from the reporter joins an open complaint. By system or Admin Tikkim. */
export interface AppendMessageCommand extends CommandBase<'appendMessage'> {
  /** The stored message's id (its content stays in intake, never in the event). */
  readonly messageId: string;
}

/**
 * The tracking number reached the reporter: sent by notification (system), or told on the phone
 * by Admin Tikkim after no channel could give it, which ends the call about it (docs/adr/0051).
 */
export type AcknowledgeCommand = CommandBase<'acknowledge'>;

/** Step 2: Admin Tikkim confirms the message is a complaint (Laporan Terusan Aduan). */
export interface ConfirmCommand extends CommandBase<'confirm'> {
  readonly classification: ClassificationCode;
  /** The complaint in the admin's words, free of the reporter's personal data. */
  readonly summary: string;
  readonly anonymous: boolean;
  readonly confidential: boolean;
}

/** Step 2's other ending: Admin Tikkim dismisses a message that is not a complaint to handle. */
export interface DismissCommand extends CommandBase<'dismiss'> {
  readonly reason: DismissalReason;
  /** Required when `reason` is `DUPLICATE`; ignored otherwise. */
  readonly originalComplaintId?: string;
  /** Required when `reason` is `NOT_OUR_AUTHORITY`; ignored otherwise. */
  readonly belongsTo?: string;
  readonly note?: string;
}

/** Step 3: the head of office dispositions the complaint to one or more sections. */
export interface DisposeCommand extends CommandBase<'dispose'> {
  readonly sheet: DispositionSheet;
}

/** Step 3: a dispositioned section reports back. By a `SEKSI_TERKAIT` officer of that section. */
export interface RespondAsSectionCommand extends CommandBase<'respondAsSection'> {
  readonly sectionCode: string;
  /** The section's response (text or a reference to the stored document). */
  readonly response: string;
}

/** Step 4: Admin Tikkim analyses the complaint (Analisis Aduan). */
export interface AnalyzeCommand extends CommandBase<'analyze'> {
  readonly findings: string;
  readonly substantiated: Substantiation;
  readonly classification: ClassificationCode;
  readonly severity: Severity;
  readonly recommendation: string;
}

/** Step 5: the head of IT decides whether to follow up (Keputusan Tindak Lanjut). */
export interface DecideFollowUpCommand extends CommandBase<'decideFollowUp'> {
  readonly decision: FollowUpDecision;
  readonly reason: string;
}

/** Step 6: the head of office issues the team decree (SK Tim Penanganan Aduan). */
export interface FormTeamCommand extends CommandBase<'formTeam'> {
  readonly decreeNumber: string;
  /** At least one member, exactly one `KETUA`, no NIP twice. */
  readonly members: readonly TeamMember[];
}

/** Step 7: Admin Tikkim sends the follow-up (or the dismissal, or the no-follow-up and why) to the reporter. */
export interface InformReporterCommand extends CommandBase<'informReporter'> {
  /**
   * Reference to the follow-up information as stored by notification. The text itself is
   * addressed to the reporter and never goes into an event.
   */
  readonly informationRef: string;
}

/**
 * A send attempt to the reporter failed (e.g. WhatsApp outside the 24 h window). For the
 * follow-up information or dismissal notice: by system or Admin Tikkim, in step 8. For the
 * acknowledgement: by system, whenever `acknowledge` is allowed (it follows that command's rule).
 */
export interface RecordNotificationFailureCommand extends CommandBase<'recordNotificationFailure'> {
  readonly purpose: NotificationPurpose;
  readonly channel: OutboundChannel;
  /** Stable error code, e.g. `WHATSAPP.131047`; never a provider's message text. */
  readonly errorCode: string;
}

/**
 * Step 8: the follow-up reached the reporter: a provider's delivery receipt (system) or an
 * officer who told the reporter by phone or in person (Admin Tikkim). Closes the complaint.
 */
export interface RecordDeliveryCommand extends CommandBase<'recordDelivery'> {
  /**
   * The notice delivered, when the officer names it: step 8's information of the complaint (the
   * follow-up information, or a dismissed message's dismissal notice); another is refused
   * (docs/adr/0051). The acknowledgement told by phone is {@link AcknowledgeCommand}.
   */
  readonly purpose?: NotificationPurpose;
  /** The channel it reached the reporter over. */
  readonly channel: OutboundChannel;
  /** How the delivery is known. */
  readonly method: DeliveryMethod;
  /** ISO-8601 time it was delivered; not after the decision time. */
  readonly deliveredAt: string;
  readonly note?: string;
}

/** What came of a call to a reporter no channel could reach (docs/adr/0044). */
export const CALL_ATTEMPT_OUTCOMES = ['NOT_REACHABLE', 'GIVE_UP'] as const;

/** A {@link RecordCallAttemptCommand}'s `outcome` (see {@link CALL_ATTEMPT_OUTCOMES}). */
export type CallAttemptOutcome = (typeof CALL_ATTEMPT_OUTCOMES)[number];

/**
 * A call of Admin Tikkim that did not reach the reporter, about a notice no channel delivered:
 * `NOT_REACHABLE` to try again at `retryAt`, or `GIVE_UP` with a `reason`. About step 8's
 * information (the follow-up information, or the dismissal notice of a dismissed message), giving
 * up ends the SOP for the complaint: it closes without a delivery (docs/adr/0044); a delivery by
 * phone stays possible until then. About the acknowledgement, giving up ends that notice only
 * (docs/adr/0051).
 */
export interface RecordCallAttemptCommand extends CommandBase<'recordCallAttempt'> {
  /** The notice the call was about (see `callPurposes`); absent: step 8's information. */
  readonly purpose?: NotificationPurpose;
  readonly outcome: CallAttemptOutcome;
  /** `NOT_REACHABLE` only: ISO-8601 time to call again; after now, at most {@link CALL_RETRY_HORIZON_DAYS} days ahead. */
  readonly retryAt?: string;
  /** `GIVE_UP` only: why no further attempt is made; an officer's text free of the reporter's contact. */
  readonly reason?: string;
}

/** How far ahead a retry of a call may be set. */
export const CALL_RETRY_HORIZON_DAYS = 30;

/**
 * After closing, the reporter rates the handling (docs/adr/0053): through the tracking page or a
 * reply on their channel (system), or told to Admin Tikkim by phone or in person. A rating of
 * {@link POOR_RATING_MAX} or less within the office's appeal window also opens an appeal.
 */
export interface RateCommand extends CommandBase<'rate'> {
  /** {@link RATING_MIN} to {@link RATING_MAX}. */
  readonly rating: number;
  /** Whether the reporter wrote a comment; the text stays in intake, never in an event. */
  readonly hasComment: boolean;
  /** The office's appeal window in days (its setting, else {@link DEFAULT_APPEAL_WINDOW_DAYS}), counted from closing. */
  readonly appealWindowDays: number;
}

/** After closing and within the office's appeal window, the reporter appeals the answer (docs/adr/0053). */
export interface AppealCommand extends CommandBase<'appeal'> {
  /** Whether the reporter gave a reason; the text stays in intake, never in an event. */
  readonly hasReason: boolean;
  /** As for {@link RateCommand}. */
  readonly appealWindowDays: number;
}

/**
 * The head of office reviews an appeal (docs/adr/0053): `REDISPOSE` (step 3 again), `REANALYZE`
 * (step 4 again) or `UPHOLD` the answer, which needs a `reason` (an officer's text, screened for
 * the reporter's contact).
 */
export interface ReviewAppealCommand extends CommandBase<'reviewAppeal'> {
  readonly decision: AppealDecision;
  /** Required for `UPHOLD`; optional otherwise. */
  readonly reason?: string;
}

/**
 * Erase the complainant's personal data (docs/adr/0057): intake destroys their data key and
 * records it on each of their complaints. Admin Tikkim on the person's valid request, or the
 * system at the end of the retention period. No step of the SOP; any status after receipt.
 */
export interface ErasePersonalDataCommand extends CommandBase<'erasePersonalData'> {
  readonly reason: ErasureReason;
}

/**
 * Record an access request that intake registered (docs/adr/0061): on the complaint whose
 * tracking number the officer named. Admin Tikkim only; any status after receipt; no step.
 */
export interface RecordDataAccessRequestCommand extends CommandBase<'recordDataAccessRequest'> {
  readonly requestId: string;
  readonly verifiedBy: DataAccessVerification;
  /** The request's due time as intake stored it (`accessRequestDueAt`), ISO-8601. */
  readonly dueAt: string;
}

/** Record the hand-over of an access request's export (docs/adr/0061); `late` is decided here. */
export interface RecordDataAccessAnswerCommand extends CommandBase<'recordDataAccessAnswer'> {
  readonly requestId: string;
  readonly dueAt: string;
  readonly answeredAt: string;
}

/** Record a correction of the contact (docs/adr/0056): the names of the fields changed. */
export interface RecordContactCorrectionCommand extends CommandBase<'recordContactCorrection'> {
  readonly fields: readonly ContactFieldName[];
}

/** Record a restriction of the contact's processing (`restricted`), or its lift (docs/adr/0056). */
export interface RecordContactRestrictionCommand extends CommandBase<'recordContactRestriction'> {
  readonly restricted: boolean;
}

/** A command to the SOP state machine: a discriminated union on `type`. */
export type SopCommand =
  | ReceiveCommand
  | AppendMessageCommand
  | AcknowledgeCommand
  | ConfirmCommand
  | DismissCommand
  | DisposeCommand
  | RespondAsSectionCommand
  | AnalyzeCommand
  | DecideFollowUpCommand
  | FormTeamCommand
  | InformReporterCommand
  | RecordNotificationFailureCommand
  | RecordDeliveryCommand
  | RecordCallAttemptCommand
  | RateCommand
  | AppealCommand
  | ReviewAppealCommand
  | ErasePersonalDataCommand
  | RecordDataAccessRequestCommand
  | RecordDataAccessAnswerCommand
  | RecordContactCorrectionCommand
  | RecordContactRestrictionCommand;

/** Whether `value` is one of the {@link COMMAND_TYPES}. */
export function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && (COMMAND_TYPES as readonly string[]).includes(value);
}
