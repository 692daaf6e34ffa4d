import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { IntakeClient } from '../upstream/clients';
import type { ConfirmComplaintBody } from './confirm-complaint.dto';

/** SOP step 2, by intake: the complaint is confirmed with its classification and summary. */
@Injectable()
export class ConfirmComplaintForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly intake: IntakeClient,
  ) {}

  execute(input: ComplaintCommandInput<ConfirmComplaintBody>): Promise<CommandResultDto> {
    const { body } = input;
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (
          await this.intake.call(
            'confirmComplaint',
            { context, classificationCode: body.classificationCode, summary: body.summary, anonymous: body.anonymous, confidential: body.confidential },
            input.correlationId,
          )
        ).outcome,
      }),
      restFieldOf: (field) => (field === 'classification' ? 'classificationCode' : field),
    });
  }
}
