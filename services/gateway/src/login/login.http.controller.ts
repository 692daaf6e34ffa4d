import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { LoginBody, LoginResultDto } from './login.dto';
import { LoginHandler } from './login.handler';

/** `POST /api/v1/auth/login`: the one route that needs no token. */
@ApiTags('auth')
@Controller(`${API_PREFIX}/auth`)
export class LoginHttpController {
  constructor(private readonly handler: LoginHandler) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Log in with username and password; answers an access token for the other routes',
    description:
      'Failed logins are limited per client address (20 per 15 minutes by default) and per username (5 per 15 minutes); over a limit every login ' +
      'of that address or username, even with the right password, is refused with 429 until the window ends. Each failure is in the account’s security log.',
  })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiProblemResponses(
    [400, 'username or password missing or too long'],
    [401, 'The username or the password is wrong (the same answer for both)'],
    [429, 'Too many failed logins from this address or for this username (AUTH.RATE_LIMITED); Retry-After says when to try again'],
    [503, 'The database is not reachable'],
  )
  login(@Body() body: LoginBody, @Req() req: Request): Promise<LoginResultDto> {
    return this.handler.execute({ body, clientAddress: clientAddressOf(req) });
  }
}
