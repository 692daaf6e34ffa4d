import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { VerifiedAccessToken } from '../auth/access-tokens';
import { BeforeSecondFactor, ForOperators } from '../auth/auth.guard';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentToken, CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { ConfirmTotpBody, DisableTotpBody, TotpActivatedDto, TotpEnrolmentDto, TotpStatusDto } from './totp.dto';
import { TotpEnrolmentHandler } from './totp-enrolment.handler';

/** `/api/v1/auth/totp…`: the officer's own second factor (ADR 0027). */
@ApiTags('auth')
@ApiBearerAuth(BEARER_AUTH)
@ForOperators()
@Controller(`${API_PREFIX}/auth/totp`)
export class TotpHttpController {
  constructor(private readonly handler: TotpEnrolmentHandler) {}

  @Get()
  @BeforeSecondFactor()
  @ApiOperation({ summary: 'Whether your account has a second factor (TOTP), one pending, or the office policy requires one' })
  @ApiOkResponse({ type: TotpStatusDto })
  @ApiProblemResponses([401, 'No valid access token'], [503, 'The database is not reachable'])
  status(@CurrentUser() user: AuthenticatedUser): Promise<TotpStatusDto> {
    return this.handler.status(user);
  }

  @Post('enrolment')
  @BeforeSecondFactor()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start enrolling a second factor: a new TOTP secret (and its otpauth:// URI), answered this once; a pending one is replaced',
    description: 'The secret is kept sealed and pending until POST /api/v1/auth/totp/enrolment/confirm confirms it with a first code.',
  })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiProblemResponses([401, 'No valid access token'], [409, 'A second factor is already active (AUTH.SECOND_FACTOR_ALREADY_ENABLED)'], [503, 'The database is not reachable'])
  start(@CurrentUser() user: AuthenticatedUser, @Req() req: Request): Promise<TotpEnrolmentDto> {
    return this.handler.start({ user, clientAddress: clientAddressOf(req) });
  }

  @Post('enrolment/confirm')
  @BeforeSecondFactor()
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Activate the pending second factor with a code of the app (±1 step); answers the recovery codes once and a fresh token',
    description: 'Every token of the account issued before (on the password alone) is revoked; the token answered is a full one.',
  })
  @ApiOkResponse({ type: TotpActivatedDto })
  @ApiProblemResponses(
    [400, 'code missing, or wrong or expired (AUTH.WRONG_CODE, naming code)'],
    [401, 'No valid access token'],
    [409, 'No enrolment was started (AUTH.NO_PENDING_ENROLMENT), or one is already active (AUTH.SECOND_FACTOR_ALREADY_ENABLED)'],
    [503, 'The database is not reachable'],
  )
  confirm(@Body() body: ConfirmTotpBody, @CurrentUser() user: AuthenticatedUser, @CurrentToken() token: VerifiedAccessToken, @Req() req: Request): Promise<TotpActivatedDto> {
    return this.handler.confirm({ user, clientAddress: clientAddressOf(req) }, token, body.code);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Turn the second factor off, with the current password and a code (or a recovery code)',
    description: 'Not when the office policy requires it for your role. Wrong passwords and codes count against the login limits (429 over them).',
  })
  @ApiNoContentResponse({ description: 'Turned off; its recovery codes are void' })
  @ApiProblemResponses(
    [400, 'A field missing; the password wrong (AUTH.WRONG_PASSWORD, naming password); the code wrong (AUTH.WRONG_CODE, naming code or recoveryCode)'],
    [401, 'No valid access token'],
    [403, 'The office policy requires a second factor for your role (AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY)'],
    [409, 'No second factor is active (AUTH.SECOND_FACTOR_NOT_ENABLED)'],
    [429, 'Too many failed attempts (AUTH.RATE_LIMITED); Retry-After says when to try again'],
    [503, 'The database is not reachable'],
  )
  async disable(@Body() body: DisableTotpBody, @CurrentUser() user: AuthenticatedUser, @Req() req: Request): Promise<void> {
    await this.handler.disable({ user, clientAddress: clientAddressOf(req) }, body);
  }
}
