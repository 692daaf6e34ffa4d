import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PageQuery } from '../http/page-query';

/** Longest page of problem messages (intake's too), and its length when the caller does not say. */
export const MAX_PROBLEM_MESSAGES_LIMIT = 100;

/** `GET /problem-messages`. */
export class ListProblemMessagesQuery extends PageQuery(MAX_PROBLEM_MESSAGES_LIMIT) {}

const KINDS = ['QUARANTINED_WEBHOOK', 'FAILED_MESSAGE'] as const;

/**
 * A channel message intake could not turn into a complaint: a webhook whose body it could not
 * read (kept sealed), or a stored message set aside after repeated failures. Never the sender,
 * their name or their words (docs/adr/0047).
 */
export class ProblemMessageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: KINDS, description: 'QUARANTINED_WEBHOOK: the body could not be read; FAILED_MESSAGE: stored, but processing it kept failing' })
  kind!: string;

  @ApiProperty({ example: 'whatsapp' })
  provider!: string;

  @ApiPropertyOptional({ example: 'WHATSAPP', description: 'The channel of a FAILED_MESSAGE' })
  channel!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ example: 'body is not JSON', description: "The parser's reason, or the processor's last error" })
  reason!: string;

  @ApiProperty({ example: 'QUARANTINED', description: 'QUARANTINED or FAILED while it waits; REPROCESSED, PENDING or DISCARDED after an action' })
  status!: string;

  @ApiProperty({ description: 'Processing attempts (0 for a quarantined webhook)' })
  attempts!: number;
}

export class ProblemMessageListDto {
  @ApiProperty({ type: [ProblemMessageDto], description: 'Oldest first' })
  items!: ProblemMessageDto[];

  @ApiProperty({ description: 'How many wait in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

/** What an action did. */
export class ProblemMessageActionDto {
  @ApiProperty({
    enum: ['STORED', 'UNREADABLE', 'REQUEUED', 'DISCARDED'],
    description: 'STORED: the request reads now and becomes a complaint; UNREADABLE: it still does not (the new reason in the item); REQUEUED: the message is processed again',
  })
  outcome!: string;

  @ApiProperty({ type: ProblemMessageDto })
  item!: ProblemMessageDto;
}

/** `POST /problem-messages/{id}/discard`. */
export class DiscardProblemMessageBody {
  @ApiProperty({ minLength: FIELD_RULES.problemMessageDiscardReason.minLength, maxLength: FIELD_RULES.problemMessageDiscardReason.maxLength, description: 'Why (kept with it; never the complainant’s name)' })
  @IsString()
  @Length(FIELD_RULES.problemMessageDiscardReason.minLength, FIELD_RULES.problemMessageDiscardReason.maxLength)
  reason!: string;
}
