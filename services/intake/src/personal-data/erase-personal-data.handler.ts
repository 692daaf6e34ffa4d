import { ComplaintCommandExecutor, requestOf, type CommandContext, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError } from '@pengaduan/runtime';
import { ERASURE_REASONS, type ErasureReason, type SystemActor } from '@pengaduan/sop';
import { Injectable, Optional } from '@nestjs/common';
import { lockComplaint, throwInvalid } from '../complaint-state/command-support';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { erasePersonalData } from './erase-stored-data';
import { ErasureVacuum } from './erasure-vacuum';
import { PersonalDataKeys } from './personal-data-keys';
import { transferLinkedComplaints } from './transferred-copies';

/** Who erases a transferred copy: intake, following the transfer link (docs/adr/0057). */
const TRANSFER_LINK: SystemActor = { kind: 'system', service: 'intake' };

/** Erase the personal data of the complainant of `complaintId` (docs/adr/0057). */
export interface ErasePersonalDataCommand extends CommandContext {
  /** Absent when the request named none (or an unknown one). */
  reason?: ErasureReason;
}

/**
 * Erasure by key destruction (docs/adr/0057): libs/sop decides `erasePersonalData` against
 * intake's view of the complaint (Admin Tikkim or the system; any status after receipt), and in
 * the same transaction intake destroys the complainant's data key, clears what it kept of them in
 * the clear, and writes `complaint.personal-data-erased` (no personal data) to its outbox.
 * `REQUEST` is an officer's, on the person's verified request; `RETENTION` the retention job's.
 * A complainant already erased is refused (409 `PERSONAL_DATA.ERASED`); a retry with the same
 * request id answers the first outcome. The complaints a transfer links to this one (the copy of
 * the contact in the other office, or the original) are erased with it, each with its own event,
 * recorded as the system's.
 */
@Injectable()
export class ErasePersonalDataHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly cipher: ContactCipher,
    @Optional() private readonly vacuum?: ErasureVacuum,
  ) {}

  async execute(c: ErasePersonalDataCommand): Promise<CommandOutcome> {
    const reason = validReason(c);
    const outcome = await this.executor.execute({
      operation: 'ErasePersonalData',
      context: c,
      request: requestOf(c),
      command: () => ({ type: 'erasePersonalData', actor: c.actor, reason }),
      outputs: async (_decided, tx, now) => {
        const complaint = await lockComplaint(tx, c.complaintId);
        if (await new PersonalDataKeys(this.cipher).isDestroyed(tx, complaint.reporterRef)) {
          throw new ServiceError('conflict', 'PERSONAL_DATA.ERASED', 'the personal data of this complaint’s complainant was erased already');
        }
        const erasedBy = c.actor.kind === 'user' ? c.actor.userId : c.actor.service;
        await erasePersonalData(tx, this.cipher, { reporterRef: complaint.reporterRef, reason, at: now, erasedBy });
        // The transfer's copies (their own reporter refs, in other offices), each with its own event.
        for (const linked of await transferLinkedComplaints(tx, complaint.id)) {
          await this.executor.within(tx).execute({
            context: { requestId: c.requestId, complaintId: linked.complaintId, actor: TRANSFER_LINK, correlationId: c.correlationId },
            command: () => ({ type: 'erasePersonalData', actor: TRANSFER_LINK, reason }),
            outputs: async (_d, _tx, at) => {
              await erasePersonalData(tx, this.cipher, { reporterRef: linked.reporterRef, reason, at, erasedBy });
              return {};
            },
          });
        }
        return {};
      },
    });
    // After the commit, not awaited: the overwritten rows' old versions leave the tables (best effort).
    void this.vacuum?.request();
    return outcome;
  }
}

/** The reason named, and the one that fits the actor: an officer erases on request, the system at the end of retention. */
function validReason(c: ErasePersonalDataCommand): ErasureReason {
  const reason = c.reason;
  if (!reason || !(ERASURE_REASONS as readonly string[]).includes(reason)) throwInvalid([{ field: 'reason', description: `required: one of ${ERASURE_REASONS.join(', ')}` }], 'the erasure names no reason');
  const expected: ErasureReason = c.actor.kind === 'user' ? 'REQUEST' : 'RETENTION';
  if (reason !== expected) throwInvalid([{ field: 'reason', description: `${c.actor.kind === 'user' ? 'an officer erases on the person’s REQUEST' : 'the system erases at the end of RETENTION'}` }], 'the reason does not fit who erases');
  return reason;
}
