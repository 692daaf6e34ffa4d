import type { MessageInitShape } from '@bufbuild/protobuf';
import { type IssueTeamDecreeRequest, type IssueTeamDecreeResponseSchema, sopValueOf, teamMemberRoleMapping } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { CorrelationId } from '@pengaduan/runtime';
import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { IssueTeamDecreeHandler } from './issue-team-decree.handler';

/** `TeamDecreeService.IssueTeamDecree`: maps the gRPC request to the command and back; no rules here. */
@Controller()
export class IssueTeamDecreeGrpcController {
  constructor(private readonly handler: IssueTeamDecreeHandler) {}

  @GrpcMethod('TeamDecreeService', 'IssueTeamDecree')
  async issueTeamDecree(@Payload() request: IssueTeamDecreeRequest, @CorrelationId() correlationId: string): Promise<MessageInitShape<typeof IssueTeamDecreeResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context, correlationId),
      correlationId,
      decreeDate: request.decreeDate,
      members: request.members.map((m) => ({
        name: m.name,
        nip: m.nip,
        position: m.position,
        role: sopValueOf(teamMemberRoleMapping, m.teamRole),
        ...(m.userId === undefined ? {} : { userId: m.userId }),
      })),
      mandate: request.mandate,
      periodStartDate: request.periodStartDate,
      periodEndDate: request.periodEndDate,
    });
    return {
      outcome: outcomeMessage(outcome),
      decreeNumber: outcome.decreeNumber,
    };
  }
}
