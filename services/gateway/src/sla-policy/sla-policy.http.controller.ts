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
import { SlaPolicyBody, SlaPolicyChangeDto, SlaPolicyViewDto } from './sla-policy.dto';
import { SlaPolicyHandler } from './sla-policy.handler';

/** `GET` and `PUT /api/v1/sla-policy`: the office's SLA policy and working calendar (docs/adr/0049). */
@ApiTags('sla')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/sla-policy`)
export class SlaPolicyHttpController {
  constructor(private readonly handler: SlaPolicyHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's SLA policy and working calendar in force (ETag: its version), for every officer of the office" })
  @ApiOkResponse({ type: SlaPolicyViewDto })
  @ApiProblemResponses([401, 'No valid access token'], [503, 'sla-monitor is not reachable'])
  async read(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<SlaPolicyViewDto> {
    return taggedWithVersion(res, await this.handler.read(user, correlationId));
  }

  @Put()
  @ApiOperation({
    summary: "The head of office (KEPALA_KANTOR) sets the office's SLA policy and working calendar; it applies to the deadlines started from then on, never to running ones",
  })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'The same key again answers the same change' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the policy you read, e.g. "3" ("0" for the default)' })
  @ApiOkResponse({ type: SlaPolicyChangeDto })
  @ApiProblemResponses(
    [400, 'A field is malformed or breaks its rule, named in errors (REQUEST.INVALID); a step longer than the SOP’s (SLA_POLICY.STEP_HOURS_OVER_SOP); If-Match missing'],
    [401, 'No valid access token'],
    [403, 'Only KEPALA_KANTOR sets the policy (SLA_POLICY.FORBIDDEN_ROLE)'],
    [409, 'The policy was changed since the version in If-Match (SLA_POLICY.VERSION_CONFLICT; version: the current one)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'sla-monitor or the database is not reachable'],
  )
  async change(
    @Body() body: SlaPolicyBody,
    @CurrentUser() admin: AuthenticatedUser,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SlaPolicyChangeDto> {
    return taggedWithVersion(res, await this.handler.change({ admin, requestKey, expectedVersion, correlationId, clientAddress: clientAddressOf(req) }, body));
  }
}
