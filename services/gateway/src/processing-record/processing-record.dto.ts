import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, Min, MaxLength } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

export const MAX_PROCESSING_RECORD_LIMIT = 200;

/** `GET /processing-record`: the office's reads of complainants' contacts in [from, to). */
export class ProcessingRecordQueryDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00+07:00', description: 'Reads at or after' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00+07:00', description: 'Reads before; must be later than `from`' })
  @IsOptional()
  @IsDateTime()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the reads of this complaint of the office' })
  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PROCESSING_RECORD_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PROCESSING_RECORD_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextPageToken` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pageToken?: string;
}

/** Who read: an officer (with their account, when the gateway still knows it) or a service. */
export class ProcessingRecordActorDto {
  @ApiProperty({ enum: ['user', 'system'] }) kind!: 'user' | 'system';
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiPropertyOptional({ example: 'admin.tikkim' }) username?: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional({ example: 'ADMIN_TIKKIM' }) role?: string;
  @ApiPropertyOptional({ example: 'BLP' }) officeCode?: string;
  @ApiPropertyOptional({ example: 'notification' }) service?: string;
}

/** One read of a complainant's contact, or a refused attempt. Never the contact itself. */
export class ContactReadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ type: ProcessingRecordActorDto }) actor!: ProcessingRecordActorDto;
  @ApiProperty({ example: 'CONFIRM', description: 'CONFIRM, INFORM_REPORTER, DELIVERY_BY_PHONE, BREAK_GLASS (officers); ACKNOWLEDGE, SEND_FOLLOW_UP, SEND_DISMISSAL_NOTICE, SEND_STATUS_MESSAGE, SEND_RATING_REQUEST (notification)' })
  purpose!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The reason stated with a break-glass read' }) reason!: string | null;
  @ApiProperty({ type: [String], example: ['name', 'phone'], description: 'The fields disclosed; empty for a refusal' }) fields!: string[];
  @ApiProperty({ enum: ['READ', 'REFUSED'] }) outcome!: 'READ' | 'REFUSED';
  @ApiProperty({ type: String, nullable: true, example: 'CONTACT.PURPOSE_NOT_ALLOWED' }) refusalCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'WHATSAPP', description: 'For a service: the channel the address was resolved for' }) channel!: string | null;
}

export class ProcessingRecordPageDto {
  @ApiProperty({ type: [ContactReadDto] }) items!: ContactReadDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `pageToken` for the next page; null on the last' }) nextPageToken!: string | null;
}
