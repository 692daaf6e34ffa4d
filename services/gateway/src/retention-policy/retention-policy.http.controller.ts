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
import { RetentionPolicyDto, SetRetentionPolicyBody } from './retention-policy.dto';
import { RetentionPolicyHandler } from './retention-policy.handler';

/** `/api/v1/retention-policy` (docs/adr/0057): how long after closing the office keeps each kind of record; the head of office sets it. */
@ApiTags('retention-policy')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/retention-policy`)
export class RetentionPolicyHttpController {
  constructor(private readonly handler: RetentionPolicyHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's retention period per kind of record in days (never set: PERSONAL_DATA_RETENTION_DAYS). KEPALA_KANTOR, AUDITOR" })
  @ApiOkResponse({ type: RetentionPolicyDto, description: 'ETag: the version' })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only the head of office and the auditor read it (RETENTION_POLICY.FORBIDDEN_ROLE)'], [503, 'intake is not reachable'])
  async get(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<RetentionPolicyDto> {
    return taggedWithVersion(res, await this.handler.get(user, correlationId));
  }

  @Put()
  @ApiOperation({ summary: 'The head of office sets the retention periods; the next daily retention run erases by them. KEPALA_KANTOR' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; the same key again answers the same and records nothing more' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version the officer last saw, e.g. "3": a policy changed since is 409 RETENTION_POLICY.VERSION_CONFLICT' })
  @ApiOkResponse({ type: RetentionPolicyDto, description: 'The periods now in force; ETag: their version' })
  @ApiProblemResponses(
    [400, '`policies[i].kind` is unknown or `policies[i].days` not a whole number from 30 to 3650, or a header is not valid (REQUEST.INVALID, each named)'],
    [401, 'No valid access token'],
    [403, 'Only the head of office sets it (RETENTION_POLICY.FORBIDDEN_ROLE)'],
    [409, 'The periods were changed since the If-Match version (RETENTION_POLICY.VERSION_CONFLICT)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'intake or the database is not reachable'],
  )
  async set(
    @Body() body: SetRetentionPolicyBody,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RetentionPolicyDto> {
    const expected = expectedVersion === undefined ? {} : { expectedVersion };
    return taggedWithVersion(res, await this.handler.set({ user, requestKey, correlationId, clientAddress: clientAddressOf(req), ...expected }, body.policies));
  }
}
