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
import { OfficeProfileBody, OfficeProfileDto } from './office-profile.dto';
import { OfficeProfileHandler } from './office-profile.handler';

/**
 * `/api/v1/office-profile` (docs/adr/0048): the officer's office's profile, its documents'
 * letterhead and contact; the head of office changes it. Controllers map, the handler decides.
 */
@ApiTags('office-profile')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/office-profile`)
export class OfficeProfileHttpController {
  constructor(private readonly handler: OfficeProfileHandler) {}

  @Get()
  @ApiOperation({ summary: "The office's profile in force: what its documents' letterhead prints. Every officer of the office" })
  @ApiOkResponse({ type: OfficeProfileDto, description: 'ETag: its version' })
  @ApiProblemResponses([401, 'No valid access token'], [403, "A platform operator's account sees no office"], [503, 'intake is not reachable'])
  async read(@CurrentUser() user: AuthenticatedUser, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response): Promise<OfficeProfileDto> {
    return taggedWithVersion(res, await this.handler.read(user, correlationId));
  }

  @Put()
  @ApiOperation({ summary: "The head of office changes the office's profile; documents made from now on print it, those made before keep theirs. KEPALA_KANTOR" })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'One per change; the same key again answers the same and records nothing more' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the profile the head of office edited (e.g. "0"): a profile changed since is 409 OFFICE_PROFILE.VERSION_CONFLICT' })
  @ApiOkResponse({ type: OfficeProfileDto, description: 'The profile now in force (the same content again: unchanged, no new version); ETag: its version' })
  @ApiProblemResponses(
    [400, 'A field breaks its rule (REQUEST.INVALID, each field named), or the Idempotency-Key or If-Match is missing or malformed'],
    [401, 'No valid access token'],
    [403, 'Only the head of office changes the profile (OFFICE_PROFILE.FORBIDDEN_ROLE)'],
    [409, 'The profile was changed since the If-Match version (OFFICE_PROFILE.VERSION_CONFLICT; `version` is the current one)'],
    [422, 'The Idempotency-Key was used for another command or other content (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'intake or the database is not reachable'],
  )
  async change(
    @Body() body: OfficeProfileBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() requestKey: string,
    @IfMatchVersion() expectedVersion: number | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeProfileDto> {
    return taggedWithVersion(res, await this.handler.change({ user, requestKey, expectedVersion, correlationId, clientAddress: clientAddressOf(req) }, body));
  }
}
