import type { ComplaintCommandExecutor, ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type Clock } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import type { OfficerContext } from './access-requests.handler';
import { changeContactRestriction, contactRestricted } from './contact-restriction';
import { correctContact } from './contact-correction';
import { recordDataSubjectEvent, type DataSubjectEventContext } from './data-subject-events';
import { onceByRequestId, screenOfficerText } from './officer-request';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { CONTACT_FIELDS, type ContactField } from '../processing-record/contact-processing-record';

const REASON = { min: FIELD_RULES.contactRightsReason.minLength, max: FIELD_RULES.contactRightsReason.maxLength } as const;

export interface ContactRightsCommand extends OfficerContext {
  /** The gateway's Idempotency-Key within the officer's account. */
  requestId: string;
  complaintId: string;
  reason: string;
}

/**
 * Correction and restriction of a reporter's contact (UU 27/2022, docs/adr/0056), by Admin
 * Tikkim on a complaint of their office. The contact named is the complaint's (`reporterRef`).
 */
export class ContactRightsHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
    private readonly clock: Clock,
    private readonly executor: ComplaintCommandExecutor,
  ) {}

  async restrict(c: ContactRightsCommand): Promise<{ restricted: boolean }> {
    return this.changeRestriction(c, true);
  }

  async lift(c: ContactRightsCommand): Promise<{ restricted: boolean }> {
    return this.changeRestriction(c, false);
  }

  /** A restricted contact is corrected too: correcting is what the person may ask while the processing is restricted. */
  async correct(c: ContactRightsCommand & { contact: ReporterContact }): Promise<{ fields: ContactField[] }> {
    const { reporterRef } = await this.complaintOf(c, c.contact);
    const command = { operation: 'CorrectContact', requestId: c.requestId, request: [c.complaintId, c.reason.trim(), c.actor.userId] };
    // The contact is not hashed (docs/adr/0056): a retry is the same when the contact in force is the one it asks for.
    const sameContact = async (tx: EntityManager) => sameContactAs(await readReporterContact(tx, this.cipher, reporterRef), c.contact);
    return onceByRequestId(
      this.runtime.dataSource,
      command,
      async (tx) => {
        const fields = await correctContact(tx, this.cipher, { reporterRef, officeCode: c.actorOffice, contact: c.contact, reason: c.reason.trim(), userId: c.actor.userId, at: this.clock.now() });
        await recordDataSubjectEvent(this.executor, tx, eventContext(c), { type: 'recordContactCorrection', fields });
        return { fields };
      },
      sameContact,
    );
  }

  /** Whether the complaint's contact is restricted: for the complaint page. */
  async restricted(c: OfficerContext & { complaintId: string }): Promise<boolean> {
    const row = await this.findComplaint(c);
    return contactRestricted(this.runtime.dataSource.manager, row.reporterRef);
  }

  private async changeRestriction(c: ContactRightsCommand, restricted: boolean): Promise<{ restricted: boolean }> {
    const { reporterRef } = await this.complaintOf(c);
    const command = { operation: restricted ? 'RestrictContact' : 'LiftContactRestriction', requestId: c.requestId, request: [c.complaintId, c.reason.trim(), c.actor.userId] };
    return onceByRequestId(this.runtime.dataSource, command, async (tx) => {
      await changeContactRestriction(tx, { reporterRef, officeCode: c.actorOffice, restricted, reason: c.reason.trim(), userId: c.actor.userId, at: this.clock.now() });
      await recordDataSubjectEvent(this.executor, tx, eventContext(c), { type: 'recordContactRestriction', restricted });
      return { restricted };
    });
  }

  /** The complaint of the officer's office, with a reason that is long enough and gives the person away neither as they are nor as `correctedTo`. */
  private async complaintOf(c: ContactRightsCommand, correctedTo?: ReporterContact): Promise<{ reporterRef: string }> {
    if (c.actor.role !== 'ADMIN_TIKKIM') throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${c.actor.role} may not correct or restrict a contact`);
    const reason = c.reason?.trim() ?? '';
    if (reason.length < REASON.min || reason.length > REASON.max) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the reason is missing or too long', {
        fieldViolations: [{ field: 'reason', description: `${REASON.min} to ${REASON.max} characters` }],
      });
    }
    const complaint = await this.findComplaint(c);
    await screenOfficerText(this.runtime.dataSource.manager, this.cipher, complaint.reporterRef, { field: 'reason', text: reason }, correctedTo);
    return complaint;
  }

  private async findComplaint(c: OfficerContext & { complaintId: string }): Promise<{ reporterRef: string }> {
    const [row] = isUuid(c.complaintId)
      ? ((await this.runtime.dataSource.query('SELECT reporter_ref FROM complaint WHERE id = $1 AND office_code = $2', [c.complaintId, c.actorOffice])) as { reporter_ref: string }[])
      : [];
    if (!row) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${c.complaintId} not found`);
    return { reporterRef: row.reporter_ref };
  }
}

/** Whether the contact in force is `asked` (a correction's retry): field by field, as a correction compares. */
function sameContactAs(inForce: ReporterContact, asked: ReporterContact): boolean {
  return CONTACT_FIELDS.every((f) => (inForce[f] ?? '') === (asked[f]?.trim() ?? ''));
}

/** The complaint named carries the event of its contact's correction or restriction (docs/adr/0061). */
function eventContext(c: ContactRightsCommand): DataSubjectEventContext {
  return { complaintId: c.complaintId, actor: c.actor, actorOffice: c.actorOffice, causedBy: c.requestId };
}
