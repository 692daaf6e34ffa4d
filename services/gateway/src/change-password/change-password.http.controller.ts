import { Body, Controller, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { VerifiedAccessToken } from '../auth/access-tokens';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentToken, CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { LoginResultDto } from '../login/login.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { ChangePasswordBody } from './change-password.dto';
import { ChangePasswordHandler } from './change-password.handler';
import { ForOperators } from '../auth/auth.guard';

/** `POST /api/v1/auth/password`. */
@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@ForOperators()
@Controller(`${API_PREFIX}/auth`)
export class ChangePasswordHttpController {
  constructor(private readonly handler: ChangePasswordHandler) {}

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Change your own password; every other token of the account is revoked and a fresh one is answered',
    description: 'Wrong current passwords count against the login limits of the username and the address (429 over them).',
  })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiProblemResponses(
    [400, 'A field missing; the current password wrong (AUTH.WRONG_PASSWORD, errors naming currentPassword); the new one against the policy (AUTH.PASSWORD_POLICY, naming newPassword)'],
    [401, 'No valid access token'],
    [429, 'Too many failed attempts (AUTH.RATE_LIMITED); Retry-After says when to try again'],
    [503, 'The database is not reachable'],
  )
  change(@Body() body: ChangePasswordBody, @CurrentUser() user: AuthenticatedUser, @CurrentToken() token: VerifiedAccessToken, @Req() req: Request): Promise<LoginResultDto> {
    return this.handler.execute({ user, token, body, clientAddress: clientAddressOf(req) });
  }
}
