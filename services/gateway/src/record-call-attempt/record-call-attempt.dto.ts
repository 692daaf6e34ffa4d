import { CALL_ATTEMPT_OUTCOMES, FIELD_RULES, NOTIFICATION_PURPOSES, type CallAttemptOutcome, type NotificationPurpose } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { IsDateTime } from '../http/is-date-time';

/** A call that did not reach the reporter, about a notice no channel delivered (docs/adr/0044, 0051). */
export class RecordCallAttemptBody {
  @ApiPropertyOptional({
    enum: NOTIFICATION_PURPOSES,
    example: 'ACKNOWLEDGEMENT',
    description:
      "The notice the call was about (a call task's purpose). Absent: step 8's information (FOLLOW_UP_INFORMATION, or DISMISSAL_NOTICE for a dismissed message). A notice that awaits no call is refused (409)",
  })
  @IsOptional()
  @IsIn(NOTIFICATION_PURPOSES)
  purpose?: NotificationPurpose;

  @ApiProperty({
    enum: CALL_ATTEMPT_OUTCOMES,
    example: 'NOT_REACHABLE',
    description: "NOT_REACHABLE: try again at retryAt; GIVE_UP: stop for reason, which closes the complaint without a delivery when step 8's information is given up, and ends the acknowledgement alone when it is",
  })
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
