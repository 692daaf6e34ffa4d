import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-hasher';
import { OFFICE_ROLES, type OfficerRole } from '../auth/authenticated-user';
import { OfficeAccountDto } from '../office-accounts/office-accounts.dto';
import { USERNAME } from '../users/user-accounts';

/**
 * `PATCH /users/{username}`: what the head of office may change of an officer; at least one field.
 * The roles are the office's (OFFICE_ROLES): a platform operator is made by the CLI only (ADR 0043).
 */
export class ChangeOfficerBody {
  @ApiPropertyOptional({ enum: OFFICE_ROLES, example: 'SEKSI_TERKAIT', description: 'A SEKSI_TERKAIT officer needs sectionCode; any other role none' })
  @IsOptional()
  @IsIn(OFFICE_ROLES)
  role?: OfficerRole;

  @ApiPropertyOptional({
    example: FIELD_RULES.sectionCode.example,
    pattern: FIELD_RULES.sectionCode.pattern.source,
    nullable: true,
    description: 'An active section of the office (GET /api/v1/sections); null to clear it',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(FIELD_RULES.sectionCode.pattern, { message: `sectionCode must be ${FIELD_RULES.sectionCode.description}` })
  sectionCode?: string | null;

  @ApiPropertyOptional({ example: 'Kepala Seksi Inteldakim', maxLength: FIELD_RULES.officerPosition.maxLength })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.officerPosition.minLength, FIELD_RULES.officerPosition.maxLength)
  position?: string;

  @ApiPropertyOptional({ description: 'Whether the officer must log in with a second factor (TOTP), whatever the office policy' })
  @IsOptional()
  @IsBoolean()
  secondFactorRequired?: boolean;
}

/** `POST /users`: a new officer of the head of office's own office. */
export class AddOfficerBody {
  @ApiProperty({ example: 'seksi.inteldakim', pattern: USERNAME.source, description: '3-64 lowercase letters, digits, dots, dashes or underscores' })
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3-64 lowercase letters, digits, dots, dashes or underscores, starting and ending with a letter or digit' })
  username!: string;

  @ApiProperty({ example: 'Rina Kartika', maxLength: FIELD_RULES.officerName.maxLength })
  @IsString()
  @Length(FIELD_RULES.officerName.minLength, FIELD_RULES.officerName.maxLength)
  displayName!: string;

  @ApiPropertyOptional({ example: FIELD_RULES.nip.example, pattern: FIELD_RULES.nip.pattern.source, description: 'NIP: the 18 digits of the civil-servant number' })
  @IsOptional()
  @Matches(FIELD_RULES.nip.pattern, { message: `nip must be ${FIELD_RULES.nip.description}` })
  nip?: string;

  @ApiPropertyOptional({ example: 'Kepala Seksi Inteldakim', maxLength: FIELD_RULES.officerPosition.maxLength })
  @IsOptional()
  @IsString()
  @Length(FIELD_RULES.officerPosition.minLength, FIELD_RULES.officerPosition.maxLength)
  position?: string;

  @ApiProperty({ enum: OFFICE_ROLES, example: 'SEKSI_TERKAIT' })
  @IsIn(OFFICE_ROLES)
  role!: OfficerRole;

  @ApiPropertyOptional({ example: FIELD_RULES.sectionCode.example, pattern: FIELD_RULES.sectionCode.pattern.source, description: 'Required for SEKSI_TERKAIT, for no other role: an active section of the office' })
  @IsOptional()
  @Matches(FIELD_RULES.sectionCode.pattern, { message: `sectionCode must be ${FIELD_RULES.sectionCode.description}` })
  sectionCode?: string;

  @ApiPropertyOptional({
    format: 'password',
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: 'The initial password; left out, a random one-time password is generated and answered once (as a reset does)',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password?: string;

  @ApiPropertyOptional({ default: false, description: 'Whether the officer must log in with a second factor (TOTP), whatever the office policy' })
  @IsOptional()
  @IsBoolean()
  secondFactorRequired?: boolean;
}

export class AddedOfficerDto extends OfficeAccountDto {
  @ApiPropertyOptional({
    example: 'q3M1c0y4Zt9GZm8s4qKf2x7B',
    description: 'The generated one-time password, answered only on the first answer and only when none was given: hand it to the officer, who changes it',
  })
  oneTimePassword?: string;
}
