import { actorLabel } from '@pengaduan/contracts';
import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import type { ComplaintOutcome, ComplaintState, NotificationPurpose } from '@pengaduan/sop';
import { derivedDocumentNumber, OfficeProfileClient, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { FollowUpInformationRecord } from '../persistence/entities';
import { enqueueNotification, FallbackPolicy } from '../deliver-notification/outbound-notifications';
import { DeliveryDispatcher } from '../deliver-notification/delivery-dispatcher';
import { IntakeDirectoryClient } from '../channels/intake-reporter-directory';
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
 * decision or a dismissal) in one transaction, with the Informasi Tindak Lanjut document. The
 * event carries the information's id and the document's SHA-256, never the text. The message to the reporter is queued in the same
 * transaction, over the complaint's channel and then the office's fallbacks (see
 * {@link FallbackPolicy}); the {@link DeliveryDispatcher} sends it. Before, intake screens the
 * text for the reporter's contact, as it is printed in the document (docs/adr/0023).
 * Idempotent by request id.
 */
@Injectable()
export class WriteFollowUpInformationHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly policy: FallbackPolicy,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly offices: OfficeProfileClient,
    private readonly intake: IntakeDirectoryClient,
  ) {}

  async execute(command: WriteFollowUpInformationCommand): Promise<CommandOutcome> {
    const text = validate(command);
    // The text is printed in the Informasi Tindak Lanjut, which the office keeps and every officer reads: intake screens it.
    const texts = [{ field: 'text', text }];
    await this.intake.call('screenOfficerText', { complaintId: command.complaintId, officeCode: command.actorOffice, texts }, command.correlationId);
    // The office's profile in force, asked of intake before the transaction (docs/adr/0048).
    const letterheadOf = await this.offices.forCommand(command);
    const informationId = uuidv7();
    const { result, ...outcome } = await this.executor.execute<Written>({
      operation: OPERATION,
      context: command,
      request: { complaintId: command.complaintId, actor: command.actor, text },
      command: () => ({ type: 'informReporter', actor: command.actor, informationRef: informationId }),
      outputs: async ({ stateBefore }, tx, now) => {
        const state = receivedState(stateBefore);
        // Answered over the channel the complaint came in over (SOP step 8).
        const channel = state.channel;
        await tx.insert(FollowUpInformationRecord, {
          id: informationId,
          complaintId: command.complaintId,
          officeCode: state.officeCode,
          text,
          writtenBy: actorLabel(command.actor),
          writtenAt: now,
          channel,
          providerMessageId: null,
          // The dismissal notice's text may name why (`{alasan}`, docs/adr/0050).
          dismissalReason: state.status === 'DISMISSED' ? state.dismissal.reason : null,
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
        const doc = await renderAndStoreDocument(tx, command.complaintId, state.officeCode, {
          kind: 'INFORMASI_TINDAK_LANJUT',
          office: letterheadOf(state.officeCode),
          number: derivedDocumentNumber('INFORMASI_TINDAK_LANJUT', state.trackingNumber),
          trackingNumber: state.trackingNumber,
          issuedAt: now,
          signatory: signatoryFor(command.signatory, command.actor),
          channel,
          text,
          ...(outcomeOf(state) ? { outcome: outcomeOf(state) } : {}),
        });
        return { extras: () => ({ channel, documentSha256: doc.sha256 }), result: { informationId, purpose } };
      },
    });
    if (result) this.dispatcher.wake();
    return outcome;
  }
}

/** The branch the complaint took, which the information reports. */
function outcomeOf(state: ComplaintState): ComplaintOutcome | undefined {
  switch (state.status) {
    case 'DISMISSED':
      return 'DISMISSED';
    case 'NO_FOLLOW_UP_DECIDED':
      return 'NO_FOLLOW_UP';
    case 'TEAM_FORMED':
      return 'FOLLOWED_UP';
    default:
      return undefined;
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
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the follow-up information cannot be written as sent', {
      fieldViolations: [{ field: 'text', description: problem }],
    });
  }
  return text;
}
