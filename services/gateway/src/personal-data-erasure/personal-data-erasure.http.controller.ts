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
import { PersonalDataErasureBody } from './personal-data-erasure.dto';
import { PersonalDataErasureForwarder } from './personal-data-erasure.forwarder';

@ApiTags('Personal data')
@Controller(`${API_PREFIX}/complaints`)
export class PersonalDataErasureHttpController {
  constructor(private readonly forwarder: PersonalDataErasureForwarder) {}

  @Post(':id/personal-data-erasure')
  @ApiComplaintCommand(
    'Erase the complainant’s personal data by destroying their data key (UU 27/2022; Admin Tikkim)',
    'On the complainant’s verified request. Their contact, messages and attachments become unreadable everywhere; the complaint, its documents without their data and its event log stay. Irreversible. 409 PERSONAL_DATA.ERASED when already erased (docs/adr/0057).',
  )
  @ApiOkResponse({ type: CommandResultDto })
  erase(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: PersonalDataErasureBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<CommandResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
