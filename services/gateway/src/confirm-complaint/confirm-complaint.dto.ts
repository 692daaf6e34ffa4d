import { COMPLAINT_CLASSIFICATIONS, FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';

export const CLASSIFICATION_CODES = COMPLAINT_CLASSIFICATIONS.map((c) => c.code);

/** SOP step 2: Admin Tikkim confirms a received complaint (Laporan Terusan Aduan). */
export class ConfirmComplaintBody {
  @ApiProperty({ enum: CLASSIFICATION_CODES, example: '03', description: 'Permen PAN 5/2009 classification, 01-10' })
  @IsIn(CLASSIFICATION_CODES)
  classificationCode!: string;

  @ApiProperty({ maxLength: FIELD_RULES.summary.maxLength, example: 'Dugaan pungutan tambahan di loket paspor', description: "The complaint in the admin's words, without the reporter's personal data" })
  @IsString()
  @Length(FIELD_RULES.summary.minLength, FIELD_RULES.summary.maxLength)
  summary!: string;

  @ApiProperty({ description: "Hide the reporter's identity from every officer but Admin Tikkim" })
  @IsBoolean()
  anonymous!: boolean;

  @ApiProperty({ description: 'The report must never be made public' })
  @IsBoolean()
  confidential!: boolean;
}
