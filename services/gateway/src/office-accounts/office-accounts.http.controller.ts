import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { assertAccountAdministrator } from '../users/office-administration';
import { UserAccounts } from '../users/user-accounts';
import { OfficeAccountsDto, officeAccountDtoOf } from './office-accounts.dto';

/** `GET /api/v1/users`: the office's accounts, for its administrator. */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/users`)
export class OfficeAccountsHttpController {
  constructor(private readonly accounts: UserAccounts) {}

  @Get()
  @ApiOperation({ summary: "The head of office (KEPALA_KANTOR) lists their office's accounts" })
  @ApiOkResponse({ type: OfficeAccountsDto })
  @ApiProblemResponses([401, 'No valid access token'], [403, 'Only KEPALA_KANTOR administers accounts (ACCOUNT.FORBIDDEN_ROLE)'], [503, 'The database is not reachable'])
  async list(@CurrentUser() user: AuthenticatedUser): Promise<OfficeAccountsDto> {
    assertAccountAdministrator(user);
    return { items: (await this.accounts.list(user.officeCode)).map(officeAccountDtoOf) };
  }
}
