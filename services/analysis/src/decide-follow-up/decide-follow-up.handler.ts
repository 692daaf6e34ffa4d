import { actorLabel } from '@pengaduan/contracts';
import { ComplaintCommandExecutor, receivedState, type CommandOutcome } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES, FOLLOW_UP_DECISIONS, type DecideFollowUpCommand as SopDecideFollowUp, type FollowUpDecision } from '@pengaduan/sop';
import { derivedDocumentNumber, OfficeProfileClient, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import { saveFollowUpDecision } from '../persistence/analysis-records';
import { IntakeClient } from '../screen-officer-text/intake.client';
import type { DecideFollowUpCommand } from './decide-follow-up.command';

const OPERATION = 'DecideFollowUp';
export const MAX_REASON = FIELD_RULES.followUpReason.maxLength;

/**
 * SOP step 5: lets libs/sop decide the follow-up (the Kepala Seksi TI, on an ANALYZED
 * complaint), then commits the decision beside the analysis, the new state
 * (FOLLOW_UP_DECIDED or NO_FOLLOW_UP_DECIDED) and `complaint.follow-up-decided` (outbox)
 * in one transaction. Before, intake screens the reason for the reporter's contact
 * (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class DecideFollowUpHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly offices: OfficeProfileClient,
    private readonly intake: IntakeClient,
  ) {}

  async execute(command: DecideFollowUpCommand): Promise<CommandOutcome> {
    const { decision, reason } = validate(command);
    const { requestId, complaintId, actor, actorOffice, correlationId } = command;
    // The reason goes into complaint.follow-up-decided and the Keputusan Tindak Lanjut: intake screens it.
    await this.intake.call('screenOfficerText', { complaintId, officeCode: actorOffice, texts: [{ field: 'reason', text: reason }] }, correlationId);
    // The office's profile in force, asked of intake before the transaction (docs/adr/0048).
    const letterheadOf = await this.offices.forCommand(command);
    return this.executor.execute({
      operation: OPERATION,
      context: command,
      request: { complaintId, actor, actorOffice, decision, reason },
      command: (): SopDecideFollowUp => ({ type: 'decideFollowUp', actor, decision, reason }),
      outputs: async ({ stateBefore }, tx, now) => {
        const state = receivedState(stateBefore);
        await saveFollowUpDecision(tx, { complaintId, decision, reason, decidedBy: actorLabel(actor), decidedAt: now, requestId });
        // The Keputusan Tindak Lanjut; its hash goes on complaint.follow-up-decided.
        const doc = await renderAndStoreDocument(tx, complaintId, state.officeCode, {
          kind: 'KEPUTUSAN_TINDAK_LANJUT',
          office: letterheadOf(state.officeCode),
          number: derivedDocumentNumber('KEPUTUSAN_TINDAK_LANJUT', state.trackingNumber),
          trackingNumber: state.trackingNumber,
          issuedAt: now,
          signatory: signatoryFor(command.signatory, actor),
          decision,
          reason,
        });
        return { extras: () => ({ documentSha256: doc.sha256 }) };
      },
    });
  }
}

function validate(c: DecideFollowUpCommand): { decision: FollowUpDecision; reason: string } {
  const v: FieldViolation[] = [];
  if (c.decision === undefined) v.push({ field: 'decision', description: `required: one of ${FOLLOW_UP_DECISIONS.join(', ')}` });
  if (!c.reason || c.reason.trim() === '') v.push({ field: 'reason', description: 'required: why the complaint is (not) followed up' });
  else if (c.reason.length > MAX_REASON) v.push({ field: 'reason', description: `at most ${MAX_REASON} characters` });
  if (v.length > 0 || c.decision === undefined) {
    throw new ServiceError('invalid', 'REQUEST.INVALID', 'the follow-up decision cannot be recorded as sent', { fieldViolations: v });
  }
  return { decision: c.decision, reason: c.reason };
}
