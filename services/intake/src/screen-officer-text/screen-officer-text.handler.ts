import { ServiceRuntime } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { ComplaintRecord } from '../persistence/entities';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts, type OfficerText } from './officer-texts';

/** A command service's question before it decides: do these texts give the complaint's reporter away? */
export interface ScreenOfficerTextQuery {
  complaintId: string;
  /** The acting officer's office; empty: any. */
  officeCode: string;
  texts: OfficerText[];
}

/**
 * Screens the free texts of another service's command (disposition, analysis, team-decree,
 * notification) against the contact only intake holds, by the same rule as intake's own
 * confirmation and dismissal ({@link refuseRevealingTexts}). Answers nothing when they are
 * clean; neither the texts nor the contact are logged or kept. docs/adr/0023.
 */
@Injectable()
export class ScreenOfficerTextHandler {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(q: ScreenOfficerTextQuery): Promise<void> {
    const texts = q.texts.filter((t) => t.text && t.text.trim() !== '');
    const manager = this.runtime.dataSource.manager;
    const complaint = isUuid(q.complaintId) ? await manager.findOneBy(ComplaintRecord, { id: q.complaintId }) : null;
    if (!complaint || (q.officeCode && complaint.officeCode !== q.officeCode)) {
      throw new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', `complaint ${q.complaintId} not found`);
    }
    if (texts.length === 0) return;
    refuseRevealingTexts(texts, await readReporterContact(manager, this.cipher, complaint.reporterRef));
  }
}
