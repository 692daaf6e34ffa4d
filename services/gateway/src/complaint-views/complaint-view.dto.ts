import { CHANNELS, COMPLAINT_STATUSES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ComplaintViewRecord } from '../persistence/entities';

/** Longest list a caller may ask for, and the length when it does not say. */
export const MAX_LIST_LIMIT = 200;
export const DEFAULT_LIST_LIMIT = 50;

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

  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'RECEIVED', description: 'SOP status (libs/sop)' })
  status!: string;

  @ApiProperty({ description: "The reporter's identity is hidden from every officer but the intake admin" })
  anonymous!: boolean;

  @ApiProperty({ description: 'The report must never be made public' })
  confidential!: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-03-14T02:05:09.123Z', description: 'When the complaint reached the office (UTC)' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-14T02:07:41.000Z', description: 'Time of the last event applied (UTC)' })
  updatedAt!: string;

  @ApiProperty({ example: 'complaint.received', description: 'Type of the last event applied' })
  lastEventType!: string;
}

export class ComplaintListDto {
  @ApiProperty({ type: [ComplaintViewDto] })
  items!: ComplaintViewDto[];
}

/** `GET /complaints`: one complaint by tracking number, or the newest ones. */
export class ListComplaintsQuery {
  @ApiPropertyOptional({ example: 'BLP-2026-000123', description: 'Find the complaint with this tracking number (the list then has 0 or 1 item)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2,6}-\d{4}-\d{6,}$/, { message: 'trackingNumber must look like BLP-2026-000123' })
  trackingNumber?: string;

  @ApiPropertyOptional({ example: 'BLP', description: 'Only complaints addressed to this office' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2,6}$/, { message: 'officeCode must be 2-6 capital letters' })
  officeCode?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT, description: 'How many of the newest complaints' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIST_LIMIT)
  limit?: number;
}

/** The view of a read-model row: the fields are picked one by one so nothing else can leak. */
export function toComplaintView(record: ComplaintViewRecord): ComplaintViewDto {
  return {
    id: record.id,
    officeCode: record.officeCode,
    trackingNumber: record.trackingNumber,
    channel: record.channel,
    status: record.status,
    anonymous: record.anonymous,
    confidential: record.confidential,
    receivedAt: record.receivedAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    lastEventType: record.lastEventType,
  };
}
