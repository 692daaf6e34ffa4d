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
import { ConfirmDeliveryBody } from './confirm-delivery.dto';
import { ConfirmDeliveryForwarder } from './confirm-delivery.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class ConfirmDeliveryHttpController {
  constructor(private readonly forwarder: ConfirmDeliveryForwarder) {}

  @Post(':id/delivery-confirmation')
  @ApiComplaintCommand(
    'Record that a notice reached the reporter (SOP step 8, or the acknowledgement; Admin Tikkim)',
    "For a delivery an officer knows of (phone call, in person, letter …). Step 8's information (no purpose, FOLLOW_UP_INFORMATION or DISMISSAL_NOTICE): REPORTER_INFORMED → CLOSED (SELESAI). ACKNOWLEDGEMENT: the tracking number told after no channel could give it, in any open status; nothing moves (docs/adr/0051).",
  )
  @ApiOkResponse({ type: CommandResultDto })
  confirm(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ConfirmDeliveryBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
