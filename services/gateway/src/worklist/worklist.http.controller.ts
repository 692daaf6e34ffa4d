import { COMMAND_TYPES } from '@pengaduan/sop';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintViewDto } from '../complaint-views/complaint-view.dto';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { WorklistQuery } from './worklist.query';

export class WorklistItemDto extends ComplaintViewDto {
  @ApiProperty({ enum: COMMAND_TYPES, isArray: true, example: ['confirm', 'dismiss'], description: 'The SOP steps this officer may take on it now (libs/sop command types)' })
  actions!: string[];
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
  @ApiOkResponse({ type: WorklistDto })
  @ApiProblemResponses([401, 'No valid access token'], [503, 'The read model is not reachable'])
  async worklist(@CurrentUser() user: AuthenticatedUser): Promise<WorklistDto> {
    return { items: await this.query.of(user) };
  }
}
