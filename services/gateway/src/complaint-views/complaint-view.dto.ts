import { CHANNELS, CLOCK_IDS, COMMAND_TYPES, COMPLAINT_STATUSES, NOTIFICATION_PURPOSES, SOP_STEP_IDS, SECTION_RESPONSE_STEP, type CommandType, type NotificationPurpose } from '@pengaduan/sop';
import { PageQuery } from '../http/page-query';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplaintOutputRecord, ComplaintTimelineRecord, ComplaintViewRecord, SlaDeadlineRecord } from '../persistence/entities';
import type { CurrentStep } from '../read-model/current-step';
import { ComplaintFilters } from './complaint-filters.dto';
import { ComplaintOutputsDto } from './complaint-outputs.dto';
import { DeadlineDto, toDeadline } from './deadline.dto';

/** Longest list a caller may ask for, and the length when it does not say. */
export const MAX_LIST_LIMIT = 200;
export const DEFAULT_LIST_LIMIT = 50;
const STEP_IDS = [...SOP_STEP_IDS, SECTION_RESPONSE_STEP.id];

/** The step whose clock runs now (libs/sop `openStep`) and when its Mutu Baku time runs out. */
export class CurrentStepDto implements CurrentStep {
  @ApiProperty({ enum: STEP_IDS, example: 'DISPOSE_AND_PROCESS' })
  stepId!: CurrentStep['stepId'];

  @ApiProperty({ format: 'date-time', description: "When the step's clock started (UTC)" })
  startedAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: "When the step is due: the SLA monitor's due time once its deadline started (the office's policy may count working hours), until then the start plus its deadline hours (12 h in the SOP)",
  })
  dueAt!: string;

  @ApiPropertyOptional({ type: [String], example: ['INTELDAKIM'], description: 'For SECTION_RESPONSE: the sections whose response is awaited' })
  sectionCodes?: string[];
}

/**
 * A complaint as officers' lists show it. Never the reporter's reference or anything personal:
 * the text and the contact stay in intake.
 */
export class ComplaintViewDto {
  @ApiProperty({ format: 'uuid', example: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' })
  id!: string;

  @ApiProperty({ example: 'BLP', description: 'Code of the office the complaint is addressed to' })
  officeCode!: string;

  @ApiProperty({ example: 'BLP-2026-000123', description: 'The number the reporter quotes' })
  trackingNumber!: string;

  @ApiProperty({ enum: CHANNELS, example: 'PHONE' })
  channel!: string;

  @ApiPropertyOptional({ example: '6123456', description: 'For channel LAPOR: the complaint’s report number on SP4N-LAPOR! (docs/adr/0055)' })
  laporReportNumber?: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'RECEIVED', description: 'SOP status (libs/sop)' })
  status!: string;

  @ApiProperty({ description: "The reporter's identity is hidden from every officer but Admin Tikkim" })
  anonymous!: boolean;

  @ApiProperty({ description: 'The report must never be made public' })
  confidential!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-03-14T02:05:09.123Z', description: 'When the complaint reached the office (UTC)' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-14T02:07:41.000Z', description: 'Time of the last event applied (UTC)' })
  updatedAt!: string;

  @ApiProperty({ example: 'complaint.received', description: 'Type of the last event applied' })
  lastEventType!: string;

  @ApiProperty({ type: String, nullable: true, example: '03', description: 'Permen PAN 5/2009 classification, once confirmed (as the analysis revised it)' })
  classificationCode!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The confirmed summary (the admin's words, without personal data)" })
  summary!: string | null;

  @ApiProperty({ type: CurrentStepDto, nullable: true, description: 'The step whose clock runs; null once closed' })
  currentStep!: CurrentStepDto | null;

  @ApiProperty({ type: [String], description: 'The sections on the disposition sheet, in sheet order' })
  sections!: string[];

  @ApiProperty({ type: [String], description: 'The dispositioned sections yet to respond' })
  pendingSections!: string[];

  @ApiProperty({
    type: [DeadlineDto],
    description: "The SLA monitor's open deadlines of the complaint (not yet stopped), earliest due first; for a section officer's worklist, their section's response and those of no section",
  })
  deadlines!: DeadlineDto[];

  @ApiProperty({
    required: false,
    example: 4,
    description: "The complaint's version this view shows (docs/adr/0033): the number of its events that changed its state. Send it as If-Match with a command; absent for a complaint recorded before versions",
  })
  version?: number;

}

export class ComplaintListDto {
  @ApiProperty({ type: [ComplaintViewDto] })
  items!: ComplaintViewDto[];

  @ApiProperty({ description: 'How many complaints match in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

/** One complaint with what this officer may do now and the SOP outputs so far. */
export class ComplaintDetailDto extends ComplaintViewDto {
  @ApiProperty({
    enum: COMMAND_TYPES,
    isArray: true,
    example: ['dispose'],
    description: 'What this officer may do now (libs/sop availableActions): confirm, dismiss → /confirm, /dismiss; dispose → /disposition; respondAsSection → /section-responses; analyze → /analysis; decideFollowUp → /decision; formTeam → /team-decree; informReporter → /follow-up-information; recordDelivery → /delivery-confirmation; appendMessage (a later message of the reporter, no SOP step) → POST /messages',
  })
  availableActions!: CommandType[];

  @ApiProperty({
    enum: NOTIFICATION_PURPOSES,
    isArray: true,
    example: ['ACKNOWLEDGEMENT'],
    description:
      "The notices this officer may call the reporter about now (libs/sop callPurposes; Admin Tikkim only, docs/adr/0051): told by phone → POST /delivery-confirmation, not reachable or given up → POST /call-attempts, each with the purpose. The acknowledgement's call is no SOP step, so it is not among availableActions",
  })
  callPurposes!: NotificationPurpose[];

  @ApiProperty({ type: ComplaintOutputsDto })
  outputs!: ComplaintOutputsDto;
}

/** One event of a complaint's record. Officers are named by role and user id; a service acting on its own by its name. */
export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The event id (CloudEvents id)' })
  id!: string;

  @ApiProperty({ description: 'Position in the complaint record, from 1' })
  position!: number;

  @ApiProperty({ example: 'complaint.disposed' })
  type!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true, example: 'KEPALA_KANTOR', description: "The officer's libs/sop role; null when a service acted on its own" })
  actorRole!: string | null;

