import { DISMISSAL_REASONS, FIELD_RULES, type DismissalReason } from '@pengaduan/sop';
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

  @ApiPropertyOptional({ maxLength: FIELD_RULES.belongsTo.maxLength, example: 'Kantor Imigrasi Batam', description: 'Required for NOT_OUR_AUTHORITY: the office or agency the matter belongs to' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.belongsTo.minLength, FIELD_RULES.belongsTo.maxLength)
  belongsTo?: string;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.note.maxLength })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.note.minLength, FIELD_RULES.note.maxLength)
  note?: string;
}
