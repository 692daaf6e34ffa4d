import { CLOCK_IDS, OFFICE_REPORT } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OFFICER_ROLES } from '../auth/authenticated-user';
import type { SlaDeadlineRecord } from '../persistence/entities';

export const ESCALATION_TARGETS = [...OFFICER_ROLES, OFFICE_REPORT] as const;
export const DEADLINE_CALENDARS = ['WALL_CLOCK', 'WORKING_CALENDAR'] as const;

/**
 * One open deadline of the SLA monitor: a step's clock, one section's response, the SOP's 72 h
 * target or the statutory 60 days. `remainingSeconds` and `overdue` are as of the request.
 */
export class DeadlineDto {
  @ApiProperty({ example: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e60', description: "The SLA monitor's id of the deadline" })
  deadlineId!: string;

  @ApiProperty({ enum: CLOCK_IDS, example: 'DISPOSE_AND_PROCESS', description: 'A libs/sop step, one section’s response, the 72 h SOP target or the statutory 60 days' })
  stepId!: string;

  @ApiPropertyOptional({ example: 'INTELDAKIM', description: 'For SECTION_RESPONSE: the section whose response is awaited' })
  sectionCode?: string;

  @ApiProperty({ format: 'date-time', description: 'When the clock started (UTC)' })
  startedAt!: string;

  @ApiProperty({ format: 'date-time', description: "When it is due, as the SLA monitor computed it under the office's policy (UTC)" })
  dueAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the warning falls due (UTC)' })
  warnAt!: string;

  @ApiProperty({ enum: DEADLINE_CALENDARS, description: 'How the hours are counted: wall-clock or working hours' })
  calendar!: string;

  @ApiProperty({ enum: OFFICER_ROLES, example: 'KEPALA_KANTOR', description: 'The libs/sop role who must act' })
  responsibleRole!: string;

  @ApiProperty({ example: 20_520, description: 'Seconds left until dueAt, as of the request; negative when overdue' })
  remainingSeconds!: number;

  @ApiProperty({ description: 'dueAt has passed, as of the request' })
  overdue!: boolean;

  @ApiProperty({ description: 'The SLA monitor raised its warning' })
  warned!: boolean;

  @ApiProperty({ description: 'The SLA monitor recorded the deadline as missed' })
  breached!: boolean;

  @ApiProperty({ type: String, enum: ESCALATION_TARGETS, nullable: true, example: 'KEPALA_KANTOR', description: 'The role it was escalated to (OFFICE_REPORT: recorded for the office report); null while not escalated' })
  escalatedToRole!: string | null;
}

/** Whole seconds from `now` to `due`, rounded down: negative exactly when overdue. */
export function secondsUntil(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / 1000);
}

/** The view of a deadline row as of `now`: the fields picked one by one. */
export function toDeadline(record: SlaDeadlineRecord, now: Date): DeadlineDto {
  const remainingSeconds = secondsUntil(record.dueAt, now);
  return {
    deadlineId: record.deadlineId,
    stepId: record.stepId,
    ...(record.sectionCode === null ? {} : { sectionCode: record.sectionCode }),
    startedAt: record.startedAt.toISOString(),
    dueAt: record.dueAt.toISOString(),
    warnAt: record.warnAt.toISOString(),
    calendar: record.calendar,
    responsibleRole: record.responsibleRole,
    remainingSeconds,
    overdue: remainingSeconds < 0,
    warned: record.warnedAt !== null,
    breached: record.breachedAt !== null,
    escalatedToRole: record.escalatedToRole,
  };
}

/** A section officer's deadlines: their own section's response and those of no section. */
export function deadlinesSeenBy(records: readonly SlaDeadlineRecord[], sectionCode: string | undefined): SlaDeadlineRecord[] {
  return sectionCode === undefined ? [...records] : records.filter((d) => d.sectionCode === null || d.sectionCode === sectionCode);
}
