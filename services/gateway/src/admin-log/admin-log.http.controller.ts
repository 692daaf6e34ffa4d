import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { assertAccountAdministrator } from '../users/office-administration';
import { AdminLog } from './admin-log';
import { AdminLogPageDto, AdminLogQuery, DEFAULT_ADMIN_LOG_LIMIT } from './admin-log.dto';

/** `GET /api/v1/admin-log`: the office's administration log, for its head. */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/admin-log`)
export class AdminLogHttpController {
  constructor(private readonly log: AdminLog) {}

  @Get()
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) reads the office's administration log: accounts and sections added, changed, reset, deactivated, retired" })
  @ApiOkResponse({ type: AdminLogPageDto })
  @ApiProblemResponses([400, 'limit or offset out of range'], [401, 'No valid access token'], [403, 'Only KEPALA_KANTOR (ACCOUNT.FORBIDDEN_ROLE)'], [503, 'The database is not reachable'])
  async list(@Query() query: AdminLogQuery, @CurrentUser() user: AuthenticatedUser): Promise<AdminLogPageDto> {
    assertAccountAdministrator(user);
    const limit = query.limit ?? DEFAULT_ADMIN_LOG_LIMIT;
    const offset = query.offset ?? 0;
    const page = await this.log.page(user.officeCode, limit, offset);
    return {
      items: page.items.map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        actorUsername: e.actorUsername,
        ...(e.username ? { username: e.username } : {}),
        ...(e.target ? { target: e.target } : {}),
        ...(e.change ? { change: e.change } : {}),
      })),
      total: page.total,
      limit,
      offset,
    };
  }
}
