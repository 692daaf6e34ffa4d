import { FIELD_RULES, FOLLOW_UP_DECISIONS, type FollowUpDecision } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

/** SOP step 5: the head of the IT section decides the follow-up (Keputusan Tindak Lanjut). */
export class DecideFollowUpBody {
  @ApiProperty({ enum: FOLLOW_UP_DECISIONS, example: 'FOLLOW_UP' })
  @IsIn(FOLLOW_UP_DECISIONS)
  decision!: FollowUpDecision;

  @ApiProperty({ maxLength: FIELD_RULES.followUpReason.maxLength, description: 'Why, as the reporter may be told it' })
  @IsString()
  @Length(FIELD_RULES.followUpReason.minLength, FIELD_RULES.followUpReason.maxLength)
  reason!: string;
}
