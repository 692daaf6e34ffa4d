import { ServiceError } from '@pengaduan/runtime';
import { COMMAND_RULES } from '@pengaduan/sop';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OFFICER_ROLES, type AuthenticatedUser, type OfficerRole } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { UserAccounts } from '../users/user-accounts';
import { OfficeOfficersDto } from './office-officers.dto';

/**
 * Who reads the office's officers: those who issue the team decree (libs/sop `formTeam`, SOP
 * step 6), to pick its members. No one else needs the office's NIPs and positions in one list.
 */
export const OFFICE_OFFICER_READERS: readonly OfficerRole[] = OFFICER_ROLES.filter((role) => COMMAND_RULES.formTeam.roles.includes(role));

/** `GET /api/v1/office/officers`: the active officers of the caller's office, to name in a team decree. */
@ApiTags('users')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/office/officers`)
export class OfficeOfficersHttpController {
  constructor(private readonly accounts: UserAccounts) {}

  @Get()
  @ApiOperation({
    summary: `The active officers of the caller's own office, by name, with their NIP and position, for the head of office to pick a team decree's members from. ${OFFICE_OFFICER_READERS.join(', ')} only (who issues the team decree, libs/sop formTeam); never another office's officers nor a deactivated account`,
  })
  @ApiOkResponse({ type: OfficeOfficersDto })
  @ApiProblemResponses([401, 'No valid access token'], [403, `Only ${OFFICE_OFFICER_READERS.join(', ')} reads the office's officers (OFFICE_OFFICERS.FORBIDDEN_ROLE)`], [503, 'The database is not reachable'])
  async list(@CurrentUser() user: AuthenticatedUser): Promise<OfficeOfficersDto> {
    if (!OFFICE_OFFICER_READERS.includes(user.role)) throw new ServiceError('forbidden', 'OFFICE_OFFICERS.FORBIDDEN_ROLE', `only ${OFFICE_OFFICER_READERS.join(', ')} reads the office's officers`);
    return { items: await this.accounts.activeOfficers(user.officeCode) };
  }
}
