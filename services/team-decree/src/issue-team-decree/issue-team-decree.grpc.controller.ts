import type { MessageInitShape } from '@bufbuild/protobuf';
import { teamMemberRoleMapping, type IssueTeamDecreeRequest, type IssueTeamDecreeResponseSchema } from '@pengaduan/contracts';
import { checkCommandContext, outcomeMessage } from '@pengaduan/messaging';
import { Injectable } from '@nestjs/common';
import { sopValueOf } from '../lib/proto-enum';
import { IssueTeamDecreeHandler } from './issue-team-decree.handler';

/** `TeamDecreeService.IssueTeamDecree`: maps the gRPC request to the command and back; no rules here. */
@Injectable()
export class IssueTeamDecreeGrpcController {
  constructor(private readonly handler: IssueTeamDecreeHandler) {}

  async issueTeamDecree(request: IssueTeamDecreeRequest, correlationId: string): Promise<MessageInitShape<typeof IssueTeamDecreeResponseSchema>> {
    const outcome = await this.handler.execute({
      ...checkCommandContext(request.context),
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
