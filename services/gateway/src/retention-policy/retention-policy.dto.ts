import { RETENTION_KINDS, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionKind } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';

/** One kind of record and how many days after closing the office keeps it (docs/adr/0057). */
export class RetentionPeriodDto {
  @ApiProperty({ enum: RETENTION_KINDS, description: 'CLOSED_COMPLAINT: contact, messages, attachments of a closed complaint; DISMISSED_MESSAGE: a message dismissed as no complaint' })
  @IsIn(RETENTION_KINDS)
  kind!: RetentionKind;

  @ApiProperty({ example: 730, minimum: RETENTION_MIN_DAYS, maximum: RETENTION_MAX_DAYS })
  @IsInt()
  @Min(RETENTION_MIN_DAYS)
  @Max(RETENTION_MAX_DAYS)
  days!: number;
}

/** The office's retention periods: `GET /retention-policy`, and the answer of `PUT`. */
export class RetentionPolicyDto {
  @ApiProperty({ type: [RetentionPeriodDto], description: 'One per kind; PERSONAL_DATA_RETENTION_DAYS where never set' })
  policies!: RetentionPeriodDto[];

  @ApiProperty({ example: 0, description: 'Changes the office recorded, 0 when never; send it as If-Match to change them' })
  version!: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the newest change was recorded' })
  changedAt?: string;
}

/** `PUT /retention-policy`: the kinds to set, each once. */
export class SetRetentionPolicyBody {
  @ApiProperty({ type: [RetentionPeriodDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RETENTION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => RetentionPeriodDto)
  policies!: RetentionPeriodDto[];
}
