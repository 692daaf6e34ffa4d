import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OFFICER_ROLES } from '../auth/authenticated-user';
import type { AccountSummary } from '../users/user-accounts';

/** An account of the office, as its administrator sees it (never its hash). */
export class OfficeAccountDto {
  @ApiProperty({ example: 'seksi.inteldakim' })
  username!: string;

  @ApiProperty({ example: 'Rina Kartika' })
  displayName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, example: 'SEKSI_TERKAIT' })
  role!: string;

  @ApiPropertyOptional({ example: 'INTELDAKIM' })
  sectionCode?: string;

  @ApiProperty({ description: 'A deactivated account cannot log in' })
  active!: boolean;
}

export class OfficeAccountsDto {
  @ApiProperty({ type: [OfficeAccountDto], description: 'By username' })
  items!: OfficeAccountDto[];
}

/** The DTO of an account summary. */
export function officeAccountDtoOf(account: AccountSummary): OfficeAccountDto {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    ...(account.sectionCode ? { sectionCode: account.sectionCode } : {}),
    active: account.active,
  };
}
