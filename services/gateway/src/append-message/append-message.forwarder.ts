import { Injectable } from '@nestjs/common';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { IntakeClient } from '../upstream/clients';
import type { AppendMessageBody, MessageAppendedDto } from './append-message.dto';

/**
 * A later message of the reporter, typed in by Admin Tikkim, stored by intake: libs/sop decides
 * who may append and to which complaints (ADMIN_TIKKIM, open ones); intake checks the text by
 * the rule of the report's own and stores it in the complaint's channel.
 */
@Injectable()
export class AppendMessageForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly intake: IntakeClient,
  ) {}

  execute(input: ComplaintCommandInput<AppendMessageBody>): Promise<MessageAppendedDto> {
    return this.runner.run({
      ...input,
      send: async (context) => {
        const answer = await this.intake.call('appendMessage', { context, text: input.body.text }, input.correlationId);
        return { outcome: answer.outcome, extra: { messageId: answer.messageId, sequence: answer.sequence } };
      },
    });
  }
}
