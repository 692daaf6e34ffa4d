import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../http/page-query';
import { NOTIFICATION_PURPOSES, OUTBOUND_CHANNELS } from '@pengaduan/sop';

/** Longest page of call tasks, and its length when the caller does not say. */
export const MAX_CALL_TASKS_LIMIT = 100;

/** `GET /call-tasks`. */
export class ListCallTasksQuery extends PageQuery(MAX_CALL_TASKS_LIMIT) {}

/** One failed attempt to reach the reporter: codes only, never a provider's text nor the address. */
export class DeliveryFailureDto {
  @ApiProperty({ enum: OUTBOUND_CHANNELS, example: 'WHATSAPP' })
  channel!: string;

  @ApiProperty({ example: 'WHATSAPP.131047', description: "Stable error code (the provider's or the platform's)" })
  errorCode!: string;

  @ApiProperty({ example: 1, description: 'The attempt on that channel, from 1' })
  attempt!: number;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;
}

/** The last call that did not reach the reporter (docs/adr/0044). */
export class CallAttemptDto {
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' })
  attemptedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'When the reporter was to be called again (the task was hidden until then)' })
  retryAt!: string;

  @ApiProperty({ example: 1, description: 'How many calls did not reach the reporter so far' })
  attempts!: number;
}

/**
 * A notice no channel could deliver (docs/adr/0051): Admin Tikkim phones or meets the reporter and
 * records it told (`POST …/delivery-confirmation` with its purpose: step 8's information closes the
 * complaint, the acknowledgement is recorded as given), or records a call that did not reach them
 * (`POST …/call-attempts` with its purpose): to try again later, or given up with a reason
 * (docs/adr/0044).
 */
export class CallTaskDto {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiProperty({ example: 'BLP-2026-000123' })
  trackingNumber!: string;

  @ApiProperty({
    enum: NOTIFICATION_PURPOSES,
    example: 'FOLLOW_UP_INFORMATION',
    description: 'The notice no channel delivered: ACKNOWLEDGEMENT (the tracking number), FOLLOW_UP_INFORMATION or DISMISSAL_NOTICE (step 8)',
  })
  purpose!: string;

  @ApiProperty({ format: 'date-time', description: 'When the last channel gave up and the task was handed to Admin Tikkim' })
  openedAt!: string;

  @ApiProperty({ type: [DeliveryFailureDto], description: 'Every failed attempt, oldest first' })
  failures!: DeliveryFailureDto[];

  @ApiProperty({ type: CallAttemptDto, nullable: true, description: 'The last call that did not reach the reporter, if any' })
  lastCallAttempt!: CallAttemptDto | null;
}

export class CallTaskListDto {
  @ApiProperty({ type: [CallTaskDto], description: 'Oldest first; a complaint may have a task for its acknowledgement beside one for step 8' })
  items!: CallTaskDto[];

  @ApiProperty({ description: 'How many call tasks are open in all' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
