import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { DELIVERY_METHODS, OUTBOUND_CHANNELS, type DeliveryMethod, type OutboundChannel } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { IntakeDirectoryClient } from '../channels/intake-reporter-directory';
import { MAX_DELIVERY_NOTE_LENGTH, type ConfirmDeliveryCommand } from './confirm-delivery.command';

const OPERATION = 'ConfirmDelivery';

/** Ways an officer knows the reporter was told; a provider's receipt is recorded by the system. */
const OFFICER_DELIVERY_METHODS: readonly DeliveryMethod[] = DELIVERY_METHODS.filter((m) => m !== 'PROVIDER_RECEIPT');

/** The channel a delivery went over when the officer does not say (the reporter's reply: the complaint's own channel). */
const CHANNEL_OF_METHOD: Partial<Record<DeliveryMethod, OutboundChannel>> = { PHONE_CALL: 'PHONE', IN_PERSON: 'WALK_IN' };

/**
 * SOP step 8, told by an officer: records `complaint.information-delivered` and
 * `complaint.closed` (libs/sop `recordDelivery`, which also refuses a delivery time in the
 * future). Before, intake screens the officer's note for the reporter's contact
 * (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class ConfirmDeliveryHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly intake: IntakeDirectoryClient,
  ) {}

  async execute(command: ConfirmDeliveryCommand): Promise<CommandOutcome> {
    const { method, deliveredAt, channel, note } = validate(command);
    // The note travels in complaint.information-delivered: intake refuses it if it gives the reporter away.
    const texts = [{ field: 'note', text: note }];
    await this.intake.call('screenOfficerText', { complaintId: command.complaintId, officeCode: command.actorOffice, texts }, command.correlationId);
    const { result: _none, ...outcome } = await this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId: command.complaintId, actor: command.actor, method, deliveredAt, channel, note },
      command: (state) => ({
        type: 'recordDelivery',
        actor: command.actor,
        channel: channel ?? receivedState(state).channel,
        method,
        deliveredAt,
        ...(note === undefined ? {} : { note }),
      }),
    });
    return outcome;
  }
}

/** The request's data, checked; the channel resolved where the method alone says it. */
function validate(c: ConfirmDeliveryCommand): { method: DeliveryMethod; deliveredAt: string; channel?: OutboundChannel; note?: string } {
  const v: FieldViolation[] = [];
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
  return { method, deliveredAt, channel: given ?? CHANNEL_OF_METHOD[method], note };
}
