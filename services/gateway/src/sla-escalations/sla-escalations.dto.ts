import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { CLOCK_IDS } from '@pengaduan/sop';
import { ESCALATION_TARGETS } from '../complaint-views/deadline.dto';
import { PageQuery } from '../http/page-query';

/** Longest page of escalations, and its length when the caller does not say. */
export const MAX_ESCALATIONS_LIMIT = 200;

/** `GET /sla/escalations`. */
export class ListEscalationsQuery extends PageQuery(MAX_ESCALATIONS_LIMIT) {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Also the escalations whose deadline has stopped since (the step was done, late)' })
  @IsOptional()
  // A query string is text: only `true` and `false` mean anything (a bare Boolean() would read `false` as true).
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeResolved?: boolean;
}

/** A missed deadline escalated to the officer's role (for the kepala kantor, also those recorded for the office report). */
export class EscalationDto {
  @ApiProperty({ description: "The SLA monitor's id of the deadline" })
  deadlineId!: string;

  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({ enum: CLOCK_IDS, example: 'DISPOSE_AND_PROCESS' })
  stepId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'INTELDAKIM', description: 'For SECTION_RESPONSE: the section whose response is awaited' })
  sectionCode!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the step was due (UTC)' })
  dueAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the SLA monitor escalated it (UTC)' })
  escalatedAt!: string;

  @ApiProperty({ enum: ESCALATION_TARGETS, example: 'KEPALA_KANTOR', description: 'The role escalated to; OFFICE_REPORT: a miss at the top, recorded for the office report' })
  escalatedToRole!: string;

  @ApiProperty({ example: 1, description: 'Escalation level, from 1' })
  level!: number;

  @ApiProperty({ example: 5_400, description: 'Seconds past dueAt: as of the request while open, when it stopped once resolved' })
  latenessSeconds!: number;

  @ApiProperty({ description: 'The deadline has stopped: the step was done since' })
  resolved!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the step was done (UTC); null while open' })
  stoppedAt!: string | null;
}

export class EscalationListDto {
  @ApiProperty({ type: [EscalationDto], description: 'Oldest due first' })
  items!: EscalationDto[];

  @ApiProperty({ description: 'How many escalations match in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
