import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../http/page-query';

/** Longest page of dead letters, and its length when the caller does not say. */
export const MAX_DEAD_LETTERS_LIMIT = 100;

/** A consumer group's name as a topic name allows it. */
const GROUP_NAME = /^[A-Za-z0-9._-]{1,200}$/;

export const DEAD_LETTER_STATES = ['waiting', 'redriven', 'all'] as const;

/** `GET /dead-letters`. */
export class ListDeadLettersQuery extends PageQuery(MAX_DEAD_LETTERS_LIMIT) {
  @ApiPropertyOptional({ example: 'notification', description: "One consumer group's dead letters only" })
  @IsOptional()
  @IsString()
  @Matches(GROUP_NAME)
  group?: string;

  @ApiPropertyOptional({ enum: DEAD_LETTER_STATES, default: 'waiting', description: 'Waiting to be re-driven (the queue), re-driven already, or both' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATES)
  state?: (typeof DEAD_LETTER_STATES)[number];
}

/** `POST /dead-letters/redrive`. */
export class RedriveGroupBody {
  @ApiProperty({ example: 'notification', description: 'The consumer group whose waiting dead letters are all put back' })
  @IsString()
  @MaxLength(200)
  @Matches(GROUP_NAME)
  group!: string;
}

/** Who re-drove a dead letter, and when. */
export class RedriveRecordDto {
  @ApiProperty({ format: 'uuid' })
  redriveId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'operator.platform', description: "The operator's username" })
  by!: string;
}

/**
 * An event a consumer group gave up on: what it is and why, never what it says (events carry no
 * complainant's personal data, and the reason is cut and masked).
 */
export class DeadLetterDto {
  @ApiProperty({ format: 'uuid', description: 'The dead letter (one DLQ message)' })
  id!: string;

  @ApiProperty({ example: 'notification' })
  consumerGroup!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Absent when the message was malformed' })
  eventId!: string | null;

  @ApiProperty({ example: 'complaint.confirmed', nullable: true, type: String })
  eventType!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  complaintId!: string | null;

  @ApiProperty({ example: 'cannot be applied: complaint.confirmed … does not apply to complaint … in no state', description: 'At most 500 characters; addresses and numbers masked' })
  reason!: string;

  @ApiProperty({ example: 'EVENT.NOT_APPLICABLE' })
  errorCode!: string;

  @ApiProperty({ example: 5, description: 'Attempts made; 0 when refused before any (malformed, signature)' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;

  @ApiProperty({ description: 'Whether re-driving can help: false when the event was refused before its group tried it' })
  redrivable!: boolean;

  @ApiProperty({ type: RedriveRecordDto, nullable: true, description: 'Set once it was re-driven' })
  redriven!: RedriveRecordDto | null;
}

/** How many dead letters wait in one group. */
export class DeadLetterGroupDto {
  @ApiProperty({ example: 'notification' })
  group!: string;

  @ApiProperty()
  waiting!: number;
}

export class DeadLetterListDto {
  @ApiProperty({ type: [DeadLetterDto], description: 'Oldest first' })
  items!: DeadLetterDto[];

  @ApiProperty({ description: 'How many match in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;

  @ApiProperty({ type: [DeadLetterGroupDto], description: 'Every group whose dead letters the gateway reads, with how many wait' })
  groups!: DeadLetterGroupDto[];
}

/** A recorded re-drive: one event, or every waiting one of a group. */
export class RedriveResultDto {
  @ApiProperty({ format: 'uuid' })
  redriveId!: string;

  @ApiProperty({ example: 'notification' })
  group!: string;

  @ApiProperty({ description: 'Events put back on the group’s re-drive topic' })
  count!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}
