import { COMMAND_TYPES } from '@pengaduan/sop';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AssignedOfficerDto } from '../complaint-assignment/assignment.dto';
import { invalidRequest } from '../http/validation';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintViewDto } from '../complaint-views/complaint-view.dto';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { ASSIGNED_FILTERS, WorklistQuery, type AssignedFilter } from './worklist.query';

export class WorklistItemDto extends ComplaintViewDto {
  @ApiProperty({ enum: COMMAND_TYPES, isArray: true, example: ['confirm', 'dismiss'], description: 'The SOP steps this officer may take on it now (libs/sop command types)' })
  actions!: string[];

  @ApiPropertyOptional({ type: AssignedOfficerDto, description: 'The officer of the office on it at its current step (docs/adr/0046); absent when no one is' })
  assignee?: AssignedOfficerDto;
}

export class WorklistDto {
  @ApiProperty({ type: [WorklistItemDto], description: 'Oldest due first (currentStep.dueAt); for a section officer, their section’s step' })
  items!: WorklistItemDto[];
}

@ApiTags('worklist')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/worklist`)
export class WorklistHttpController {
  constructor(private readonly query: WorklistQuery) {}

  @Get()
  @ApiOperation({ summary: "The complaints of the officer's office that wait for this officer now, oldest due first" })
  @ApiQuery({ name: 'assigned', required: false, enum: ASSIGNED_FILTERS, description: 'me: those you are on; unassigned: those no one is on; others: those a colleague is on' })
  @ApiOkResponse({ type: WorklistDto })
  @ApiProblemResponses([400, 'assigned is not one of ' + ASSIGNED_FILTERS.join(', ')], [401, 'No valid access token'], [503, 'The read model is not reachable'])
  async worklist(@CurrentUser() user: AuthenticatedUser, @Query('assigned') assigned?: string): Promise<WorklistDto> {
    if (assigned !== undefined && !(ASSIGNED_FILTERS as readonly string[]).includes(assigned)) {
      throw invalidRequest([{ field: 'assigned', description: `must be one of ${ASSIGNED_FILTERS.join(', ')}` }]);
    }
    return { items: await this.query.of(user, assigned as AssignedFilter | undefined) };
  }
}
