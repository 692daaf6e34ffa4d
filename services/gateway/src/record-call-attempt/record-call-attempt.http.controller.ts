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
import { RecordCallAttemptBody } from './record-call-attempt.dto';
import { RecordCallAttemptForwarder } from './record-call-attempt.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class RecordCallAttemptHttpController {
  constructor(private readonly forwarder: RecordCallAttemptForwarder) {}

  @Post(':id/call-attempts')
  @ApiComplaintCommand(
    'Record a call that did not reach the reporter about a notice no channel delivered (Admin Tikkim)',
    "purpose: the call task's notice (absent: step 8's information). NOT_REACHABLE: nothing moves, the call task waits until retryAt. GIVE_UP: step 8's information: REPORTER_INFORMED → CLOSED without a delivery, the reason kept (docs/adr/0044); the acknowledgement: that notice alone ends, in any open status (docs/adr/0051).",
  )
  @ApiOkResponse({ type: CommandResultDto })
  record(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RecordCallAttemptBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
