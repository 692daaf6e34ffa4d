import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { DispositionResultDto } from '../complaint-commands/command-result.dto';
import { ApiComplaintCommand, ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion } from '../http/entity-tags';
import { IdempotencyKey } from '../http/idempotency-key';
import { DisposeComplaintBody } from './dispose-complaint.dto';
import { DisposeComplaintForwarder } from './dispose-complaint.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class DisposeComplaintHttpController {
  constructor(private readonly forwarder: DisposeComplaintForwarder) {}

  @Post(':id/disposition')
  @ApiComplaintCommand(
    'Disposition a confirmed complaint to sections (SOP step 3; Kepala Kantor)',
    'Issues the Lembar Disposisi (its number in sheetNumber). CONFIRMED → DISPOSED; each section named then responds.',
  )
  @ApiOkResponse({ type: DispositionResultDto })
  dispose(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: DisposeComplaintBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<DispositionResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
