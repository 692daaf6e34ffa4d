import { COMMAND_TYPES } from '@pengaduan/sop';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { ComplaintViewDto } from '../complaint-views/complaint-view.dto';
import { API_PREFIX, BEARER_AUTH } from '../http/configure-http';
import { ApiProblemResponses } from '../http/problem.dto';
import { InboxQuery } from './inbox.query';

export class InboxItemDto extends ComplaintViewDto {
  @ApiProperty({ enum: COMMAND_TYPES, isArray: true, example: ['confirm', 'dismiss'], description: 'The SOP steps this officer may take on it now (libs/sop command types)' })
  actions!: string[];
}

export class InboxDto {
  @ApiProperty({ type: [InboxItemDto], description: 'Oldest due first (currentStep.dueAt); for a section officer, their section’s step' })
  items!: InboxItemDto[];
}

@ApiTags('inbox')
@ApiBearerAuth(BEARER_AUTH)
@Controller(`${API_PREFIX}/inbox`)
export class InboxHttpController {
  constructor(private readonly query: InboxQuery) {}

  @Get()
  @ApiOperation({ summary: "The complaints of the officer's office that wait for this officer now, oldest due first" })
  @ApiOkResponse({ type: InboxDto })
  @ApiProblemResponses([401, 'No valid access token'], [503, 'The read model is not reachable'])
  async inbox(@CurrentUser() user: AuthenticatedUser): Promise<InboxDto> {
    return { items: await this.query.of(user) };
  }
}
