import { ComplaintCommandExecutor, requestOf } from '@pengaduan/messaging';
import { type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES, type DismissCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { lockComplaint, throwInvalid, withRequestFieldNames } from '../complaint-state/command-support';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { ComplaintMessageRecord, ComplaintRecord } from '../persistence/entities';
import { ComplaintRegistration } from '../register-complaint/complaint-registration';
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
 * `REGIONAL_OFFICE` (a LAPOR! report: `LAPOR` with its report number, docs/adr/0055), forwarded by the original's office, with the original's messages, contact
 * and flags and `transferredFromComplaintId`. The dismissal's note names the new tracking
 * number, so both timelines show the link. Idempotent by request id.
 */
@Injectable()
export class TransferComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
    private readonly offices: OfficeProfileVersions,
  ) {}

  async execute(c: TransferComplaintCommand): Promise<TransferComplaintResult> {
    validate(c);
    const dismissal: DismissCommand = { type: 'dismiss', actor: c.actor, reason: 'NOT_OUR_AUTHORITY', belongsTo: c.targetOfficeCode, note: c.note };
    const work = this.executor.execute<NewComplaintRef>({
      operation: 'TransferComplaint',
      context: c,
      request: requestOf(c),
      // libs/sop decides the dismissal as the officer sent it (wrong role, not RECEIVED any more: refused here)…
      command: () => dismissal,
      outputs: async ({ stateAfter }, tx, now) => {
        const original = await lockComplaint(tx, c.complaintId);
        if (original.officeCode === c.targetOfficeCode) {
          throwInvalid([{ field: 'targetOfficeCode', description: `the complaint is already office ${original.officeCode}'s` }], 'the complaint cannot be transferred as sent');
        }
        const contact = await readReporterContact(tx, this.cipher, original.reporterRef);
        refuseRevealingTexts([{ field: 'note', text: c.note }], contact);
        const messages = await tx.find(ComplaintMessageRecord, { where: { complaintId: original.id }, order: { sequence: 'ASC' } });
        const [first, ...later] = messages;
        if (!first) throw new Error(`complaint ${original.id} has no message`);

        // The target office receives it now, over REGIONAL_OFFICE, from the original's office; a
        // LAPOR! report stays one, with its report number (unique in the target office, or 409
        // COMPLAINT.LAPOR_NUMBER_TAKEN and the whole transfer is refused), to be answered on LAPOR!.
        const registration = new ComplaintRegistration(
          this.cipher,
          { requestId: c.requestId, actor: c.actor, correlationId: c.correlationId, ...(c.signatory ? { signatory: c.signatory } : {}) },
          {
            officeCode: c.targetOfficeCode,
            ...(original.channel === 'LAPOR' && original.laporReportNumber !== null
              ? { channel: 'LAPOR' as const, laporReportNumber: original.laporReportNumber }
              : { channel: 'REGIONAL_OFFICE' as const }),
            text: first.text,
            laterMessages: later.map((m) => ({ text: m.text, receivedAt: now })),
            contact,
            anonymous: original.anonymous,
            confidential: original.confidential,
            forwardedByOfficeCode: original.officeCode,
            transferredFromComplaintId: original.id,
            letterheads: this.offices,
          },
        );
        const registered = await registration.run((cmd) => this.executor.within(tx).register(cmd));

        // …and records it with a note naming the new tracking number, so both timelines show the link.
        const transferNote = `Dialihkan ke kantor ${c.targetOfficeCode} sebagai aduan ${registered.trackingNumber}`;
        const completed: DismissCommand = { ...dismissal, note: c.note ? `${transferNote}: ${c.note}` : transferNote };
        await tx.update(
          ComplaintRecord,
          { id: original.id },
          { status: stateAfter.status, dismissal: { reason: 'NOT_OUR_AUTHORITY', belongsTo: c.targetOfficeCode, note: completed.note }, dismissedAt: now, updatedAt: now },
        );
        return {
          completed,
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
  if (!OFFICE_CODE.test(c.targetOfficeCode)) v.push({ field: 'targetOfficeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
  else if (c.actorOffice === c.targetOfficeCode) v.push({ field: 'targetOfficeCode', description: 'must be another office than the complaint\'s own' });
  if (c.note !== undefined && c.note.length > FIELD_RULES.transferNote.maxLength) v.push({ field: 'note', description: `at most ${FIELD_RULES.transferNote.maxLength} characters` });
  if (v.length > 0) throwInvalid(v, 'the complaint cannot be transferred as sent');
}
