import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { EscalationListDto, ListEscalationsQuery, MAX_ESCALATIONS_LIMIT } from './sla-escalations.dto';
import { SlaEscalationsQuery } from './sla-escalations.query';

/** `GET /api/v1/sla/escalations`: the missed deadlines escalated to the officer. */
@ApiTags('sla')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/sla/escalations`)
export class SlaEscalationsHttpController {
  constructor(private readonly query: SlaEscalationsQuery) {}

  @Get()
  @ApiOperation({ summary: "Missed deadlines escalated to the officer's role in their office (for the kepala kantor also those for the office report), oldest due first" })
  @ApiOkResponse({ type: EscalationListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [503, 'The read model is not reachable'])
  async list(@Query() query: ListEscalationsQuery, @CurrentUser() user: AuthenticatedUser): Promise<EscalationListDto> {
    const limit = query.limit ?? MAX_ESCALATIONS_LIMIT;
    const offset = query.offset ?? 0;
    const { items, total } = await this.query.of(user, { includeResolved: query.includeResolved ?? false, limit, offset });
    return { items, total, limit, offset };
  }
}
