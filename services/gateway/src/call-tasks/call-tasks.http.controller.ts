import { ServiceError } from '@pengaduan/runtime';
import { COMMAND_RULES } from '@pengaduan/sop';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OFFICER_ROLES, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { CallTaskListDto, ListCallTasksQuery, MAX_CALL_TASKS_LIMIT } from './call-tasks.dto';
import { CallTasksQuery } from './call-tasks.query';

/** Who works the call tasks: whom libs/sop lets record the delivery (SOP step 8), Admin Tikkim. */
export const CALL_TASK_ROLES: readonly OfficerRole[] = OFFICER_ROLES.filter((role) => COMMAND_RULES.recordDelivery.roles.includes(role));

/** `GET /api/v1/call-tasks`: the notices no channel could deliver, for Admin Tikkim to phone (docs/adr/0040, 0051). */
@ApiTags('call-tasks')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/call-tasks`)
export class CallTasksHttpController {
  constructor(private readonly query: CallTasksQuery) {}

  @Get()
  @ApiOperation({ summary: "The office's notices no channel could deliver (acknowledgement, follow-up information, dismissal notice), with each channel's failure, oldest first. ADMIN_TIKKIM" })
  @ApiOkResponse({ type: CallTaskListDto })
  @ApiProblemResponses([400, 'A query parameter is not valid'], [401, 'No valid access token'], [403, 'Only Admin Tikkim works the call tasks (CALL_TASK.FORBIDDEN_ROLE)'], [503, 'The read model is not reachable'])
  async list(@Query() query: ListCallTasksQuery, @CurrentUser() user: AuthenticatedUser): Promise<CallTaskListDto> {
    if (!CALL_TASK_ROLES.includes(user.role)) throw new ServiceError('forbidden', 'CALL_TASK.FORBIDDEN_ROLE', 'only admin tikkim works the call tasks');
    const limit = query.limit ?? MAX_CALL_TASKS_LIMIT;
    const offset = query.offset ?? 0;
    const { items, total } = await this.query.of(user.officeCode, { limit, offset });
    return { items, total, limit, offset };
  }
}
