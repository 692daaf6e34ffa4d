import { ComplaintCommandExecutor, requestOf } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import { OfficeProfileVersions } from '../office-profile/office-profile-versions';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { ComplaintRegistration } from './complaint-registration';
import { OFFICER_ENTRY_CHANNELS, type RegisterComplaintCommand, type RegisterComplaintResult } from './register-complaint.command';

const OPERATION = 'RegisterComplaint';
const MAX_TEXT = FIELD_RULES.reporterText.maxLength;

/**
 * SOP step 1 for a complaint an officer types in: checks the request, then registers it through
 * ComplaintCommandExecutor (see ComplaintRegistration): libs/sop decides whether the officer may
 * register it, the tracking number is issued, and the complaint, its first message, the sealed
 * contact, the Laporan Aduan, `complaint.received` (outbox) and the complaint's libs/sop state
 * (so the next command can be decided at once) commit in one transaction. Idempotent by
 * request id.
 */
@Injectable()
export class RegisterComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
    private readonly offices: OfficeProfileVersions,
  ) {}

  async execute(command: RegisterComplaintCommand): Promise<RegisterComplaintResult> {
    validate(command);
    const registration = new ComplaintRegistration(
      this.cipher,
      { requestId: command.requestId, actor: command.actor, correlationId: command.correlationId, ...(command.signatory ? { signatory: command.signatory } : {}) },
      {
        officeCode: command.officeCode,
        channel: command.channel,
        text: command.text,
        contact: command.contact ?? {},
        anonymous: command.anonymous,
        confidential: command.confidential,
        receivedAt: command.receivedAt,
        forwardedByOfficeCode: command.forwardedByOfficeCode,
        ...(command.laporReportNumber === undefined ? {} : { laporReportNumber: command.laporReportNumber }),
        letterheads: this.offices,
      },
    );
    const { complaintId, trackingNumber, status } = await registration.run((cmd) => this.executor.register({ ...cmd, operation: OPERATION, request: requestOf(command) }));
    return { complaintId, trackingNumber, status };
  }
}

function validate(c: RegisterComplaintCommand): void {
  const v: FieldViolation[] = [];
  if (!c.requestId || c.requestId.length > FIELD_RULES.requestId.maxLength) v.push({ field: 'requestId', description: `required, at most ${FIELD_RULES.requestId.maxLength} characters` });
  if (!FIELD_RULES.officeCode.pattern.test(c.officeCode)) v.push({ field: 'officeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
  if (c.forwardedByOfficeCode !== undefined) {
    if (!FIELD_RULES.officeCode.pattern.test(c.forwardedByOfficeCode)) v.push({ field: 'forwardedByOfficeCode', description: `must be ${FIELD_RULES.officeCode.description}` });
    if (c.channel !== 'REGIONAL_OFFICE') v.push({ field: 'channel', description: 'a forwarded complaint comes in over REGIONAL_OFFICE' });
  } else if (!OFFICER_ENTRY_CHANNELS.includes(c.channel)) {
    v.push({ field: 'channel', description: `an officer enters only ${OFFICER_ENTRY_CHANNELS.join(', ')} complaints` });
  }
  const lapor = laporReportNumberViolation(c);
  if (lapor) v.push(lapor);
  if (!c.text || c.text.trim().length === 0) v.push({ field: 'text', description: 'required' });
  else if (c.text.length > MAX_TEXT) v.push({ field: 'text', description: `at most ${MAX_TEXT} characters` });
  const contact = c.contact ?? {};
  if (contact.phone !== undefined && !FIELD_RULES.reporterPhone.pattern.test(contact.phone)) v.push({ field: 'contact.phone', description: 'not a phone number' });
  if (contact.email !== undefined && !FIELD_RULES.reporterEmail.pattern.test(contact.email)) v.push({ field: 'contact.email', description: 'not an e-mail address' });
  if (c.receivedAt && Number.isNaN(c.receivedAt.getTime())) v.push({ field: 'receivedAt', description: 'not a valid time' });
  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the complaint cannot be registered as sent', { fieldViolations: v });
}

/** The LAPOR! report number: required with channel LAPOR, refused with any other, digits as FIELD_RULES says (docs/adr/0055). */
function laporReportNumberViolation(c: RegisterComplaintCommand): FieldViolation | null {
  const field = 'laporReportNumber';
  if (c.laporReportNumber === undefined) return c.channel === 'LAPOR' ? { field, description: 'required for a complaint that came through LAPOR!' } : null;
  if (c.channel !== 'LAPOR') return { field, description: 'only for channel LAPOR' };
  return FIELD_RULES.laporReportNumber.pattern.test(c.laporReportNumber) ? null : { field, description: `must be ${FIELD_RULES.laporReportNumber.description}` };
}
