import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ApiComplaintCommand, ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion } from '../http/entity-tags';
import { IdempotencyKey } from '../http/idempotency-key';
import { AppendMessageBody, MessageAppendedDto } from './append-message.dto';
import { AppendMessageForwarder } from './append-message.forwarder';

/** `POST /api/v1/complaints/{id}/messages`: a follow-up by phone or in person joins an open complaint. */
@ApiTags('complaints')
@Controller(`${API_PREFIX}/complaints`)
export class AppendMessageHttpController {
  constructor(private readonly forwarder: AppendMessageForwarder) {}

  @Post(':id/messages')
  @ApiComplaintCommand(
    "Add a later message of the reporter to an open complaint (Admin Tikkim): a follow-up call or visit",
    "Stored by intake as the complaint's next message, in the complaint's own channel; the text has the rule of the report's own (POST /complaints). " +
      'Changes no status, hence not the version either. Any open complaint of the officer\'s office (libs/sop appendMessage); a closed one answers 409 COMPLAINT.ILLEGAL_TRANSITION.',
  )
  @ApiOkResponse({ type: MessageAppendedDto })
  append(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AppendMessageBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<MessageAppendedDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
