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
import { RespondAsSectionBody } from './respond-as-section.dto';
import { RespondAsSectionForwarder } from './respond-as-section.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class RespondAsSectionHttpController {
  constructor(private readonly forwarder: RespondAsSectionForwarder) {}

  @Post(':id/section-responses')
  @ApiComplaintCommand(
    "Respond to a disposition for the officer's section (SOP step 3; Seksi terkait)",
    "The section is the officer's own. Once every dispositioned section has responded: DISPOSED → SECTION_PROCESSED, back to Admin Tikkim.",
  )
  @ApiOkResponse({ type: CommandResultDto })
  respond(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RespondAsSectionBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