  @ApiPropertyOptional({ description: "The officer's user id" })
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'sla-monitor', description: 'The service that acted on its own' })
  actorService?: string;

  @ApiProperty({ example: 'Didisposisikan ke INTELDAKIM (Lembar Disposisi LD/BLP/2026/000012)', description: 'One line in Bahasa Indonesia' })
  summary!: string;

  @ApiProperty({ enum: COMPLAINT_STATUSES, description: 'The status after the event' })
  status!: string;

  @ApiPropertyOptional({
    enum: CLOCK_IDS,
    example: 'CONFIRM',
    description: 'For an sla.* event: the step or target its deadline is about (libs/sop CLOCK_IDS). Absent on other events, and on SLA events recorded before it was kept',
  })
  stepId?: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_PURPOSES,
    example: 'ACKNOWLEDGEMENT',
    description: 'For a line about a message to the reporter (failed, acknowledged, a call, given up): the notice it is about (docs/adr/0051). Absent on other lines, on calls recorded before purposes (step 8), and on lines recorded before it was kept',
  })
  purpose?: string;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto], description: 'Every event of the complaint, once, in order' })
  events!: TimelineEntryDto[];
}

/** `GET /complaints`: the office's complaints, newest received first, filtered (docs/adr/0045). */
export class ListComplaintsQuery extends ComplaintFilters(PageQuery(MAX_LIST_LIMIT, DEFAULT_LIST_LIMIT)) {}

/**
 * The view of a read-model row with its open deadlines as of `now`: the fields are picked one
 * by one so nothing else can leak.
 */
export function toComplaintView(record: ComplaintViewRecord, deadlines: readonly SlaDeadlineRecord[], now: Date, version: number | null = null): ComplaintViewDto {
  return {
    ...(version !== null ? { version } : {}),
    id: record.id,
    officeCode: record.officeCode,
    trackingNumber: record.trackingNumber,
    channel: record.channel,
    ...(record.laporReportNumber === null || record.laporReportNumber === undefined ? {} : { laporReportNumber: record.laporReportNumber }),
    status: record.status,
    anonymous: record.anonymous,
    confidential: record.confidential,
    receivedAt: record.receivedAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    lastEventType: record.lastEventType,
    classificationCode: record.classificationCode,
    summary: record.summary,
    currentStep:
      record.currentStepId && record.currentStepStartedAt && record.currentStepDueAt
        ? {
            stepId: record.currentStepId as CurrentStep['stepId'],
            startedAt: record.currentStepStartedAt.toISOString(),
            dueAt: record.currentStepDueAt.toISOString(),
            ...(record.currentStepId === SECTION_RESPONSE_STEP.id ? { sectionCodes: [...record.pendingSections] } : {}),
          }
        : null,
    sections: [...record.sections],
    pendingSections: [...record.pendingSections],
    deadlines: deadlines
      .filter((d) => d.complaintId === record.id && d.stoppedAt === null)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.deadlineId.localeCompare(b.deadlineId))
      .map((d) => toDeadline(d, now)),
  };
}

export function toOutputs(record: ComplaintOutputRecord | null): ComplaintOutputsDto {
  if (!record) return { ...NO_OUTPUTS, sectionResponses: [], feedbackRounds: [] };
  return {
    confirmation: record.confirmation ?? null,
    dismissal: record.dismissal ?? null,
    disposition: record.disposition ?? null,
    sectionResponses: record.sectionResponses ?? [],
    analysis: record.analysis ?? null,
    followUpDecision: record.followUpDecision ?? null,
    teamDecree: record.teamDecree ?? null,
    followUpInformation: record.followUpInformation ?? null,
    delivery: record.delivery ?? null,
    deliveryAbandoned: record.deliveryAbandoned ?? null,
    rating: record.rating ?? null,
    appeal: record.appeal ?? null,
    appealReview: record.appealReview ?? null,
    feedbackRounds: record.feedbackRounds ?? [],
  };
}

/** The outputs of a complaint no step has recorded one of yet. */
const NO_OUTPUTS: ComplaintOutputsDto = {
  confirmation: null,
  dismissal: null,
  disposition: null,
  sectionResponses: [],
  analysis: null,
  followUpDecision: null,
  teamDecree: null,
  followUpInformation: null,
  delivery: null,
  deliveryAbandoned: null,
  rating: null,
  appeal: null,
  appealReview: null,
  feedbackRounds: [],
};

export function toTimelineEntry(record: ComplaintTimelineRecord): TimelineEntryDto {
  return {
    id: record.eventId,
    position: record.position,
    type: record.type,
    at: record.occurredAt.toISOString(),
    actorRole: record.actorKind === 'user' ? record.actorRole : null,
    ...(record.actorKind === 'user' && record.actorUserId ? { actorUserId: record.actorUserId } : {}),
    ...(record.actorKind === 'system' && record.actorService ? { actorService: record.actorService } : {}),
    summary: record.summary,
    status: record.statusAfter,
    ...(record.stepId ? { stepId: record.stepId } : {}),
    ...(record.purpose ? { purpose: record.purpose } : {}),
  };
}
