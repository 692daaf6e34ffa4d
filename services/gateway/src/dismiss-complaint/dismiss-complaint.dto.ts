import { DISMISSAL_REASONS, type DismissalReason } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

/** SOP step 2, the other ending: Admin Tikkim dismisses a message that is not a complaint to handle. */
export class DismissComplaintBody {
  @ApiProperty({ enum: DISMISSAL_REASONS, example: 'DUPLICATE' })
  @IsIn(DISMISSAL_REASONS)
  reason!: DismissalReason;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for DUPLICATE: the complaint this one repeats (of the same office)' })
  @IsOptional()
  @IsUUID()
  duplicateOf?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Kantor Imigrasi Batam', description: 'Required for NOT_OUR_AUTHORITY: the office or agency the matter belongs to' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  belongsTo?: string;

  @ApiPropertyOptional({ maxLength: 2_000 })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  note?: string;
}
