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
import { SetStatusMessagesBody, StatusMessagesDto } from './status-messages.dto';
import { StatusMessagesHandler } from './status-messages.handler';

/**
 * `/api/v1/status-messages` (docs/adr/0054): which status messages the office sends its
 * reporters (the complaint confirmed, dispositioned, its follow-up decided); the head of office
 * turns each on or off.
 */
@ApiTags('status-messages')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/status-messages`)
export class StatusMessagesHttpController {
  constructor(private readonly handler: StatusMessagesHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's status messages, each on or off (never set: all on). KEPALA_KANTOR, ADMIN_TIKKIM" })
  @ApiOkResponse({ type: StatusMessagesDto, description: 'ETag: the version' })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only the head of office and Admin Tikkim read them (STATUS_MESSAGES.FORBIDDEN_ROLE)'], [503, 'notification is not reachable'])
  async get(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<StatusMessagesDto> {
    return taggedWithVersion(res, await this.handler.get(user, correlationId));
  }

  @Put()
  @ApiOperation({ summary: 'The head of office turns status messages on or off; applies to the steps taken after it. KEPALA_KANTOR' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; the same key again answers the same and records nothing more' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the officer last saw, e.g. "3": settings changed since are 409 STATUS_MESSAGES.VERSION_CONFLICT' })
  @ApiOkResponse({ type: StatusMessagesDto, description: 'The settings now in force; ETag: their version' })
  @ApiProblemResponses(
    [400, 'A status message is not known, named twice, or a header is not valid (REQUEST.INVALID, each named)'],
    [401, 'No valid access token'],
    [403, 'Only the head of office changes them (STATUS_MESSAGES.FORBIDDEN_ROLE)'],
    [409, 'The settings were changed since the If-Match version (STATUS_MESSAGES.VERSION_CONFLICT)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'notification or the database is not reachable'],
  )
  async set(
    @Body() body: SetStatusMessagesBody,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StatusMessagesDto> {
    const context = { user, requestKey, correlationId, clientAddress: clientAddressOf(req), ...(expectedVersion === undefined ? {} : { expectedVersion }) };
    return taggedWithVersion(res, await this.handler.set(context, body.items));
  }
}
