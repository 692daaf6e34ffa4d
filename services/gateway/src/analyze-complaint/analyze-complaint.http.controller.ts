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
import { AnalyzeComplaintBody } from './analyze-complaint.dto';
import { AnalyzeComplaintForwarder } from './analyze-complaint.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class AnalyzeComplaintHttpController {
  constructor(private readonly forwarder: AnalyzeComplaintForwarder) {}

  @Post(':id/analysis')
  @ApiComplaintCommand('Record the analysis of a complaint the sections processed (SOP step 4; Admin Tikkim)', 'Writes the Analisis Aduan. SECTION_PROCESSED → ANALYZED.')
  @ApiOkResponse({ type: CommandResultDto })
  analyze(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AnalyzeComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
