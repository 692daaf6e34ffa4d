import { Body, Controller, HttpCode, HttpStatus, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { SectionDto } from '../sections/sections.http.controller';
import { AddSectionBody, RenameSectionBody } from './administer-sections.dto';
import { AdministerSectionsHandler } from './administer-sections.handler';

const ONLY_HEAD: [number, string] = [403, 'Only KEPALA_KANTOR administers the sections (ACCOUNT.FORBIDDEN_ROLE)'];

/** `POST /api/v1/sections`, `PATCH /api/v1/sections/{code}`, `POST /api/v1/sections/{code}/retire` (ADR 0042). */
@ApiTags('sections')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/sections`)
export class AdministerSectionsHttpController {
  constructor(private readonly handler: AdministerSectionsHandler) {}

  @Post()
  @ApiOperation({ summary: 'The head of office (KEPALA_KANTOR) adds a section to the office' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'The same section again answers 200 and changes nothing' })
  @ApiCreatedResponse({ type: SectionDto })
  @ApiOkResponse({ type: SectionDto, description: 'The section was already there as asked' })
  @ApiProblemResponses(
    [400, 'code or name malformed'],
    [401, 'No valid access token'],
    ONLY_HEAD,
    [409, 'The code is taken, under another name or retired (SECTION.CODE_TAKEN)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'disposition or the database is not reachable'],
  )
  async add(
    @Body() body: AddSectionBody,
    @CurrentUser() admin: AuthenticatedUser,
    @IdempotencyKey() requestKey: string,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SectionDto> {
    const { section, changed } = await this.handler.add({ admin, requestKey, correlationId, clientAddress: clientAddressOf(req) }, body.code, body.name);
    res.status(changed ? 201 : 200);
    return section;
  }

  @Patch(':code')
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) renames a section; sheets already made keep the name on their document" })
  @ApiParam({ name: 'code', example: 'INTELDAKIM' })
  @ApiOkResponse({ type: SectionDto })
  @ApiProblemResponses(
    [400, 'name malformed'],
    [401, 'No valid access token'],
    ONLY_HEAD,
    [404, 'No such section in your office (SECTION.NOT_FOUND)'],
    [409, 'The section is retired (SECTION.RETIRED)'],
    [503, 'disposition or the database is not reachable'],
  )
  async rename(@Param('code') code: string, @Body() body: RenameSectionBody, @CurrentUser() admin: AuthenticatedUser, @CorrelationId() correlationId: string, @Req() req: Request): Promise<SectionDto> {
    return (await this.handler.rename({ admin, correlationId, clientAddress: clientAddressOf(req) }, code, body.name)).section;
  }

  @Post(':code/retire')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The head of office (KEPALA_KANTOR) retires a section: offered for no new disposition, still named on old sheets' })
  @ApiParam({ name: 'code', example: 'INTELDAKIM' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true })
  @ApiOkResponse({ type: SectionDto })
  @ApiProblemResponses(
    [401, 'No valid access token'],
    ONLY_HEAD,
    [404, 'No such section in your office (SECTION.NOT_FOUND)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'disposition or the database is not reachable'],
  )
  async retire(@Param('code') code: string, @CurrentUser() admin: AuthenticatedUser, @IdempotencyKey() requestKey: string, @CorrelationId() correlationId: string, @Req() req: Request): Promise<SectionDto> {
    return (await this.handler.retire({ admin, requestKey, correlationId, clientAddress: clientAddressOf(req) }, code)).section;
  }
}
