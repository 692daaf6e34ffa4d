import { teamMemberRoleMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { TeamDecreeResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { TeamDecreeClient } from '../upstream/clients';
import type { IssueTeamDecreeBody } from './issue-team-decree.dto';

/** SOP step 6, by team-decree: the decree is issued with its number. */
@Injectable()
export class IssueTeamDecreeForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly teamDecree: TeamDecreeClient,
  ) {}

  execute(input: ComplaintCommandInput<IssueTeamDecreeBody>): Promise<TeamDecreeResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => {
        const response = await this.teamDecree.call(
          'issueTeamDecree',
          {
            context,
            decreeDate: body.decreeDate,
            members: body.members.map((m, i) => ({
              name: m.name,
              nip: m.nip,
              position: m.position,
              teamRole: teamMemberRoleMapping.toProto(m.teamRole, `members[${i}].teamRole`),
              userId: m.userId,
            })),
            mandate: body.mandate,
            periodStartDate: body.periodStartDate,
            periodEndDate: body.periodEndDate,
          },
          input.correlationId,
        );
        return { outcome: response.outcome, extra: { decreeNumber: response.decreeNumber } };
      },
      // libs/sop names a member's team role `role`.
      restFieldOf: (field) => field.replace(/^(members\[\d+\])\.role$/, '$1.teamRole'),
    });
  }
}
