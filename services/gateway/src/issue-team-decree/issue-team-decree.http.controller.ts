import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user';
import { TeamDecreeResultDto } from '../complaint-commands/command-result.dto';
import { ApiComplaintCommand, ComplaintIdPipe } from '../complaint-commands/complaint-command';
import { API_PREFIX } from '../http/configure-http';
import { CorrelationId } from '../http/correlation-id';
import { IfMatchVersion } from '../http/entity-tags';
import { IdempotencyKey } from '../http/idempotency-key';
import { IssueTeamDecreeBody } from './issue-team-decree.dto';
import { IssueTeamDecreeForwarder } from './issue-team-decree.forwarder';

@ApiTags('SOP steps')
@Controller(`${API_PREFIX}/complaints`)
export class IssueTeamDecreeHttpController {
  constructor(private readonly forwarder: IssueTeamDecreeForwarder) {}

  @Post(':id/team-decree')
  @ApiComplaintCommand(
    'Issue the team decree for a complaint decided to be followed up (SOP step 6; Kepala Kantor)',
    'Issues the SK Tim Penanganan Aduan (its number in decreeNumber). FOLLOW_UP_DECIDED → TEAM_FORMED.',
  )
  @ApiOkResponse({ type: TeamDecreeResultDto })
  issue(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: IssueTeamDecreeBody,
    @CurrentUser() user: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey: string,
    @IfMatchVersion() ifMatch: number | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<TeamDecreeResultDto> {
    return this.forwarder.execute({ complaintId, body, user, idempotencyKey, ifMatch, correlationId });
  }
}
