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
    'Record a call that did not reach the reporter (SOP step 8; Admin Tikkim)',
    'NOT_REACHABLE: the complaint stays REPORTER_INFORMED and its call task waits until retryAt. GIVE_UP: REPORTER_INFORMED → CLOSED without a delivery, the reason kept (docs/adr/0044).',
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
