/**
 * `@pengaduan/sop`: the SOP for handling public complaints as data plus a pure state machine.
 * Depends on nothing; no I/O, no clock (time is passed in). This file is the only public surface.
 *
 * @packageDocumentation
 */
export { ROLES, isRole, describeActor } from './lib/roles';
export type { Role, Actor, UserActor, SystemActor } from './lib/roles';

export {
  CHANNELS,
  OUTBOUND_CHANNELS,
  MESSAGE_CHANNELS,
  REPLY_WINDOW_CHANNELS,
  REPLY_WINDOW_MS,
  DELIVERY_METHODS,
  NOTIFICATION_PURPOSES,
  STATUS_MESSAGE_PURPOSES,
  isStatusMessagePurpose,
  COMPLAINT_CLASSIFICATIONS,
  isClassificationCode,
  DISMISSAL_REASONS,
  DISPOSITION_INSTRUCTIONS,
  SUBSTANTIATION_LEVELS,
  SEVERITIES,
  FOLLOW_UP_DECISIONS,
  TEAM_MEMBER_ROLES,
  COMPLAINT_OUTCOMES,
  RATING_MIN,
  RATING_MAX,
  POOR_RATING_MAX,
  DEFAULT_APPEAL_WINDOW_DAYS,
  APPEAL_WINDOW_MAX_DAYS,
  APPEAL_TRIGGERS,
  APPEAL_DECISIONS,
  ERASURE_REASONS,
  RETENTION_KINDS,
  RETENTION_MIN_DAYS,
  RETENTION_MAX_DAYS,
  DATA_ACCESS_VERIFICATIONS,
  CONTACT_FIELD_NAMES,
} from './lib/reference-data';
export type {
  Channel,
  OutboundChannel,
  MessageChannel,
  DeliveryMethod,
  NotificationPurpose,
  StatusMessagePurpose,
  ClassificationCode,
  ComplaintClassification,
  DismissalReason,
  Dismissal,
  DispositionInstruction,
  DispositionEntry,
  DispositionSheet,
  Substantiation,
  Severity,
  FollowUpDecision,
  TeamMemberRole,
  TeamMember,
  ComplaintOutcome,
  AppealTrigger,
  AppealDecision,
  ErasureReason,
  RetentionKind,
  DataAccessVerification,
  ContactFieldName,
} from './lib/reference-data';

export {
  ROLE_LABELS,
  STATUS_LABELS,
  CLOCK_LABELS,
  CHANNEL_LABELS,
  DISMISSAL_REASON_LABELS,
  DISPOSITION_INSTRUCTION_LABELS,
  SUBSTANTIATION_LABELS,
  SEVERITY_LABELS,
  FOLLOW_UP_DECISION_LABELS,
  TEAM_MEMBER_ROLE_LABELS,
  DELIVERY_METHOD_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  CONTACT_PURPOSE_LABELS,
  CONTACT_FIELD_LABELS,
  NOTIFICATION_PURPOSE_LABELS,
} from './lib/labels';
export type { Label } from './lib/labels';

export {
  SOP_STEP_IDS,
  SOP_STEPS,
  SECTION_RESPONSE_STEP,
  REVIEW_APPEAL_STEP,
  STEP_DEADLINE_HOURS,
  SOP_TARGET_HOURS,
  STATUTORY_SETTLEMENT_DAYS,
  getStep,
  triggeredBy,
} from './lib/sop-steps';
export type { SopStepId, StepId, SopStep, ClockTrigger } from './lib/sop-steps';

export { COMPLAINT_STATUSES, OPEN_STATUSES, ACKNOWLEDGEMENT_PROGRESS, initialState, isOpen, pendingSections } from './lib/state';
export type {
  AcknowledgementProgress,
  ComplaintStatus,
  ComplaintState,
  StateOf,
  ComplaintFacts,
  ConfirmedFacts,
  NewState,
  ReceivedState,
  DismissedState,
  ConfirmedState,
  DisposedState,
  SectionProcessedState,
  AnalyzedState,
  FollowUpDecidedState,
  NoFollowUpDecidedState,
  TeamFormedState,
  ReporterInformedState,
  ClosedState,
  AppealedState,
  AppealUpheldState,
  OpenDataAccessRequest,
} from './lib/state';

