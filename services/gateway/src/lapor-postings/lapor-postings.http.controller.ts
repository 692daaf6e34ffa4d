import { ServiceError } from '@pengaduan/runtime';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { CALL_TASK_ROLES } from '../call-tasks/call-tasks.http.controller';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { LaporPostingListDto, ListLaporPostingsQuery, MAX_LAPOR_POSTINGS_LIMIT } from './lapor-postings.dto';
import { LaporPostingsQuery } from './lapor-postings.query';

/** `GET /api/v1/lapor-postings`: the answers to post on SP4N-LAPOR!, for Admin Tikkim (docs/adr/0055). */
@ApiTags('call-tasks')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/lapor-postings`)
export class LaporPostingsHttpController {
  constructor(private readonly query: LaporPostingsQuery) {}

  @Get()
  @ApiOperation({
    summary:
      "The office's LAPOR! complaints whose follow-up information awaits its posting on SP4N-LAPOR!, oldest first; recorded by POST …/delivery-confirmation with method LAPOR_POSTED. ADMIN_TIKKIM",
  })
  @ApiOkResponse({ type: LaporPostingListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [403, 'Only Admin Tikkim works the call and posting tasks (CALL_TASK.FORBIDDEN_ROLE)'], [503, 'The read model is not reachable'])
  async list(@Query() query: ListLaporPostingsQuery, @CurrentUser() user: AuthenticatedUser): Promise<LaporPostingListDto> {
    // The same officers as the call tasks: whom libs/sop lets record step 8's delivery.
    if (!CALL_TASK_ROLES.includes(user.role)) throw new ServiceError('forbidden', 'CALL_TASK.FORBIDDEN_ROLE', 'only admin tikkim works the call and posting tasks');
    const limit = query.limit ?? MAX_LAPOR_POSTINGS_LIMIT;
    const offset = query.offset ?? 0;
    const { items, total } = await this.query.of(user.officeCode, { limit, offset });
    return { items, total, limit, offset };
  }
}
