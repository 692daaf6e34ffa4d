import { Body, Controller, Header, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { ResetPasswordBody, ResetPasswordResultDto } from './reset-password.dto';
import { ResetPasswordHandler } from './reset-password.handler';

/** `POST /api/v1/users/{username}/password-reset`. */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/users`)
export class ResetPasswordHttpController {
  constructor(private readonly handler: ResetPasswordHandler) {}

  @Post(':username/password-reset')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) resets an officer's password of their office; every token of the account is revoked" })
  @ApiParam({ name: 'username', example: 'seksi.inteldakim' })
  @ApiOkResponse({ type: ResetPasswordResultDto })
  @ApiProblemResponses(
    [400, 'The given password is against the policy (AUTH.PASSWORD_POLICY, naming password)'],
    [401, 'No valid access token'],
    [403, 'Only KEPALA_KANTOR administers accounts (ACCOUNT.FORBIDDEN_ROLE)'],
    [404, 'No such account in your office (ACCOUNT.NOT_FOUND)'],
    [503, 'The database is not reachable'],
  )
  reset(@Param('username') username: string, @Body() body: ResetPasswordBody, @CurrentUser() admin: AuthenticatedUser, @Req() req: Request): Promise<ResetPasswordResultDto> {
    return this.handler.execute({ admin, username, body, clientAddress: clientAddressOf(req) });
  }
}
