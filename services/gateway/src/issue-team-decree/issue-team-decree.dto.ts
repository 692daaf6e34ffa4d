import { TEAM_MEMBER_ROLES, type TeamMemberRole } from '@pengaduan/sop';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { MAX_OUTPUT_TEXT } from '../confirm-complaint/confirm-complaint.dto';
import { IsCalendarDate } from '../http/is-date-time';

/** An officer named in the team decree (officers' names and positions are public in the decree). */
export class TeamMemberDto {
  @ApiProperty({ example: 'Budi Santoso, S.H.', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '198503122010121002', description: 'NIP: the 18 digits of the civil-servant number' })
  @IsString()
  @Matches(/^\d{18}$/, { message: 'nip must be the 18 digits of a NIP' })
  nip!: string;

  @ApiProperty({ example: 'Kepala Seksi Inteldakim', maxLength: 200 })
  @IsString()
  @Length(1, 200)
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
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  members!: TeamMemberDto[];

  @ApiProperty({ maxLength: MAX_OUTPUT_TEXT, description: 'What the team is to do, as written in the decree' })
  @IsString()
  @Length(1, MAX_OUTPUT_TEXT)
  mandate!: string;

  @ApiProperty({ example: '2026-03-16', description: "First day of the team's term, YYYY-MM-DD" })
  @IsCalendarDate()
  periodStartDate!: string;

  @ApiProperty({ example: '2026-04-15', description: "Last day of the team's term, YYYY-MM-DD" })
  @IsCalendarDate()
  periodEndDate!: string;
}
