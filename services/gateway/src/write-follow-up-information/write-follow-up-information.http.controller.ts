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
import { WriteFollowUpInformationBody } from './write-follow-up-information.dto';
import { WriteFollowUpInformationForwarder } from './write-follow-up-information.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class WriteFollowUpInformationHttpController {
  constructor(private readonly forwarder: WriteFollowUpInformationForwarder) {}

  @Post(':id/follow-up-information')
  @ApiComplaintCommand(
    'Write and send the follow-up information to the reporter (SOP step 7; Admin Tikkim)',
    'After the team decree, a no-follow-up decision or a dismissal: the reporter is told over the channel the complaint came in by. → REPORTER_INFORMED.',
  )
  @ApiOkResponse({ type: CommandResultDto })
  write(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: WriteFollowUpInformationBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
