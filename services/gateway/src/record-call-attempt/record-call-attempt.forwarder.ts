import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CallAttemptOutcome, notificationPurposeMapping } from '@pengaduan/contracts';
import { Injectable } from '@nestjs/common';
import type { CommandResultDto } from '../complaint-commands/command-result.dto';
import type { ComplaintCommandInput } from '../complaint-commands/complaint-command';
import { ComplaintCommandRunner } from '../complaint-commands/complaint-command.runner';
import { NotificationClient } from '../upstream/clients';
import type { RecordCallAttemptBody } from './record-call-attempt.dto';

/** By notification: a call that did not reach the reporter about a notice, to retry or given up (docs/adr/0044, 0051). */
@Injectable()
export class RecordCallAttemptForwarder {
  constructor(
    private readonly runner: ComplaintCommandRunner,
    private readonly notification: NotificationClient,
  ) {}

  execute(input: ComplaintCommandInput<RecordCallAttemptBody>): Promise<CommandResultDto> {
    const { body } = input;
    const request = {
      ...(body.purpose === undefined ? {} : { purpose: notificationPurposeMapping.toProto(body.purpose, 'purpose') }),
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
