import { ComplaintCommandExecutor, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { NotificationPurpose } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { FollowUpInformationRecord } from '../persistence/entities';
import { enqueueNotification, FallbackPolicy } from '../deliver-notification/outbound-notifications';
import { DeliveryDispatcher } from '../deliver-notification/delivery-dispatcher';
import { MAX_FOLLOW_UP_INFORMATION_LENGTH, type WriteFollowUpInformationCommand } from './write-follow-up-information.command';

const OPERATION = 'WriteFollowUpInformation';

/** What the stored outcome of a request keeps besides the state. */
interface Written {
  informationId: string;
  purpose: NotificationPurpose;
}

/**
 * SOP step 7: stores Admin Tikkim's follow-up information and records
 * `complaint.reporter-informed` (libs/sop `informReporter`: after a team decree, a no-follow-up
 * decision or a dismissal) in one transaction. The event carries the information's id and
 * the SHA-256 of its text, never the text. The message to the reporter is queued in the same
 * transaction, over the complaint's channel and then the office's fallbacks (see
 * {@link FallbackPolicy}); the {@link DeliveryDispatcher} sends it. Idempotent by request id.
 */
@Injectable()
export class WriteFollowUpInformationHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly policy: FallbackPolicy,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(command: WriteFollowUpInformationCommand): Promise<CommandOutcome> {
    const text = validate(command);
    const { result, ...outcome } = await this.executor.execute<Written>({
      operation: OPERATION,
      requestId: command.requestId,
      complaintId: command.complaintId,
      actorOffice: command.actorOffice,
      correlationId: command.correlationId,
      request: { complaintId: command.complaintId, actor: command.actor, text },
      build: async (state, tx, now) => {
        if (state.status === 'NEW') throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${command.complaintId} not found`);
        // Answered over the channel the complaint came in over (SOP step 8).
        const channel = state.channel;
        const informationId = uuidv7();
        await tx.insert(FollowUpInformationRecord, {
          id: informationId,
          complaintId: command.complaintId,
          officeCode: state.officeCode,
          text,
          writtenBy: command.actor.kind === 'user' ? command.actor.userId : `system:${command.actor.service}`,
          writtenAt: now,
          channel,
          providerMessageId: null,
        });
        const purpose: NotificationPurpose = state.status === 'DISMISSED' ? 'DISMISSAL_NOTICE' : 'FOLLOW_UP_INFORMATION';
        await enqueueNotification(
          tx,
          {
            complaintId: command.complaintId,
            officeCode: state.officeCode,
            purpose,
            informationId,
            idempotencyKey: `follow-up-information:${informationId}`,
            correlationId: command.correlationId,
            channels: this.policy.channelsFor(channel),
          },
          now,
        );
        return {
          command: { type: 'informReporter', actor: command.actor, informationRef: informationId },
          extras: () => ({ channel, documentSha256: createHash('sha256').update(text, 'utf8').digest('hex') }),
          result: { informationId, purpose },
        };
      },
    });
    if (result) this.dispatcher.wake();
    return outcome;
  }
}

function validate(c: WriteFollowUpInformationCommand): string {
  const text = c.text.trim();
  const problem =
    text.length === 0
      ? 'required: what the reporter is told'
      : text.length > MAX_FOLLOW_UP_INFORMATION_LENGTH
        ? `at most ${MAX_FOLLOW_UP_INFORMATION_LENGTH} characters`
        : undefined;
  if (problem) {
    throw new ServiceError('invalid', 'FOLLOW_UP_INFORMATION.INVALID', 'the follow-up information cannot be written as sent', {
      fieldViolations: [{ field: 'text', description: problem }],
    });
  }
  return text;
}
