import { dismissalReasonMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { IntakeClient } from '../upstream/clients';
import type { DismissComplaintBody } from './dismiss-complaint.dto';

/** SOP step 2's other ending, by intake: the message is dismissed with its reason. */
@Injectable()
export class DismissComplaintForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly intake: IntakeClient,
  ) {}

  execute(input: ComplaintCommandInput<DismissComplaintBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.intake.call(
            'dismissComplaint',
            {
              context,
              reason: dismissalReasonMapping.toProto(body.reason, 'reason'),
              duplicateOf: body.duplicateOf,
              belongsTo: body.belongsTo,
              note: body.note,
            },
            input.correlationId,
          )
        ).outcome,
      }),
      restFieldOf: (field) => (field === 'originalComplaintId' ? 'duplicateOf' : field),
    });
  }
}
