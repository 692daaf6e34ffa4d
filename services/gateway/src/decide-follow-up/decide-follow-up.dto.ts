import { FOLLOW_UP_DECISIONS, type FollowUpDecision } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { MAX_OUTPUT_TEXT } from '../confirm-complaint/confirm-complaint.dto';

/** SOP step 5: the head of the IT section decides the follow-up (Keputusan Tindak Lanjut). */
export class DecideFollowUpBody {
  @ApiProperty({ enum: FOLLOW_UP_DECISIONS, example: 'FOLLOW_UP' })
  @IsIn(FOLLOW_UP_DECISIONS)
  decision!: FollowUpDecision;

  @ApiProperty({ maxLength: MAX_OUTPUT_TEXT, description: 'Why, as the reporter may be told it' })
  @IsString()
  @Length(1, MAX_OUTPUT_TEXT)
  reason!: string;
}
