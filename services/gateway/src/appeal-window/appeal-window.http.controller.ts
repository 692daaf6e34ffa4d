import { Body, Controller, Get, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion, taggedWithVersion } from '../http/entity-tags';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { AppealWindowDto, SetAppealWindowBody } from './appeal-window.dto';
import { AppealWindowHandler } from './appeal-window.handler';

/** `/api/v1/appeal-window` (docs/adr/0053): how many days after closing the office takes an appeal; the head of office sets it. */
@ApiTags('appeal-window')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/appeal-window`)
export class AppealWindowHttpController {
  constructor(private readonly handler: AppealWindowHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's appeal window in days (never set: 14). KEPALA_KANTOR, ADMIN_TIKKIM" })
  @ApiOkResponse({ type: AppealWindowDto, description: 'ETag: the version' })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only the head of office and Admin Tikkim read it (APPEAL_WINDOW.FORBIDDEN_ROLE)'], [503, 'intake is not reachable'])
  async get(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<AppealWindowDto> {
    return taggedWithVersion(res, await this.handler.get(user, correlationId));
  }

  @Put()
  @ApiOperation({ summary: 'The head of office sets the appeal window; applies to every rating and appeal decided after it. KEPALA_KANTOR' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; the same key again answers the same and records nothing more' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the officer last saw, e.g. "3": a window changed since is 409 APPEAL_WINDOW.VERSION_CONFLICT' })
  @ApiOkResponse({ type: AppealWindowDto, description: 'The window now in force; ETag: its version' })
  @ApiProblemResponses(
    [400, '`days` is not a whole number from 0 to 365, or a header is not valid (REQUEST.INVALID, each named)'],
    [401, 'No valid access token'],
    [403, 'Only the head of office sets it (APPEAL_WINDOW.FORBIDDEN_ROLE)'],
    [409, 'The window was changed since the If-Match version (APPEAL_WINDOW.VERSION_CONFLICT)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'intake or the database is not reachable'],
  )
  async set(
    @Body() body: SetAppealWindowBody,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AppealWindowDto> {
    const expected = expectedVersion === undefined ? {} : { expectedVersion };
    return taggedWithVersion(res, await this.handler.set({ user, requestKey, correlationId, clientAddress: clientAddressOf(req), ...expected }, body.days));
  }
}
