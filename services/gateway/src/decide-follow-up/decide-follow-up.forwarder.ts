import { followUpDecisionMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { AnalysisClient } from '../upstream/clients';
import type { DecideFollowUpBody } from './decide-follow-up.dto';

/** SOP step 5, by analysis: follow up, or not. */
@Injectable()
export class DecideFollowUpForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly analysis: AnalysisClient,
  ) {}

  execute(input: ComplaintCommandInput<DecideFollowUpBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.analysis.call(
            'decideFollowUp',
            { context, decision: followUpDecisionMapping.toProto(body.decision, 'decision'), reason: body.reason },
            input.correlationId,
          )
        ).outcome,
      }),
    });
  }
}