export { FIELD_RULES } from './lib/field-rules';
export {
  MESSAGE_TEMPLATE_VARIANTS,
  MESSAGE_PLACEHOLDERS,
  MESSAGE_TEMPLATE_KINDS,
  MESSAGE_LIMITS,
  LONGEST_MESSAGE_VALUES,
  SAMPLE_MESSAGE_VALUES,
  messageTemplateKind,
  allowedPlaceholders,
  renderMessageTemplate,
  checkMessageTemplate,
  checkMessageTemplateRequest,
  describeMessageTemplateIssue,
  messageLength,
  smsLength,
} from './lib/message-templates';
export type { MessageTemplateVariant, MessagePlaceholder, MessageValues, MessageTemplateKind, MessageLimit, SmsLength, MessageTemplateIssue, MessageTemplateRequest, MessageTemplateViolation } from './lib/message-templates';
export type { FieldRuleName } from './lib/field-rules';
export {
  OFFICE_PROFILE_FIELDS,
  OPTIONAL_OFFICE_PROFILE_FIELDS,
  OFFICE_PROFILE_RULES,
  officeProfileViolations,
  normaliseOfficeProfileFields,
  changedOfficeProfileFields,
  officeProfileFieldsOf,
  letterheadLines,
} from './lib/office-profile';
export type { OfficeProfileFields, OfficeProfileField, OfficeProfileViolation, LetterheadLines } from './lib/office-profile';
export { COMMAND_TYPES, isCommandType, CALL_ATTEMPT_OUTCOMES, CALL_RETRY_HORIZON_DAYS } from './lib/commands';
export {
  CONTACT_READ_PURPOSES,
  CONTACT_READ_PURPOSES_BY_ROLE,
  BREAK_GLASS_REASON_MIN,
  BREAK_GLASS_REASON_MAX,
  SYSTEM_CONTACT_PURPOSES,
  isContactReadPurpose,
  mayReadContact,
  contactPurposeOfActions,
} from './lib/contact-access';
export type { ContactReadPurpose, ContactReadDecision } from './lib/contact-access';
export type {
  CommandType,
  SopCommand,
  ReceiveCommand,
  AppendMessageCommand,
  AcknowledgeCommand,
  ConfirmCommand,
  DismissCommand,
  DisposeCommand,
  RespondAsSectionCommand,
  AnalyzeCommand,
  DecideFollowUpCommand,
  FormTeamCommand,
  InformReporterCommand,
  RecordNotificationFailureCommand,
  RecordDeliveryCommand,
  RecordCallAttemptCommand,
  RateCommand,
  AppealCommand,
  ReviewAppealCommand,
  ErasePersonalDataCommand,
  RecordDataAccessRequestCommand,
  RecordDataAccessAnswerCommand,
  RecordContactCorrectionCommand,
  RecordContactRestrictionCommand,
  CallAttemptOutcome,
} from './lib/commands';

export { COMPLAINT_EVENT_TYPES, SLA_EVENT_TYPES, VERSION_NEUTRAL_EVENT_TYPES, changesVersion, isAcknowledgementCall, isComplaintEventType, versionAfter } from './lib/events';
export type {
  ComplaintEventType,
  SlaEventType,
  SopEvent,
  SopEventOf,
  SopEventBase,
  ComplaintReceived,
  MessageAppended,
  ComplaintAcknowledged,
  ComplaintConfirmed,
  ComplaintDismissed,
  ComplaintDisposed,
  SectionResponded,
  DispositionCompleted,
  ComplaintAnalyzed,
  FollowUpDecided,
  TeamFormed,
  ReporterInformed,
  InformationDelivered,
  NotificationFailed,
  CallAttempted,
  DeliveryAbandoned,
  ComplaintClosed,
  ComplaintRated,
  ComplaintAppealed,
  AppealReviewed,
  PersonalDataErased,
  DataAccessRequested,
  DataAccessAnswered,
  ContactCorrected,
  ContactRestricted,
  ContactRestrictionLifted,
} from './lib/events';

export { SOP_ERROR_CODES } from './lib/errors';
export type { SopError, SopErrorCode, Decision } from './lib/errors';

export { COMMAND_RULES, ACKNOWLEDGEMENT_CALL_RULE, mayFire, isLegalIn, ruleOf, notLegalNow, callPurposes, callPurposeOf, informationPurposeOf, INFORMATION_PURPOSES } from './lib/rules';
export type { CommandRule, RuleKey } from './lib/rules';

export { decide } from './lib/decide';
export { withinAppealWindow } from './lib/decide/appeal-steps';
export { ratingRefusal } from './lib/rules';
export { evolve, replay, verifyHistory, EVENT_PRODUCED_BY, ruleKeyOf } from './lib/evolve';
export type { HistoryVerdict } from './lib/evolve';
export { availableActions } from './lib/available-actions';
export { openStep } from './lib/open-step';
export type { OpenStep } from './lib/open-step';

export { SLA_TARGET_IDS, CLOCK_IDS, isClockId, OFFICE_REPORT, runningClocks } from './lib/sla/sla-clocks';
export { LAPOR_CLOCK_IDS, LAPOR_CLOCK_WORKING_DAYS, isLaporClockId, DATA_ACCESS_CLOCK_ID } from './lib/sla/sla-clocks';
export type { LaporClockId } from './lib/sla/sla-clocks';
export type { SlaTargetId, ClockId, EscalationTarget, ClockCounting, RunningClock } from './lib/sla/sla-clocks';
export { ACCESS_REQUEST_DUE_MS, DATA_REQUEST_STANDINGS, accessRequestDueAt, dataRequestStanding } from './lib/data-subject-requests';
export type { DataRequestStanding } from './lib/data-subject-requests';
export { OFFICE_TIME_ZONES, ISO_WEEKDAYS, DEFAULT_SLA_POLICY, parseSlaPolicy, computeDeadline, WorkingCalendar } from './lib/sla/sla-policy';
export type { OfficeTimeZone, IsoWeekday, OfficeDayOff, SlaPolicy, PolicyViolation, PolicyParseResult, ComputedDeadline } from './lib/sla/sla-policy';
export { SOP_CLOCK_HOURS, OFFICE_SLA_LIMITS, checkOfficeSlaPolicy, officeToday, canonicalSlaPolicy, sameSlaPolicy, slaPolicyChange } from './lib/sla/office-sla-policy';
export type { OfficeSlaPolicyRefusal, OfficeSlaPolicyCheck, PolicyFieldChange } from './lib/sla/office-sla-policy';
export { HOLIDAY_CALENDARS } from './lib/sla/holiday-calendars';
export type { HolidayCalendarDay, HolidayCalendarYear } from './lib/sla/holiday-calendars';
