import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { OFFICER_ROLES } from '../auth/authenticated-user';

/** `POST /complaints/{id}/assignment`: the officer the head of office puts on the complaint. */
export class AssignComplaintBody {
  @ApiProperty({ format: 'uuid', description: "The officer's account (an `id` of GET /api/v1/office/officers): an active officer of your office whose role the complaint waits on now" })
  @IsUUID()
  userId!: string;
}

/** An officer as an assignment names them (never their username). */
export class AssignedOfficerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Agus Santoso' })
  displayName!: string;

  @ApiProperty({ enum: OFFICER_ROLES, example: 'ADMIN_TIKKIM' })
  role!: string;

  @ApiPropertyOptional({ example: 'INTELDAKIM', description: 'For a SEKSI_TERKAIT officer: their section' })
  sectionCode?: string;
}

export class AssignmentEntryDto {
  @ApiProperty({ enum: ['CLAIMED', 'ASSIGNED', 'RELEASED'], description: 'CLAIMED: the officer took it; ASSIGNED: the head of office put the officer on it; RELEASED: no one is on it any more' })
  kind!: string;

  @ApiPropertyOptional({ type: AssignedOfficerDto, description: 'Who was put on the complaint (absent for a release)' })
  assignee?: AssignedOfficerDto;

  @ApiProperty({ type: AssignedOfficerDto, description: 'Who claimed, assigned or released' })
  by!: AssignedOfficerDto;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** Who is on a complaint now, and every claim, assignment and release before. */
export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  complaintId!: string;

  @ApiPropertyOptional({
    type: AssignedOfficerDto,
    description: 'The officer on the complaint at its current step; absent when no one is (never claimed, released, or lapsed: the complaint moved to another step)',
  })
  assignee?: AssignedOfficerDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'Since when the assignee is on it' })
  since?: string;

  @ApiProperty({ type: [AssignmentEntryDto], description: 'Every claim, assignment and release, oldest first (append-only)' })
  history!: AssignmentEntryDto[];
}
