import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.guard';
import { API_PREFIX } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { LoginBody, LoginResultDto, LoginSecondFactorBody, SecondFactorChallengeDto } from './login.dto';
import { LoginHandler } from './login.handler';
import { LoginSecondFactorHandler } from './login-second-factor.handler';

/** `POST /api/v1/auth/login` and its second step `POST /api/v1/auth/login/totp`: the routes that need no token. */
@ApiTags('auth')
@ApiExtraModels(LoginResultDto, SecondFactorChallengeDto)
@Controller(`${API_PREFIX}/auth`)
export class LoginHttpController {
  constructor(
    private readonly handler: LoginHandler,
    private readonly secondFactor: LoginSecondFactorHandler,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Log in with username and password; answers an access token for the other routes, or a challenge when the account has a second factor',
    description:
      'Failed logins are limited per client address (20 per 15 minutes by default) and per username (5 per 15 minutes); over a limit every login ' +
      'of that address or username, even with the right password, is refused with 429 until the window ends. Each failure is in the account’s security log. ' +
      'When the account has a second factor (TOTP), the right password answers 200 with `secondFactorRequired: true` and a `challenge` (valid 5 minutes) ' +
      'instead of a token: send it with the code to POST /api/v1/auth/login/totp. When the office policy requires a second factor of the role and the account ' +
      'has none, the token answered only enrols one (`secondFactorEnrolmentRequired: true`).',
  })
  @ApiOkResponse({
    description: 'An access token (LoginResult), or a challenge for the second factor (SecondFactorChallenge)',
    schema: { oneOf: [{ $ref: getSchemaPath(LoginResultDto) }, { $ref: getSchemaPath(SecondFactorChallengeDto) }] },
  })
  @ApiProblemResponses(
    [400, 'username or password missing or too long'],
    [401, 'The username or the password is wrong (the same answer for both)'],
    [429, 'Too many failed logins from this address or for this username (AUTH.RATE_LIMITED); Retry-After says when to try again'],
    [503, 'The database is not reachable'],
  )
  login(@Body() body: LoginBody, @Req() req: Request): Promise<LoginResultDto | SecondFactorChallengeDto> {
    return this.handler.execute({ body, clientAddress: clientAddressOf(req) });
  }

  @Post('login/totp')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Second step of a login with a second factor: the challenge and a code of the authenticator app (or a recovery code); answers the access token',
    description:
      'A code is taken once: the same code (or one of an earlier time step) again is refused. Wrong codes count against the same login limits as wrong ' +
      'passwords (per username and per address), checked before the code; each is in the account’s security log (SECOND_FACTOR_FAILED).',
  })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiProblemResponses(
    [400, 'challenge missing, or not exactly one of code and recoveryCode'],
    [401, 'The challenge is expired or not valid (AUTH.CHALLENGE_INVALID), or the code is wrong, expired or used (AUTH.INVALID_SECOND_FACTOR)'],
    [409, "The account's second factor cannot be read (AUTH.SECOND_FACTOR_UNREADABLE): a recovery code still works"],
    [429, 'Too many failed attempts from this address or for this username (AUTH.RATE_LIMITED); Retry-After says when to try again'],
    [503, 'The database is not reachable'],
  )
  loginSecondFactor(@Body() body: LoginSecondFactorBody, @Req() req: Request): Promise<LoginResultDto> {
    return this.secondFactor.execute({ body, clientAddress: clientAddressOf(req) });
  }
}
