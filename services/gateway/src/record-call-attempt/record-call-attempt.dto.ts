import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES, type CallAttemptOutcome } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

/** SOP step 8: a call that did not reach the reporter (docs/adr/0044). */
export class RecordCallAttemptBody {
  @ApiProperty({ enum: CALL_ATTEMPT_OUTCOMES, example: 'NOT_REACHABLE', description: 'NOT_REACHABLE: try again at retryAt; GIVE_UP: stop for reason, which closes the complaint without a delivery' })
  @IsIn(CALL_ATTEMPT_OUTCOMES)
  outcome!: CallAttemptOutcome;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-18T09:00:00+07:00', description: 'NOT_REACHABLE (required): when to call again; ahead of now, at most 30 days' })
  @ValidateIf((body: RecordCallAttemptBody) => body.outcome === 'NOT_REACHABLE')
  @IsDateTime()
  retryAt?: string;

  @ApiPropertyOptional({ maxLength: FIELD_RULES.callGiveUpReason.maxLength, description: 'GIVE_UP (required): why no further attempt is made; no contact data of the reporter' })
  @ValidateIf((body: RecordCallAttemptBody) => body.outcome === 'GIVE_UP')
  @IsString()
  @Length(FIELD_RULES.callGiveUpReason.minLength, FIELD_RULES.callGiveUpReason.maxLength)
  reason?: string;
}
