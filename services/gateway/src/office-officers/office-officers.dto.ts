import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OFFICER_ROLES } from '../auth/authenticated-user';

/** An active officer of the caller's office, as a team decree may name them (never their username or hash). */
export class OfficeOfficerDto {
  @ApiProperty({ format: 'uuid', description: "The officer's account (a team decree member's `userId`)" })
  id!: string;

  @ApiProperty({ example: 'Agus Santoso', maxLength: FIELD_RULES.officerName.maxLength })
  displayName!: string;

  @ApiPropertyOptional({ example: FIELD_RULES.nip.example, pattern: FIELD_RULES.nip.pattern.source, description: 'NIP: the 18 digits of the civil-servant number; absent for an account without one' })
  nip?: string;

  @ApiPropertyOptional({ example: 'Kepala Seksi Inteldakim', maxLength: FIELD_RULES.officerPosition.maxLength, description: 'Position (jabatan); absent for an account without one' })
  position?: string;

  @ApiProperty({ enum: OFFICER_ROLES, example: 'SEKSI_TERKAIT', description: 'libs/sop role of the account' })
  role!: string;

  @ApiPropertyOptional({ example: 'INTELDAKIM', description: 'For a SEKSI_TERKAIT officer: their section' })
  sectionCode?: string;
}

export class OfficeOfficersDto {
  @ApiProperty({ type: [OfficeOfficerDto], description: 'The active officers of the office, by name' })
  items!: OfficeOfficerDto[];
}
