import { FIELD_RULES, SEVERITIES, SUBSTANTIATION_LEVELS, type Severity, type Substantiation } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { CLASSIFICATION_CODES } from '../confirm-complaint/confirm-complaint.dto';

/** SOP step 4: Admin Tikkim records the analysis (Analisis Aduan). */
export class AnalyzeComplaintBody {
  @ApiProperty({ maxLength: FIELD_RULES.analysisText.maxLength, description: 'What the analysis found' })
  @IsString()
  @Length(FIELD_RULES.analysisText.minLength, FIELD_RULES.analysisText.maxLength)
  findings!: string;

  @ApiProperty({ enum: SUBSTANTIATION_LEVELS, example: 'PARTLY' })
  @IsIn(SUBSTANTIATION_LEVELS)
  substantiated!: Substantiation;

  @ApiProperty({ enum: CLASSIFICATION_CODES, example: '03', description: 'Permen PAN 5/2009 classification; may correct the confirmed one' })
  @IsIn(CLASSIFICATION_CODES)
  classificationCode!: string;

  @ApiProperty({ enum: SEVERITIES, example: 'HIGH' })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ maxLength: FIELD_RULES.analysisText.maxLength, description: 'What the analysis recommends for the follow-up decision' })
  @IsString()
  @Length(FIELD_RULES.analysisText.minLength, FIELD_RULES.analysisText.maxLength)
  recommendation!: string;
}
