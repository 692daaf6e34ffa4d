import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { DELIVERY_METHODS, NOTIFICATION_PURPOSES, OUTBOUND_CHANNELS, type DeliveryMethod, type NotificationPurpose, type OutboundChannel, type ComplaintState, type SopCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeDirectoryClient } from '../channels/intake-reporter-directory';
import { MAX_DELIVERY_NOTE_LENGTH, type ConfirmDeliveryCommand } from './confirm-delivery.command';

const OPERATION = 'ConfirmDelivery';

/** Ways an officer knows the reporter was told; a provider's receipt is recorded by the system. */
const OFFICER_DELIVERY_METHODS: readonly DeliveryMethod[] = DELIVERY_METHODS.filter((m) => m !== 'PROVIDER_RECEIPT');

/** The channel a delivery went over when the officer does not say (the reporter's reply: the complaint's own channel). */
const CHANNEL_OF_METHOD: Partial<Record<DeliveryMethod, OutboundChannel>> = { PHONE_CALL: 'PHONE', IN_PERSON: 'WALK_IN', LAPOR_POSTED: 'LAPOR' };

/**
 * A notice told by an officer. Step 8's information (SOP step 8): records
 * `complaint.information-delivered` and `complaint.closed` (libs/sop `recordDelivery`, which also
 * refuses a delivery time in the future, and a named notice that is not the complaint's). The
 * acknowledgement, once no channel could give it: records `complaint.acknowledged` with the
 * officer as actor over the channel the method says (libs/sop `acknowledge`, which refuses it
 * unless a call about it is awaited, docs/adr/0051); it keeps no note and no time of its own.
 * Before, intake screens the officer's note for the reporter's contact (docs/adr/0023).
 * Idempotent by request id.
 */
@Injectable()
export class ConfirmDeliveryHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeDirectoryClient,
  ) {}

  async execute(command: ConfirmDeliveryCommand): Promise<CommandOutcome> {
    const { purpose, method, deliveredAt, channel, note } = validate(command);
    // The note travels in complaint.information-delivered: intake refuses it if it gives the reporter away.
    const texts = [{ field: 'note', text: note }];
    await this.intake.call('screenOfficerText', { complaintId: command.complaintId, officeCode: command.actorOffice, texts }, command.correlationId);
    const told = (state: ComplaintState): OutboundChannel => channel ?? receivedState(state).channel;
    const { result: _none, ...outcome } = await this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId: command.complaintId, actor: command.actor, purpose, method, deliveredAt, channel, note },
      command: (state): SopCommand =>
        purpose === 'ACKNOWLEDGEMENT'
          ? { type: 'acknowledge', actor: command.actor }
          : {
              type: 'recordDelivery',
              actor: command.actor,
              ...(purpose === undefined ? {} : { purpose }),
              channel: told(state),
              method,
              deliveredAt,
              ...(note === undefined ? {} : { note }),
            },
      outputs: async ({ stateBefore }) => ({ extras: (e) => (e.type === 'complaint.acknowledged' ? { channel: told(stateBefore) } : {}) }),
    });
    return outcome;
  }
}

/** The request's data, checked; the channel resolved where the method alone says it. */
function validate(c: ConfirmDeliveryCommand): { purpose?: NotificationPurpose; method: DeliveryMethod; deliveredAt: string; channel?: OutboundChannel; note?: string } {
  const v: FieldViolation[] = [];
  const purpose = purposeOf(c, v);
  const method = OFFICER_DELIVERY_METHODS.find((m) => m === c.method);
  if (!method) v.push({ field: 'method', description: `must be one of ${OFFICER_DELIVERY_METHODS.join(', ')}` });
  const deliveredAt = c.deliveredAt && !Number.isNaN(c.deliveredAt.getTime()) ? c.deliveredAt.toISOString() : undefined;
  if (!deliveredAt) v.push({ field: 'deliveredAt', description: 'required: when the reporter was told' });
  const given = c.channel === undefined ? undefined : OUTBOUND_CHANNELS.find((ch) => ch === c.channel);
  if (c.channel !== undefined && !given) v.push({ field: 'channel', description: `must be one of ${OUTBOUND_CHANNELS.join(', ')}` });
  if (method === 'LETTER' && c.channel === undefined) v.push({ field: 'channel', description: 'required for a letter: the channel it reached the reporter over' });
  const note = c.note?.trim() || undefined;
  if (note && note.length > MAX_DELIVERY_NOTE_LENGTH) v.push({ field: 'note', description: `at most ${MAX_DELIVERY_NOTE_LENGTH} characters` });
  if (v.length > 0 || !method || !deliveredAt) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the delivery cannot be confirmed as sent', { fieldViolations: v });
  }
  return { ...(purpose === undefined ? {} : { purpose }), method, deliveredAt, channel: given ?? CHANNEL_OF_METHOD[method], note };
}

/**
 * The notice the request names, if any (docs/adr/0051); a violation when it names none the
 * platform sends, or a note for the acknowledgement (complaint.acknowledged has nowhere to keep it:
 * refused rather than dropped).
 */
function purposeOf(c: ConfirmDeliveryCommand, v: FieldViolation[]): NotificationPurpose | undefined {
  if (c.purpose === undefined) return undefined;
  const purpose = NOTIFICATION_PURPOSES.find((p) => p === c.purpose);
  if (!purpose) v.push({ field: 'purpose', description: `must be one of ${NOTIFICATION_PURPOSES.join(', ')}` });
  if (purpose === 'ACKNOWLEDGEMENT' && c.note?.trim()) v.push({ field: 'note', description: 'not kept for the acknowledgement: leave it out' });
  return purpose;
}
