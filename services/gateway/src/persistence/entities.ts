import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AnalysisOutput,
  AppealOutput,
  AppealReviewOutput,
  FeedbackRoundOutput,
  ConfirmationOutput,
  DeliveryAbandonedOutput,
  DeliveryOutput,
  DismissalOutput,
  DispositionOutput,
  FollowUpDecisionOutput,
  FollowUpInformationOutput,
  RatingOutput,
  SectionResponseOutput,
  TeamDecreeOutput,
} from '../read-model/outputs';

/**
 * One complaint as the gateway's read model knows it, built only from the complaint stream
 * (see projection/). It holds nothing about the reporter but the opaque `reporterRef`.
 */
@Entity({ name: 'complaint_view' })
export class ComplaintViewRecord {
  /** The complaint id (the events' `subject`). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** `BLP-2026-000123`: unique, as intake issues it. */
  @Column({ type: 'text', unique: true })
  trackingNumber!: string;

  /** The channel name of libs/sop, e.g. `PHONE`. */
  @Column({ type: 'text' })
  channel!: string;

  /** The libs/sop status of the complaint's state (complaint_state). */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'boolean' })
  anonymous!: boolean;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  /** Opaque reference to the reporter's contact in intake; kept for later views, never returned. */
  @Column({ type: 'text' })
  reporterRef!: string;

  /** When the complaint reached the office. */
  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** The time of the last event applied. */
  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  /** CloudEvents `type` of the last event applied. */
  @Column({ type: 'text' })
  lastEventType!: string;

  /** CloudEvents `id` of the last event applied. */
  @Column({ type: 'uuid' })
  lastEventId!: string;

  /** Events applied so far (1 after `complaint.received`). */
  @Column({ type: 'int' })
  eventCount!: number;

  /** The SOP step whose clock runs (libs/sop `openStep`); null once closed. */
  @Column({ type: 'text', nullable: true })
  currentStepId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentStepStartedAt!: Date | null;

  /** When the current step's Mutu Baku time runs out. */
  @Column({ type: 'timestamptz', nullable: true })
  currentStepDueAt!: Date | null;

  /** Permen PAN 5/2009 code: as confirmed, then as the analysis revised it. */
  @Column({ type: 'text', nullable: true })
  classificationCode!: string | null;

  /** The confirmed summary (the officer's words, without personal data). */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** The sections on the disposition sheet, in sheet order. */
  @Column({ type: 'text', array: true })
  sections!: string[];

  /** The dispositioned sections that have not responded yet. */
  @Column({ type: 'text', array: true })
  pendingSections!: string[];

  /** For channel `LAPOR`: the SP4N-LAPOR! report number (docs/adr/0055); null otherwise. */
  @Column({ type: 'text', nullable: true })
  laporReportNumber!: string | null;
}

/** An officer's account. Passwords are kept only as argon2id hashes. */
@Entity({ name: 'user_account' })
export class UserAccountRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Lowercase, unique, e.g. `admin.tikkim`. */
  @Column({ type: 'text', unique: true })
  username!: string;

  /** PHC string of argon2id. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** A libs/sop role. */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  officeCode!: string;

  /** For a SEKSI_TERKAIT officer: their section, e.g. `INTELDAKIM`. */
  @Column({ type: 'text', nullable: true })
  sectionCode!: string | null;

  /** The officer's NIP (18 digits), printed under their name in a document's signature block. */
  @Column({ type: 'text', nullable: true })
  nip!: string | null;

  /** The officer's position (jabatan), as a team decree names it; null when none was given. */
  @Column({ type: 'text', nullable: true })
  position!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Tokens issued before this time are refused: set to now by a password change, an
   * administrator's reset and a deactivation (ADR 0022). Null: no token was revoked so.
   */
  @Column({ type: 'timestamptz', nullable: true })
  tokensValidAfter!: Date | null;

  /** The head of office requires a second factor of this officer, whatever the office policy (ADR 0042). */
  @Column({ type: 'boolean', default: false })
  secondFactorRequired!: boolean;
}

/** An access token logged out before it expires; deleted once it would have expired anyway. */
@Entity({ name: 'revoked_token' })
export class RevokedTokenRecord {
  /** The token's `jti`. */
  @PrimaryColumn({ type: 'text' })
  jti!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  /** The token's `exp`: after it the row is useless and is swept. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}

/** One entry of an officer account's security log (see account-security-log/). */
@Entity({ name: 'account_security_event' })
export class AccountSecurityEventRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The account concerned; null for a failed login of a username that has no account. */
  @Column({ type: 'uuid', nullable: true })
  accountId!: string | null;

  /** For a username without an account: an HMAC of it (never the username in clear). */
  @Column({ type: 'text', nullable: true })
  usernameKey!: string | null;

  /** What happened: one of `ACCOUNT_SECURITY_EVENT_KINDS` (account-security-log/), e.g. `LOGIN_FAILED`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The client address as the rate limits count it (an officer's address is not a complainant's data). */
  @Column({ type: 'text', nullable: true })
  clientAddress!: string | null;

