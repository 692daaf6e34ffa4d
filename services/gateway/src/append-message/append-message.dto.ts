import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CommandResultDto } from '../complaint-commands/command-result.dto';

/**
 * `POST /complaints/{id}/messages`: Admin Tikkim types in what the reporter said on a later call
 * or visit. The same rule as the report's own text (`POST /complaints`): FIELD_RULES.reporterText.
 */
export class AppendMessageBody {
  @ApiProperty({
    minLength: FIELD_RULES.reporterText.minLength,
    maxLength: FIELD_RULES.reporterText.maxLength,
    example: 'Saya lupa menyebutkan: kejadiannya di loket 3, sekitar pukul 10 pagi.',
    description: 'What the reporter said, as they told it. It stays in intake, never in an event',
  })
  @IsString()
  @Length(FIELD_RULES.reporterText.minLength, FIELD_RULES.reporterText.maxLength)
  text!: string;
}

/** The message stored (or, for a repeated Idempotency-Key, the one stored before). */
export class MessageAppendedDto extends CommandResultDto {
  @ApiProperty({ format: 'uuid', description: 'The stored message (GET …/messages lists it)' })
  messageId!: string;

  @ApiProperty({ example: 2, description: "The message's position in the complaint: 1 is the report itself" })
  sequence!: number;
}
