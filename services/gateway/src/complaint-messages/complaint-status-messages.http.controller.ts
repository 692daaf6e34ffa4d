import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { notificationPurposeMapping } from '@pengaduan/contracts';
import { STATUS_MESSAGE_PURPOSES } from '@pengaduan/sop';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { complaintNotFound } from '../complaint-commands/complaint-command.runner';
import { ComplaintViewQueries } from '../complaint-views/complaint-views.queries';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { ApiProblemResponses } from '../http/problem.dto';
import { NotificationClient } from '../upstream/clients';

const OUTCOMES = ['PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'UNDELIVERED'] as const;

/** One status message sent to the complainant: what, over what, what became of it; never the address nor the text. */
export class ComplaintStatusMessageDto {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ enum: STATUS_MESSAGE_PURPOSES }) purpose!: string;
  @ApiProperty({ type: String, nullable: true, example: 'WHATSAPP', description: 'The channel of the newest attempt; null before the first' }) channel!: string | null;
  @ApiProperty({ enum: OUTCOMES, description: 'READ and DELIVERED from the provider’s receipts; UNDELIVERED when no channel could deliver it (no call task, docs/adr/0054)' })
  outcome!: string;
  @ApiProperty({ format: 'date-time' }) queuedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) deliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt!: string | null;
}

/** The status messages of a complaint, oldest first. */
export class ComplaintStatusMessagesDto {
  @ApiProperty({ type: [ComplaintStatusMessageDto] }) items!: ComplaintStatusMessageDto[];
}

const iso = (t: Timestamp | undefined): string | null => (t ? timestampDate(t).toISOString() : null);

/**
 * `GET /api/v1/complaints/{id}/status-messages` (docs/adr/0054): the status messages notification
 * sent the complainant and their receipts, from notification's journal; for every officer who
 * reads the complaint's messages.
 */
@ApiTags('complaints')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/complaints`)
export class ComplaintStatusMessagesHttpController {
  constructor(
    private readonly views: ComplaintViewQueries,
    private readonly notification: NotificationClient,
  ) {}

  @Get(':id/status-messages')
  @ApiOperation({ summary: 'The status messages sent to the complainant (confirmed, dispositioned, decided, rating request) with their channel, outcome and receipt times; no address, no text' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ComplaintStatusMessagesDto })
  @ApiProblemResponses([400, 'id is not a UUID'], [401, 'No valid access token'], [403, 'Not an officer of an office'], [404, "No such complaint in the officer's office"], [503, 'notification is not reachable'])
  async list(@Param('id', ComplaintIdPipe) id: string, @CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string): Promise<ComplaintStatusMessagesDto> {
    // The office first: another office's complaint is never asked of notification.
    if (!(await this.views.inOffice(id, user.officeCode))) throw complaintNotFound(id);
    const { messages } = await this.notification.call('listComplaintStatusMessages', { complaintId: id, officeCode: user.officeCode }, correlationId);
    return {
      items: messages.map((m) => ({
        notificationId: m.notificationId,
        purpose: notificationPurposeMapping.fromProto(m.purpose),
        channel: m.channel || null,
        outcome: m.outcome,
        queuedAt: iso(m.queuedAt) ?? '',
        sentAt: iso(m.sentAt),
        deliveredAt: iso(m.deliveredAt),
        readAt: iso(m.readAt),
      })),
    };
  }
}
