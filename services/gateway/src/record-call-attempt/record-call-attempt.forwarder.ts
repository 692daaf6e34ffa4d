import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CallAttemptOutcome } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { NotificationClient } from '../upstream/clients';
import type { RecordCallAttemptBody } from './record-call-attempt.dto';

/** SOP step 8, by notification: a call that did not reach the reporter, to retry or given up (docs/adr/0044). */
@Injectable()
export class RecordCallAttemptForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly notification: NotificationClient,
  ) {}

  execute(input: ComplaintCommandInput<RecordCallAttemptBody>): Promise<CommandResultDto> {
    const { body } = input;
    const request = {
      outcome: CallAttemptOutcome[body.outcome],
      ...(body.outcome === 'NOT_REACHABLE' && body.retryAt ? { retryAt: timestampFromDate(new Date(body.retryAt)) } : {}),
      ...(body.outcome === 'GIVE_UP' ? { reason: body.reason } : {}),
    };
    return this.runner.run({
      ...input,
      send: async (context) => ({ outcome: (await this.notification.call('recordCallAttempt', { context, ...request }, input.correlationId)).outcome }),
    });
  }
}
