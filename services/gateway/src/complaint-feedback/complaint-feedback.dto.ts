import { APPEAL_DECISIONS, FIELD_RULES, RATING_MAX, RATING_MIN, type AppealDecision } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';

/** The reporter's rating of a closed complaint, given by phone or in person and recorded by Admin Tikkim (docs/adr/0053). */
export class RateComplaintBody {
  @ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX, example: 2, description: '1 (very poor) to 5 (very good); 2 or less within the office’s appeal window opens an appeal' })
  @IsInt()
  @Min(RATING_MIN)
  @Max(RATING_MAX)
  rating!: number;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.ratingComment.maxLength, description: 'The reporter’s comment; kept by intake, never in an event. Refused when it carries a phone number or an e-mail address' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.ratingComment.minLength, FIELD_RULES.ratingComment.maxLength)
  comment?: string;
}

/** The reporter's appeal of a closed complaint, recorded by Admin Tikkim (docs/adr/0053). */
export class AppealComplaintBody {
  @ApiPropertyOptional({ maxLength: FIELD_RULES.appealReason.maxLength, description: 'The reporter’s reason; kept by intake, never in an event. Refused when it carries a phone number or an e-mail address' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.appealReason.minLength, FIELD_RULES.appealReason.maxLength)
  reason?: string;
}

/** The head of office's review of an appeal (docs/adr/0053). */
export class ReviewAppealBody {
  @ApiProperty({ enum: APPEAL_DECISIONS, example: 'UPHOLD', description: 'REDISPOSE: back to step 3 (CONFIRMED); REANALYZE: back to step 4 (SECTION_PROCESSED); UPHOLD: the answer stands, the reporter is told again (APPEAL_UPHELD)' })
  @IsIn(APPEAL_DECISIONS)
  decision!: AppealDecision;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.appealReviewReason.maxLength, description: 'Required for UPHOLD: the head’s reason, which the reporter may be told; screened for the reporter’s contact' })
  @ValidateIf((body: ReviewAppealBody) => body.decision === 'UPHOLD' || body.reason !== undefined)
  @IsString()
  @Length(FIELD_RULES.appealReviewReason.minLength, FIELD_RULES.appealReviewReason.maxLength)
  reason?: string;
}
