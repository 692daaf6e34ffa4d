import { ComplaintCommandExecutor, requestOf, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { DISMISSAL_REASONS, type DismissalReason, type DismissCommand } from '@pengaduan/sop';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { lockComplaint, throwInvalid, withRequestFieldNames } from '../complaint-state/command-support';
import { ComplaintRecord, type DismissalRecord } from '../persistence/entities';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { refuseRevealingTexts } from '../screen-officer-text/officer-texts';
import { MAX_BELONGS_TO, MAX_NOTE, type DismissComplaintCommand } from './dismiss-complaint.command';

/**
 * SOP step 2, dismissal: libs/sop decides against intake's view of the complaint; a
 * `DUPLICATE` must name a complaint intake holds for the same office; the note and `belongsTo`
 * must not give the reporter away (they travel in `complaint.dismissed`, docs/adr/0023). State,
 * complaint row and event commit together; idempotent by request id.
 */
@Injectable()
export class DismissComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
  ) {}

  async execute(c: DismissComplaintCommand): Promise<CommandOutcome> {
    const reason = validate(c);
    const dismissal: DismissCommand = { type: 'dismiss', actor: c.actor, reason, originalComplaintId: c.duplicateOf, belongsTo: c.belongsTo, note: c.note };
    const work = this.executor.execute({
      operation: 'DismissComplaint',
      context: c,
      request: requestOf(c),
      command: () => dismissal,
      outputs: async ({ stateAfter }, tx, now) => {
        const complaint = await lockComplaint(tx, c.complaintId);
        if (dismissal.reason === 'DUPLICATE') await this.checkOriginal(tx, complaint, dismissal.originalComplaintId ?? '');
        // Both free texts travel in complaint.dismissed.
        const texts = [{ field: 'note', text: c.note }, { field: 'belongsTo', text: c.belongsTo }];
        if (c.note || c.belongsTo) refuseRevealingTexts(texts, await readReporterContact(tx, this.cipher, complaint.reporterRef));
        await tx.update(ComplaintRecord, { id: c.complaintId }, { status: stateAfter.status, dismissal: toRecord(dismissal), dismissedAt: now, updatedAt: now });
        return {};
      },
    });
    return withRequestFieldNames(work, { originalComplaintId: 'duplicateOf' });
  }

  /** The complaint this one repeats must be one intake holds, of the same office. */
  private async checkOriginal(tx: EntityManager, complaint: ComplaintRecord, originalId: string): Promise<void> {
    const original = await tx.findOneBy(ComplaintRecord, { id: originalId, officeCode: complaint.officeCode });
    if (!original) {
      throw new ServiceError('invalid', 'COMPLAINT.UNKNOWN_ORIGINAL', `office ${complaint.officeCode} has no complaint ${originalId}`, {
        fieldViolations: [{ field: 'duplicateOf', description: `no complaint ${originalId} in office ${complaint.officeCode}` }],
      });
    }
  }
}

function toRecord(command: DismissCommand): DismissalRecord {
  return {
    reason: command.reason,
    ...(command.reason === 'DUPLICATE' ? { duplicateOf: command.originalComplaintId } : {}),
    ...(command.reason === 'NOT_OUR_AUTHORITY' ? { belongsTo: command.belongsTo } : {}),
    ...(command.note === undefined ? {} : { note: command.note }),
  };
}

/** Checks what libs/sop does not: the reason named, the other fields only with their reason, lengths, ids. */
function validate(c: DismissComplaintCommand): DismissalReason {
  const v: FieldViolation[] = [];
  const reason = c.reason;
  if (!reason) v.push({ field: 'reason', description: `required: one of ${DISMISSAL_REASONS.join(', ')}` });
  if (c.duplicateOf !== undefined) {
    if (c.reason !== 'DUPLICATE') v.push({ field: 'duplicateOf', description: 'only for reason DUPLICATE' });
    else if (!isUuid(c.duplicateOf)) v.push({ field: 'duplicateOf', description: 'must be a complaint id (UUID)' });
  }
  if (c.belongsTo !== undefined) {
    if (c.reason !== 'NOT_OUR_AUTHORITY') v.push({ field: 'belongsTo', description: 'only for reason NOT_OUR_AUTHORITY' });
    else if (c.belongsTo.length > MAX_BELONGS_TO) v.push({ field: 'belongsTo', description: `at most ${MAX_BELONGS_TO} characters` });
  }
  if (c.note !== undefined && c.note.length > MAX_NOTE) v.push({ field: 'note', description: `at most ${MAX_NOTE} characters` });
  if (!reason || v.length > 0) throwInvalid(v, 'the complaint cannot be dismissed as sent');
  return reason;
}
