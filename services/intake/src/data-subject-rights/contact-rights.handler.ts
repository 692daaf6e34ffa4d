import type { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError, type Clock } from '@pengaduan/runtime';
import { FIELD_RULES } from '@pengaduan/sop';
import { validate as isUuid } from 'uuid';
import type { ContactCipher, ReporterContact } from '../reporter-contact/contact-cipher';
import type { ContactField } from '../processing-record/contact-processing-record';
import type { OfficerContext } from './access-requests.handler';
import { changeContactRestriction, contactRestricted } from './contact-restriction';
import { correctContact } from './contact-correction';

const REASON = { min: FIELD_RULES.contactRightsReason.minLength, max: FIELD_RULES.contactRightsReason.maxLength } as const;

export interface ContactRightsCommand extends OfficerContext {
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
  ) {}

  async restrict(c: ContactRightsCommand): Promise<{ restricted: true }> {
    const { reporterRef } = await this.complaintOf(c);
    await changeContactRestriction(this.runtime.dataSource.manager, { reporterRef, officeCode: c.actorOffice, restricted: true, reason: c.reason.trim(), userId: c.actor.userId, at: this.clock.now() });
    return { restricted: true };
  }

  async lift(c: ContactRightsCommand): Promise<{ restricted: false }> {
    const { reporterRef } = await this.complaintOf(c);
    await changeContactRestriction(this.runtime.dataSource.manager, { reporterRef, officeCode: c.actorOffice, restricted: false, reason: c.reason.trim(), userId: c.actor.userId, at: this.clock.now() });
    return { restricted: false };
  }

  /** A restricted contact is corrected too: correcting is what the person may ask while the processing is restricted. */
  async correct(c: ContactRightsCommand & { contact: ReporterContact }): Promise<{ fields: ContactField[] }> {
    const { reporterRef } = await this.complaintOf(c);
    const fields = await correctContact(this.runtime.dataSource.manager, this.cipher, {
      reporterRef,
      officeCode: c.actorOffice,
      contact: c.contact,
      reason: c.reason.trim(),
      userId: c.actor.userId,
      at: this.clock.now(),
    });
    return { fields };
  }

  /** Whether the complaint's contact is restricted: for the complaint page. */
  async restricted(c: OfficerContext & { complaintId: string }): Promise<boolean> {
    const row = await this.findComplaint(c);
    return contactRestricted(this.runtime.dataSource.manager, row.reporterRef);
  }

  private async complaintOf(c: ContactRightsCommand): Promise<{ reporterRef: string }> {
    if (c.actor.role !== 'ADMIN_TIKKIM') throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${c.actor.role} may not correct or restrict a contact`);
    const reason = c.reason?.trim() ?? '';
    if (reason.length < REASON.min || reason.length > REASON.max) {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the reason is missing or too long', {
        fieldViolations: [{ field: 'reason', description: `${REASON.min} to ${REASON.max} characters` }],
      });
    }
    return this.findComplaint(c);
  }

  private async findComplaint(c: OfficerContext & { complaintId: string }): Promise<{ reporterRef: string }> {
    const [row] = isUuid(c.complaintId)
      ? ((await this.runtime.dataSource.query('SELECT reporter_ref FROM complaint WHERE id = $1 AND office_code = $2', [c.complaintId, c.actorOffice])) as { reporter_ref: string }[])
      : [];
    if (!row) throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${c.complaintId} not found`);
    return { reporterRef: row.reporter_ref };
  }
}
