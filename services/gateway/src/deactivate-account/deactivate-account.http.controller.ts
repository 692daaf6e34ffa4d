import { Controller, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { OfficeAccountDto, officeAccountDtoOf } from '../office-accounts/office-accounts.dto';
import { clientAddressOf } from '../public-rate-limits/client-address';
import { DeactivateAccountHandler } from './deactivate-account.handler';

/** `POST /api/v1/users/{username}/deactivate`. */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/users`)
export class DeactivateAccountHttpController {
  constructor(private readonly handler: DeactivateAccountHandler) {}

  @Post(':username/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) deactivates an officer's account of their office: no more logins, every token refused" })
  @ApiParam({ name: 'username', example: 'seksi.inteldakim' })
  @ApiOkResponse({ type: OfficeAccountDto })
  @ApiProblemResponses(
    [401, 'No valid access token'],
    [403, 'Only KEPALA_KANTOR administers accounts (ACCOUNT.FORBIDDEN_ROLE)'],
    [404, 'No such account in your office (ACCOUNT.NOT_FOUND)'],
    [409, 'Your own account (ACCOUNT.CANNOT_DEACTIVATE_SELF)'],
    [503, 'The database is not reachable'],
  )
  async deactivate(@Param('username') username: string, @CurrentUser() admin: AuthenticatedUser, @Req() req: Request): Promise<OfficeAccountDto> {
    return officeAccountDtoOf(await this.handler.execute({ admin, username, clientAddress: clientAddressOf(req) }));
  }
}
