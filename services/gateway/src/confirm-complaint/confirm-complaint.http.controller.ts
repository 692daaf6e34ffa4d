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
import { ConfirmComplaintBody } from './confirm-complaint.dto';
import { ConfirmComplaintForwarder } from './confirm-complaint.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class ConfirmComplaintHttpController {
  constructor(private readonly forwarder: ConfirmComplaintForwarder) {}

  @Post(':id/confirm')
  @ApiComplaintCommand('Confirm a received complaint (SOP step 2; Admin Tikkim)', 'Writes the Laporan Terusan Aduan: classification, summary and the anonymous/confidential flags. RECEIVED → CONFIRMED.')
  @ApiOkResponse({ type: CommandResultDto })
  confirm(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ConfirmComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