  /** Who did it when not the account itself (an administrator's reset or deactivation). */
  @Column({ type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  /** The office, for an administration entry (ADR 0042); null for the older entries, whose account tells it. */
  @Column({ type: 'text', nullable: true })
  officeCode!: string | null;

  /** What an administration entry is about when it is no account, e.g. `section:INTELDAKIM`. */
  @Column({ type: 'text', nullable: true })
  target!: string | null;

  /** The fields an administration entry changed, `{ field: { before, after } }`; never a secret. */
  @Column({ type: 'jsonb', nullable: true })
  change!: Record<string, { before?: unknown; after?: unknown }> | null;

  /** The administrator's Idempotency-Key of the command, unique per administrator. */
  @Column({ type: 'text', nullable: true })
  requestKey!: string | null;
}

/** One event of a complaint's record, once, in the order of the complaint's stream. */
@Entity({ name: 'complaint_timeline' })
export class ComplaintTimelineRecord {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  /** 1 for `complaint.received`, then one more for every event of the complaint. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  actorKind!: 'user' | 'system';

  @Column({ type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorService!: string | null;

  /** A short line for the officers' timeline, in Bahasa Indonesia; never personal data. */
  @Column({ type: 'text' })
  summary!: string;

  /** The complaint's libs/sop status once the event was applied. */
  @Column({ type: 'text' })
  statusAfter!: string;

  /** For an `sla.*` event: the step or target it is about (libs/sop `ClockId`); null otherwise and on rows recorded before the column. */
  @Column({ type: 'text', nullable: true })
  stepId!: string | null;

  /**
   * For a line about a message to the reporter (failed, acknowledged, a call, given up): the
   * notice it is about (libs/sop `NotificationPurpose`, docs/adr/0051); null otherwise, on a call
   * recorded before purposes (step 8's information) and on rows recorded before the column.
   */
  @Column({ type: 'text', nullable: true })
  purpose!: string | null;
}

/** The SOP outputs of a complaint so far, from the events' payloads. */
@Entity({ name: 'complaint_output' })
export class ComplaintOutputRecord {
  @PrimaryColumn({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'jsonb', nullable: true })
  confirmation!: ConfirmationOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  dismissal!: DismissalOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  disposition!: DispositionOutput | null;

  @Column({ type: 'jsonb' })
  sectionResponses!: SectionResponseOutput[];

  @Column({ type: 'jsonb', nullable: true })
  analysis!: AnalysisOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  followUpDecision!: FollowUpDecisionOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  teamDecree!: TeamDecreeOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  followUpInformation!: FollowUpInformationOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  delivery!: DeliveryOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  deliveryAbandoned!: DeliveryAbandonedOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  rating!: RatingOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  appeal!: AppealOutput | null;

  @Column({ type: 'jsonb', nullable: true })
  appealReview!: AppealReviewOutput | null;

  @Column({ type: 'jsonb' })
  feedbackRounds!: FeedbackRoundOutput[];

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One deadline of the SLA monitor (services/sla-monitor) as the complaint stream told it: a
 * step's clock, one section's response, the SOP's 72 h target or the statutory 60 days.
 * Written only by the projection, from `sla.*` events.
 */
@Entity({ name: 'sla_deadline' })
export class SlaDeadlineRecord {
  /** The SLA monitor's id, the same on every event about the deadline. */
  @PrimaryColumn({ type: 'text' })
  deadlineId!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  /** The complaint's office (complaint_view), for office scope. */
  @Column({ type: 'text' })
  officeCode!: string;

  /** A libs/sop step id, `SECTION_RESPONSE`, `SOP_TARGET` or `STATUTORY_SETTLEMENT`. */
  @Column({ type: 'text' })
  stepId!: string;

  /** For `SECTION_RESPONSE`: the section whose response is awaited. */
  @Column({ type: 'text', nullable: true })
  sectionCode!: string | null;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  /** As the SLA monitor computed it under the office's policy (a working calendar may move it). */
  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'timestamptz' })
  warnAt!: Date;

  @Column({ type: 'double precision' })
  deadlineHours!: number;

  /** `WALL_CLOCK` or `WORKING_CALENDAR`. */
  @Column({ type: 'text' })
  calendar!: string;

  /** The libs/sop role who must act. */
  @Column({ type: 'text' })
  responsibleRole!: string;

  /** The libs/sop role a miss escalates to, or `OFFICE_REPORT`. */
  @Column({ type: 'text' })
  escalatesTo!: string;

  /** The time of `sla.deadline-warning`, once raised. */
  @Column({ type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  /** The time of `sla.deadline-breached`, once raised. */
  @Column({ type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  /** The time of `sla.escalated`, once raised. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  /** The role escalated to, or `OFFICE_REPORT`. */
  @Column({ type: 'text', nullable: true })
  escalatedToRole!: string | null;

  /** From 1. */
  @Column({ type: 'int', nullable: true })
  escalationLevel!: number | null;

  /** When the step's output event happened; null while the clock runs. */
  @Column({ type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  stoppedByEventType!: string | null;

  /** Milliseconds late when stopped (0 when on time); a string, as the driver answers bigint. */
  @Column({ type: 'bigint', nullable: true })
  latenessMs!: string | null;

  /** Milliseconds from start to stop; a string, as the driver answers bigint. */
  @Column({ type: 'bigint', nullable: true })
  elapsedMs!: string | null;
}

export const GATEWAY_ENTITIES = [ComplaintViewRecord, UserAccountRecord, ComplaintTimelineRecord, ComplaintOutputRecord, SlaDeadlineRecord, RevokedTokenRecord, AccountSecurityEventRecord];
