import { Body, Controller, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from '../http/idempotency-key';
import { ApiProblemResponses } from '../http/problem.dto';
import { OfficeAccountDto, officeAccountDtoOf } from '../office-accounts/office-accounts.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { AddOfficerHandler } from './add-officer.handler';
import { AddedOfficerDto, AddOfficerBody, ChangeOfficerBody } from './administer-officers.dto';
import { ChangeOfficerHandler } from './change-officer.handler';

/** `POST /api/v1/users` and `PATCH /api/v1/users/{username}`: the head of office adds and changes the office's officers (ADR 0042). */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/users`)
export class AdministerOfficersHttpController {
  constructor(
    private readonly add: AddOfficerHandler,
    private readonly change: ChangeOfficerHandler,
  ) {}

  @Post()
  @ApiOperation({ summary: 'The head of office (KEPALA_KANTOR) adds an officer to the office; without a password, a one-time password is answered once' })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'The same key again answers the same officer (200, without the password)' })
  @ApiCreatedResponse({ type: AddedOfficerDto })
  @ApiOkResponse({ type: AddedOfficerDto, description: 'A replay of the same Idempotency-Key' })
  @ApiProblemResponses(
    [400, 'A field is malformed, the section is no active section of the office, or the password breaks the policy (AUTH.PASSWORD_POLICY)'],
    [401, 'No valid access token'],
    [403, 'Only KEPALA_KANTOR administers accounts (ACCOUNT.FORBIDDEN_ROLE)'],
    [409, 'The username is taken (ACCOUNT.USERNAME_TAKEN)'],
    [422, 'The Idempotency-Key was used for another command (IDEMPOTENCY.KEY_REUSED)'],
    [503, 'The database or disposition is not reachable'],
  )
  async addOfficer(
    @Body() body: AddOfficerBody,
    @CurrentUser() admin: AuthenticatedUser,
    @IdempotencyKey() requestKey: string,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AddedOfficerDto> {
    const { created, officer } = await this.add.execute({ admin, body, requestKey, clientAddress: clientAddressOf(req), correlationId });
    res.status(created ? 201 : 200);
    return officer;
  }

  @Patch(':username')
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) changes an officer's role, section, position or second-factor requirement" })
  @ApiParam({ name: 'username', example: 'seksi.inteldakim' })
  @ApiOkResponse({ type: OfficeAccountDto })
  @ApiProblemResponses(
    [400, 'No field, a malformed field, or a section that is no active section of the office'],
    [401, 'No valid access token'],
    [403, 'Only KEPALA_KANTOR administers accounts (ACCOUNT.FORBIDDEN_ROLE)'],
    [404, 'No such account in your office (ACCOUNT.NOT_FOUND)'],
    [409, "The office's last active head of office (ACCOUNT.LAST_HEAD_OF_OFFICE)"],
    [503, 'The database or disposition is not reachable'],
  )
  async changeOfficer(
    @Param('username') username: string,
    @Body() body: ChangeOfficerBody,
    @CurrentUser() admin: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
  ): Promise<OfficeAccountDto> {
    return officeAccountDtoOf(await this.change.execute({ admin, username, body, clientAddress: clientAddressOf(req), correlationId }));
  }
}
