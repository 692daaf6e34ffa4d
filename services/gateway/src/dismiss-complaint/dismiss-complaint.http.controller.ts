import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { CommandResultDto } from '../complaint-commands/command-result.dto';
import { ApiComplaintCommand, ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion } from '../http/entity-tags';
import { IdempotencyKey } from '../http/idempotency-key';
import { DismissComplaintBody } from './dismiss-complaint.dto';
import { DismissComplaintForwarder } from './dismiss-complaint.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class DismissComplaintHttpController {
  constructor(private readonly forwarder: DismissComplaintForwarder) {}

  @Post(':id/dismiss')
  @ApiComplaintCommand(
    'Dismiss a received message that is not a complaint to handle (SOP step 2; Admin Tikkim)',
    'SPAM, DUPLICATE (with duplicateOf), NOT_A_COMPLAINT or NOT_OUR_AUTHORITY (with belongsTo). RECEIVED → DISMISSED; the sender is then told (step 7).',
  )
  @ApiOkResponse({ type: CommandResultDto })
  dismiss(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: DismissComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
