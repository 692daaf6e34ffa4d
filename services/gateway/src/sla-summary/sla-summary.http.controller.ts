import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { SlaSummaryDto, SlaSummaryQueryDto } from './sla-summary.dto';
import { SlaSummaryQuery } from './sla-summary.query';

/** `GET /api/v1/sla/summary`: any officer of the office may read how its deadlines fared. */
@ApiTags('sla')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/sla/summary`)
export class SlaSummaryHttpController {
  constructor(private readonly query: SlaSummaryQuery) {}

  @Get()
  @ApiOperation({ summary: "How the office's SLA deadlines that started in [from, to) fared, per step: on time, late, open, overdue, median and p90 hours" })
  @ApiOkResponse({ type: SlaSummaryDto })
  @ApiProblemResponses([400, 'from or to is not an ISO date-time, or from is not earlier than to'], [401, 'No valid access token'], [503, 'The read model is not reachable'])
  summary(@Query() query: SlaSummaryQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<SlaSummaryDto> {
    return this.query.of(user, query);
  }
}
