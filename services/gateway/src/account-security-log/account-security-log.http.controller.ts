import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { AccountSecurityLog, securityLogScopeOf } from './account-security-log';
import { SecurityLogDto, SecurityLogQuery } from './account-security-log.dto';
import { ForOperators } from '../auth/auth.guard';

/** `GET /api/v1/auth/security-log`. */
@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@ForOperators()
@Controller(`${API_PREFIX}/auth`)
export class AccountSecurityLogHttpController {
  constructor(private readonly log: AccountSecurityLog) {}

  @Get('security-log')
  @ApiOperation({
    summary: "Your account's security log (failed and rate-limited logins, logouts, password changes and resets); the head of office's: every account of the office",
  })
  @ApiOkResponse({ type: SecurityLogDto })
  @ApiProblemResponses([400, 'limit out of range or username malformed'], [401, 'No valid access token'], [403, 'username of another account, asked by an officer who is not KEPALA_KANTOR'], [503, 'The database is not reachable'])
  async securityLog(@Query() query: SecurityLogQuery, @CurrentUser() user: AuthenticatedUser): Promise<SecurityLogDto> {
    const entries = await this.log.list(securityLogScopeOf(user, query.username), query.limit ?? 100);
    return {
      items: entries.map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        username: e.username,
        ...(e.clientAddress ? { clientAddress: e.clientAddress } : {}),
        ...(e.actorUsername ? { actorUsername: e.actorUsername } : {}),
      })),
    };
  }
}
