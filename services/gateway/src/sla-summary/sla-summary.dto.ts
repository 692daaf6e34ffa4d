import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CLOCK_IDS } from '@pengaduan/sop';
import { IsDateTime } from '../http/is-date-time';

/** How far back the summary looks when `from` is not given. */
export const DEFAULT_SUMMARY_DAYS = 30;

/** `GET /sla/summary`: the deadlines that started in [from, to). */
export class SlaSummaryQueryDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00+07:00', description: `Deadlines started at or after; default: ${DEFAULT_SUMMARY_DAYS} days before \`to\`` })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00+07:00', description: 'Deadlines started before; default: now. Must be later than `from`' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}

/** How one kind of deadline fared in the period. Hours are rounded to 0.01 h. */
export class SlaStepSummaryDto {
  @ApiProperty({ enum: CLOCK_IDS, example: 'DISPOSE_AND_PROCESS', description: 'A libs/sop step, the sections’ response, the 72 h SOP target or the statutory 60 days' })
  stepId!: string;

  @ApiProperty({ example: 12, description: 'Stopped on time (no lateness)' })
  onTime!: number;

  @ApiProperty({ example: 2, description: 'Stopped late' })
  late!: number;

  @ApiProperty({ example: 3, description: 'Not stopped yet' })
  open!: number;

  @ApiProperty({ example: 1, description: 'Not stopped yet and past their due time, as of the request' })
  openOverdue!: number;

  @ApiProperty({ type: Number, nullable: true, example: 5.25, description: 'Median time from start to stop of the stopped ones, in hours; null when none stopped' })
  medianHours!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 11.5, description: '90th percentile (continuous) of the same; null when none stopped' })
  p90Hours!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 1.5, description: 'Median lateness of the late ones, in hours; null when none was late' })
  lateMedianHours!: number | null;
}

export class SlaOfficeSummaryDto {
  @ApiProperty({ example: 'BLP' })
  officeCode!: string;

  @ApiProperty({ type: [SlaStepSummaryDto], description: 'One entry per kind of deadline that started in the period, in the SOP’s order' })
  steps!: SlaStepSummaryDto[];
}

export class SlaSummaryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the period (inclusive, UTC)' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the period (exclusive, UTC)' })
  to!: string;

  @ApiProperty({ format: 'date-time', description: 'The time `openOverdue` was counted at (UTC)' })
  asOf!: string;

  @ApiProperty({ type: [SlaOfficeSummaryDto], description: "The officer's own office" })
  offices!: SlaOfficeSummaryDto[];
}
