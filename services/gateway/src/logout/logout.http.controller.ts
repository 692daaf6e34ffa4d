import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { VerifiedAccessToken } from '../auth/access-tokens';
import { BeforeSecondFactor, ForOperators } from '../auth/auth.guard';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentToken, CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { LogoutBody } from './logout.dto';
import { LogoutHandler } from './logout.handler';

/** `POST /api/v1/auth/logout`. */
@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@ForOperators()
@Controller(`${API_PREFIX}/auth`)
export class LogoutHttpController {
  constructor(private readonly handler: LogoutHandler) {}

  @Post('logout')
  @BeforeSecondFactor()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Log out: the access token of this request is refused from now on (with everywhere: every token of the account)' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiProblemResponses([400, 'everywhere is not a boolean'], [401, 'No valid access token (already logged out, expired …)'], [503, 'The database is not reachable'])
  async logout(@Body() body: LogoutBody, @CurrentUser() user: AuthenticatedUser, @CurrentToken() token: VerifiedAccessToken, @Req() req: Request): Promise<void> {
    await this.handler.execute({ user, token, everywhere: body.everywhere === true, clientAddress: clientAddressOf(req) });
  }
}
