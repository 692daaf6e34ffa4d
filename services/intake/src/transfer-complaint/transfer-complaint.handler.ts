import { OfficeDirectory } from '@pengaduan/documents';
import { ComplaintCommandExecutor } from '@pengaduan/messaging';
import { type FieldViolation } from '@pengaduan/runtime';
import type { DismissCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { lockComplaint, stateAfter, throwInvalid, withRequestFieldNames } from '../complaint-state/command-support';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { MAX_NOTE } from '../dismiss-complaint/dismiss-complaint.command';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { registerComplaint } from '../register-complaint/register-complaint.handler';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts } from '../screen-officer-text/officer-texts';
import { OFFICE_CODE, type TransferComplaintCommand, type TransferComplaintResult } from './transfer-complaint.command';

interface NewComplaintRef extends Record<string, unknown> {
  newComplaintId: string;
  newTrackingNumber: string;
  newStatus: string;
}

/**
 * Transfers a complaint in one transaction: libs/sop decides the dismissal of the original
 * (`NOT_OUR_AUTHORITY`, belongs to the target office) against intake's view of it, so only a
 * complaint that may still be dismissed is transferred (otherwise 409 / FAILED_PRECONDITION
 * with its state); then the target office receives a new complaint, channel
 * `REGIONAL_OFFICE`, forwarded by the original's office, with the original's messages, contact
 * and flags and `transferredFromComplaintId`. The dismissal's note names the new tracking
 * number, so both timelines show the link. Idempotent by request id.
 */
@Injectable()
export class TransferComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
    private readonly stateGroup: StateConsumerGroup,
    private readonly offices: OfficeDirectory,
  ) {}

  async execute(c: TransferComplaintCommand): Promise<TransferComplaintResult> {
    validate(c);
    const { requestId, correlationId, versions, ...request } = c;
    const work = this.executor.execute<NewComplaintRef>({
      operation: 'TransferComplaint',
      requestId,
      versions,
      complaintId: c.complaintId,
      actorOffice: c.actorOffice,
      correlationId,
      request,
      build: async (state, tx, now) => {
        const dismissal: DismissCommand = { type: 'dismiss', actor: c.actor, reason: 'NOT_OUR_AUTHORITY', belongsTo: c.targetOfficeCode, note: c.note };
        // Refused by libs/sop (wrong role, not RECEIVED any more): the executor answers it.
        if (!stateAfter(dismissal, state, now)) return { command: dismissal, extras: () => ({}) };

        const original = await lockComplaint(tx, c.complaintId);
        if (original.officeCode === c.targetOfficeCode) {
          throwInvalid([{ field: 'targetOfficeCode', description: `the complaint is already office ${original.officeCode}'s` }], 'the complaint cannot be transferred as sent');
        }
        const contact = await readReporterContact(tx, this.cipher, original.reporterRef);
        refuseRevealingTexts([{ field: 'note', text: c.note }], contact);
        const messages = await tx.find(ComplaintMessageRecord, { where: { complaintId: original.id }, order: { sequence: 'ASC' } });
        const [first, ...later] = messages;
        if (!first) throw new Error(`complaint ${original.id} has no message`);

        // The target office receives it now, over REGIONAL_OFFICE, from the original's office.
        const registered = await registerComplaint(tx, this.cipher, this.stateGroup, {
          officeCode: c.targetOfficeCode,
          channel: 'REGIONAL_OFFICE',
          text: first.text,
          laterMessages: later.map((m) => ({ text: m.text, receivedAt: now })),
          contact,
          anonymous: original.anonymous,
          confidential: original.confidential,
          actor: c.actor,
          correlationId,
          causationId: requestId,
          now,
          forwardedByOfficeCode: original.officeCode,
          transferredFromComplaintId: original.id,
          letterheads: this.offices,
          signatory: c.signatory,
        });

        const transferNote = `Dialihkan ke kantor ${c.targetOfficeCode} sebagai aduan ${registered.trackingNumber}`;
        const command: DismissCommand = { ...dismissal, note: c.note ? `${transferNote}: ${c.note}` : transferNote };
        const next = stateAfter(command, state, now);
        if (next) {
          await tx.update(
            ComplaintRecord,
            { id: original.id },
            { status: next.status, dismissal: { reason: 'NOT_OUR_AUTHORITY', belongsTo: c.targetOfficeCode, note: command.note }, dismissedAt: now, updatedAt: now },
          );
        }
        return {
          command,
          extras: () => ({}),
          result: { newComplaintId: registered.complaintId, newTrackingNumber: registered.trackingNumber, newStatus: registered.status },
        };
      },
    });
    const outcome = await withRequestFieldNames(work, { belongsTo: 'targetOfficeCode' });
    if (!outcome.result) throw new Error('a transfer recorded no new complaint');
    return {
      complaintId: outcome.complaintId,
      status: outcome.status,
      eventIds: [...outcome.eventIds],
      ...(outcome.version !== undefined ? { version: outcome.version } : {}),
      ...outcome.result,
      targetOfficeCode: c.targetOfficeCode,
    };
  }
}

/** What libs/sop does not check: the target office, the note's length (with the transfer's own words). */
function validate(c: TransferComplaintCommand): void {
  const v: FieldViolation[] = [];
  if (!OFFICE_CODE.test(c.targetOfficeCode)) v.push({ field: 'targetOfficeCode', description: 'must be an office code of 2-6 capital letters' });
  else if (c.actorOffice === c.targetOfficeCode) v.push({ field: 'targetOfficeCode', description: 'must be another office than the complaint\'s own' });
  if (c.note !== undefined && c.note.length > MAX_NOTE - 100) v.push({ field: 'note', description: `at most ${MAX_NOTE - 100} characters` });
  if (v.length > 0) throwInvalid(v, 'the complaint cannot be transferred as sent');
}
