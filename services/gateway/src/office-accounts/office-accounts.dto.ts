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

  @ApiPropertyOptional({ example: '198001012005011001', description: 'NIP, when the account has one' })
  nip?: string;

  @ApiPropertyOptional({ example: 'Kepala Seksi Inteldakim', description: 'Position (jabatan), when the account has one' })
  position?: string;

  @ApiProperty({ description: 'A deactivated account cannot log in' })
  active!: boolean;

  @ApiProperty({ description: 'The head of office requires a second factor of this officer (ADR 0042)' })
  secondFactorRequired!: boolean;
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
    ...(account.nip ? { nip: account.nip } : {}),
    ...(account.position ? { position: account.position } : {}),
    active: account.active,
    secondFactorRequired: account.secondFactorRequired,
  };
}
