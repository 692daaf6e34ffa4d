import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { NotificationClient } from '../upstream/clients';
import type { WriteFollowUpInformationBody } from './write-follow-up-information.dto';

/** SOP step 7, by notification: the follow-up information is written and sent to the reporter. */
@Injectable()
export class WriteFollowUpInformationForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly notification: NotificationClient,
  ) {}

  execute(input: ComplaintCommandInput<WriteFollowUpInformationBody>): Promise<CommandResultDto> {
    return this.runner.run({
      ...input,
      send: async (context) => ({
        outcome: (await this.notification.call('writeFollowUpInformation', { context, text: input.body.text }, input.correlationId)).outcome,
      }),
    });
  }
}
