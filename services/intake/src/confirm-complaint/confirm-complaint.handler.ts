import { ComplaintCommandExecutor, requestOf, type CommandOutcome } from '@pengaduan/messaging';
import { type FieldViolation } from '@pengaduan/runtime';
import { isClassificationCode, type ClassificationCode, type ConfirmCommand } from '@pengaduan/sop';
import { derivedDocumentNumber, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import { lockComplaint, throwInvalid } from '../complaint-state/command-support';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { ComplaintRecord } from '../persistence/entities';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts } from '../screen-officer-text/officer-texts';
import { MAX_SUMMARY, type ConfirmComplaintCommand } from './confirm-complaint.command';

/**
 * SOP step 2, confirmation: libs/sop decides against intake's view of the complaint; once it
 * accepts, the summary must not give the reporter away (it travels in `complaint.confirmed`),
 * and intake's complaint row takes the classification, the summary and the flags as
 * confirmed. State, row, document and event commit together; idempotent by request id.
 */
@Injectable()
export class ConfirmComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
    private readonly offices: OfficeProfileVersions,
  ) {}

  async execute(c: ConfirmComplaintCommand): Promise<CommandOutcome> {
    const classification = validate(c);
    return this.executor.execute({
      operation: 'ConfirmComplaint',
      context: c,
      request: requestOf(c),
      command: (): ConfirmCommand => ({
        type: 'confirm',
        actor: c.actor,
        classification,
        summary: c.summary,
        anonymous: c.anonymous,
        confidential: c.confidential,
      }),
      outputs: async ({ stateAfter }, tx, now) => {
        const complaint = await lockComplaint(tx, c.complaintId);
        refuseRevealingTexts([{ field: 'summary', text: c.summary }], await readReporterContact(tx, this.cipher, complaint.reporterRef));
        await tx.update(ComplaintRecord, { id: c.complaintId }, {
          status: stateAfter.status,
          classificationCode: classification,
          summary: c.summary,
          anonymous: c.anonymous,
          confidential: c.confidential,
          confirmedAt: now,
          updatedAt: now,
        });
        // Step 2's output, the Laporan Terusan Aduan; its hash goes on complaint.confirmed.
        const report = await renderAndStoreDocument(tx, c.complaintId, complaint.officeCode, {
          kind: 'LAPORAN_TERUSAN_ADUAN',
          // The office's profile in force now (docs/adr/0048), read in this transaction.
          office: await this.offices.profileOf(tx, complaint.officeCode),
          number: derivedDocumentNumber('LAPORAN_TERUSAN_ADUAN', complaint.trackingNumber),
          trackingNumber: complaint.trackingNumber,
          issuedAt: now,
          signatory: signatoryFor(c.signatory, c.actor),
          channel: complaint.channel,
          receivedAt: complaint.receivedAt,
          classificationCode: classification,
          summary: c.summary,
          anonymous: c.anonymous,
          confidential: c.confidential,
        });
        return { extras: () => ({ documentSha256: report.sha256 }) };
      },
    });
  }
}

/** Checks what libs/sop does not (lengths) and names the request's fields; returns the classification. */
function validate(c: ConfirmComplaintCommand): ClassificationCode {
  const v: FieldViolation[] = [];
  const classification = isClassificationCode(c.classificationCode) ? c.classificationCode : undefined;
  if (!classification) v.push({ field: 'classificationCode', description: 'must be a Permen PAN 5/2009 classification code, 01 to 10' });
  if (!c.summary || c.summary.trim().length === 0) v.push({ field: 'summary', description: 'required' });
  else if (c.summary.length > MAX_SUMMARY) v.push({ field: 'summary', description: `at most ${MAX_SUMMARY} characters` });
  if (!classification || v.length > 0) throwInvalid(v, 'the complaint cannot be confirmed as sent');
  return classification;
}
