import { COMPLAINT_STATUSES, FIELD_RULES, RATING_MAX, RATING_MIN, type ComplaintStatus } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { TrackComplaintBody } from '../track-complaint/track-complaint.dto';

/** `POST /api/v1/public/tracking/rating`: the reporter rates their closed complaint on the tracking page (docs/adr/0053). */
export class PublicRatingBody extends TrackComplaintBody {
  @ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX, example: 4, description: '1 (very poor) to 5 (very good); 2 or less within the office’s appeal window opens an appeal' })
  @IsInt()
  @Min(RATING_MIN)
  @Max(RATING_MAX)
  rating!: number;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.ratingComment.maxLength, description: 'Your comment; do not write a phone number or an e-mail address in it (it is refused)' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.ratingComment.minLength, FIELD_RULES.ratingComment.maxLength)
  comment?: string;
}

/** `POST /api/v1/public/tracking/appeal`: the reporter appeals the answer of their closed complaint (docs/adr/0053). */
export class PublicAppealBody extends TrackComplaintBody {
  @ApiPropertyOptional({ maxLength: FIELD_RULES.appealReason.maxLength, description: 'Why; do not write a phone number or an e-mail address in it (it is refused)' })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.appealReason.minLength, FIELD_RULES.appealReason.maxLength)
  reason?: string;
}

/** What the reporter is told: where the complaint stands now. */
export class PublicFeedbackResultDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'APPEALED', description: 'CLOSED, or APPEALED when an appeal was opened (the head of office reviews it within 12 hours)' })
  status!: ComplaintStatus;

  @ApiProperty({ description: 'Whether an appeal was opened' })
  appealOpened!: boolean;
}
