import { FIELD_RULES, TEAM_MEMBER_ROLES, type TeamMemberRole } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../http/is-date-time';

/** An officer named in the team decree (officers' names and positions are public in the decree). */
export class TeamMemberDto {
  @ApiProperty({ example: 'Budi Santoso, S.H.', maxLength: FIELD_RULES.officerName.maxLength })
  @IsString()
  @Length(FIELD_RULES.officerName.minLength, FIELD_RULES.officerName.maxLength)
  name!: string;

  @ApiProperty({ example: FIELD_RULES.nip.example, pattern: FIELD_RULES.nip.pattern.source, description: 'NIP: the 18 digits of the civil-servant number' })
  @IsString()
  @Matches(FIELD_RULES.nip.pattern, { message: `nip must be ${FIELD_RULES.nip.description}` })
  nip!: string;

  @ApiProperty({ example: 'Kepala Seksi Inteldakim', maxLength: FIELD_RULES.officerPosition.maxLength })
  @IsString()
  @Length(FIELD_RULES.officerPosition.minLength, FIELD_RULES.officerPosition.maxLength)
  position!: string;

  @ApiProperty({ enum: TEAM_MEMBER_ROLES, example: 'KETUA', description: 'Exactly one KETUA' })
  @IsIn(TEAM_MEMBER_ROLES)
  teamRole!: TeamMemberRole;

  @ApiPropertyOptional({ format: 'uuid', description: "The officer's account, when they have one" })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** SOP step 6: the head of office issues the team decree (SK Tim Penanganan Aduan). */
export class IssueTeamDecreeBody {
  @ApiProperty({ example: '2026-03-16', description: 'Date of the decree, YYYY-MM-DD (WIB)' })
  @IsCalendarDate()
  decreeDate!: string;

  @ApiProperty({ type: [TeamMemberDto], description: 'At least one member, exactly one KETUA, no NIP twice' })
  @IsArray()
  @ArrayMinSize(FIELD_RULES.teamMembers.minItems)
  @ArrayMaxSize(FIELD_RULES.teamMembers.maxItems)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  members!: TeamMemberDto[];

  @ApiProperty({ maxLength: FIELD_RULES.mandate.maxLength, description: 'What the team is to do, as written in the decree' })
  @IsString()
  @Length(FIELD_RULES.mandate.minLength, FIELD_RULES.mandate.maxLength)
  mandate!: string;

  @ApiProperty({ example: '2026-03-16', description: "First day of the team's term, YYYY-MM-DD" })
  @IsCalendarDate()
  periodStartDate!: string;

  @ApiProperty({ example: '2026-04-15', description: "Last day of the team's term, YYYY-MM-DD" })
  @IsCalendarDate()
  periodEndDate!: string;
}
