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
import { DecideFollowUpBody } from './decide-follow-up.dto';
import { DecideFollowUpForwarder } from './decide-follow-up.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class DecideFollowUpHttpController {
  constructor(private readonly forwarder: DecideFollowUpForwarder) {}

  @Post(':id/decision')
  @ApiComplaintCommand(
    'Decide whether an analysed complaint is followed up (SOP step 5; Kepala Seksi TI)',
    'Writes the Keputusan Tindak Lanjut. ANALYZED → FOLLOW_UP_DECIDED (a team is formed next) or NO_FOLLOW_UP_DECIDED (the reporter is told why).',
  )
  @ApiOkResponse({ type: CommandResultDto })
  decide(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: DecideFollowUpBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
