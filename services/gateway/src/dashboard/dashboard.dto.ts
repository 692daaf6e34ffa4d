import { CHANNELS, COMPLAINT_STATUSES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';
import { DashboardFeedbackDto } from './dashboard-feedback.dto';

export const DASHBOARD_BUCKETS = ['day', 'week'] as const;
export type DashboardBucket = (typeof DASHBOARD_BUCKETS)[number];

export class DashboardQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or after (default: 30 days before `to`)' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received before (default: now)' })
  @IsOptional()
  @IsDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: DASHBOARD_BUCKETS, description: 'Periods of the SLA chart, counted in WIB (default day)' })
  @IsOptional()
  @IsIn(DASHBOARD_BUCKETS)
  bucket?: DashboardBucket;

  @ApiPropertyOptional({ enum: CHANNELS, description: "Counts only ratings and appeals of complaints that came in over this channel (the `feedback` figures; the others count every channel)" })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;
}

export class ChannelCountDto {
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty() count!: number;
}

export class ClassificationCountDto {
  @ApiProperty({ type: String, nullable: true, example: '02', description: 'null: not confirmed (yet)' }) classificationCode!: string | null;
  @ApiProperty() count!: number;
}

export class StatusCountDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: string;
  @ApiProperty() count!: number;
}

export class SlaPeriodDto {
  @ApiProperty({ example: '2026-11-30', description: 'First day (WIB) of the period' }) periodStart!: string;
  @ApiProperty({ description: "Step deadlines stopped on time in the period (by when they stopped)" }) onTime!: number;
  @ApiProperty({ description: 'Step deadlines stopped late, or breached and still open, in the period' }) late!: number;
}

/** The office's volumes and SLA compliance over a period, for the dashboard's charts. */
export class DashboardDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ enum: DASHBOARD_BUCKETS }) bucket!: DashboardBucket;
  @ApiProperty({ description: 'Complaints received in the period' }) total!: number;
  @ApiProperty({ type: [ChannelCountDto] }) byChannel!: ChannelCountDto[];
  @ApiProperty({ type: [ClassificationCountDto] }) byClassification!: ClassificationCountDto[];
  @ApiProperty({ type: [StatusCountDto] }) byStatus!: StatusCountDto[];
  @ApiProperty({ type: [SlaPeriodDto], description: "Every period of [from, to), also those without deadlines, for the SOP's steps (not the 72 h and 60-day targets)" })
  slaOverTime!: SlaPeriodDto[];
  @ApiProperty({ type: DashboardFeedbackDto, description: 'Ratings and appeals given in [from, to), of the channel asked for if any (docs/adr/0053)' })
  feedback!: DashboardFeedbackDto;
}
