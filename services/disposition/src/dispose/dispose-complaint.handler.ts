import { actorLabel } from '@pengaduan/contracts';
import { ComplaintCommandExecutor, outcomeMessage, receivedState } from '@pengaduan/messaging';
import { ServiceError, type FieldViolation } from '@pengaduan/runtime';
import { FIELD_RULES, type DisposeCommand, type DispositionInstruction, type SopEvent } from '@pengaduan/sop';
import { OfficeProfileClient, renderAndStoreDocument, signatoryFor } from '@pengaduan/documents';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { nextSheetNumber } from '../disposition-sheet/sheet-number';
import { DispositionSheetRecord } from '../persistence/entities';
import { IntakeClient } from '../screen-officer-text/intake.client';
import { activeSections } from '../sections/section-list';
import type { DisposeComplaintCommand, DisposeComplaintResult } from './dispose-complaint.command';

const OPERATION = 'DisposeComplaint';
const MAX_NOTE = FIELD_RULES.note.maxLength;

/**
 * SOP step 3, first half: the head of office dispositions a confirmed complaint to sections of
 * its office. libs/sop decides who may and when; this handler adds what only disposition
 * knows (the office's sections), issues the sheet number and keeps the sheet, all in the
 * command's transaction. Before, intake screens the notes for the reporter's contact
 * (docs/adr/0023). Idempotent by request id.
 */
@Injectable()
export class DisposeComplaintHandler {
  constructor(
    private readonly executor: ComplaintCommandExecutor,
    private readonly offices: OfficeProfileClient,
    private readonly intake: IntakeClient,
  ) {}

  async execute(cmd: DisposeComplaintCommand): Promise<DisposeComplaintResult> {
    // The notes go into complaint.disposed and the Lembar Disposisi: intake refuses any that gives the reporter away.
    const texts = [{ field: 'note', text: cmd.note }, ...cmd.lines.map((l, i) => ({ field: `lines[${i}].note`, text: l.note }))];
    await this.intake.call('screenOfficerText', { complaintId: cmd.complaintId, officeCode: cmd.actorOffice, texts }, cmd.correlationId);
    // The office's profile in force, asked of intake before the transaction (docs/adr/0048).
    const letterheadOf = await this.offices.forCommand(cmd);
    const command: DisposeCommand = {
      type: 'dispose',
      actor: cmd.actor,
      sheet: {
        entries: cmd.lines.map((l) => ({
          sectionCode: l.sectionCode,
          // libs/sop checks every instruction at run time and names the bad one.
          instructions: l.instructions as DispositionInstruction[],
          ...(l.note === undefined ? {} : { note: l.note }),
        })),
      },
    };
    const done = await this.executor
      .execute<{ sheetNumber: string }>({
        operation: OPERATION,
        context: cmd,
        request: { complaintId: cmd.complaintId, actor: cmd.actor, actorOffice: cmd.actorOffice, lines: cmd.lines, note: cmd.note },
        command: () => command,
        // Only once libs/sop has answered (role, then state, then the sheet's shape), so a wrong role never learns about sections.
        outputs: async ({ stateBefore }, tx, now) => {
          const state = receivedState(stateBefore);
          checkNotes(cmd);
          const sections = await requireActiveSections(tx, state.officeCode, cmd.lines);
          const { number, year } = await nextSheetNumber(tx, state.officeCode, now);
          await supersedeEarlierSheet(tx, cmd.complaintId, now);
          await tx.insert(DispositionSheetRecord, {
            complaintId: cmd.complaintId,
            number,
            officeCode: state.officeCode,
            year,
            lines: command.sheet.entries.map((e) => ({ sectionCode: e.sectionCode, instructions: [...e.instructions], ...(e.note === undefined ? {} : { note: e.note }) })),
            note: cmd.note ?? null,
            disposedBy: actorLabel(cmd.actor),
            disposedAt: now,
          });
          // The Lembar Disposisi under the number just issued; its hash goes on complaint.disposed.
          const sheet = await renderAndStoreDocument(tx, cmd.complaintId, state.officeCode, {
            kind: 'LEMBAR_DISPOSISI',
            office: letterheadOf(state.officeCode),
            number,
            trackingNumber: state.trackingNumber,
            issuedAt: now,
            signatory: signatoryFor(cmd.signatory, cmd.actor),
            receivedAt: new Date(state.receivedAt),
            ...('classification' in state && state.classification ? { classificationCode: state.classification } : {}),
            sections: command.sheet.entries.map((e) => ({
              code: e.sectionCode,
              name: sections.get(e.sectionCode) ?? e.sectionCode,
              instructions: [...e.instructions],
              ...(e.note === undefined ? {} : { note: e.note }),
            })),
            ...(cmd.note === undefined ? {} : { note: cmd.note }),
          });
          return {
            extras: (event: SopEvent) =>
              event.type === 'complaint.disposed'
                ? { dispositionSheetNumber: number, documentSha256: sheet.sha256, ...(cmd.note === undefined ? {} : { note: cmd.note }) }
                : {},
            result: { sheetNumber: number },
          };
        },
      })
      .catch((err: unknown) => {
        throw inRequestTerms(err);
      });
    if (!done.result) throw new Error(`${OPERATION} ${cmd.requestId} recorded no sheet number`);
    return { outcome: outcomeMessage(done), sheetNumber: done.result.sheetNumber };
  }
}

/** A disposition after an appeal sent the complaint back to step 3 (docs/adr/0053): the earlier round's sheet is kept aside. */
async function supersedeEarlierSheet(tx: EntityManager, complaintId: string, now: Date): Promise<void> {
  await tx.query(
    `WITH earlier AS (DELETE FROM disposition_sheet WHERE complaint_id = $1 RETURNING *)
     INSERT INTO disposition_sheet_earlier_round SELECT *, $2::timestamptz FROM earlier`,
    [complaintId, now],
  );
}

function checkNotes(cmd: DisposeComplaintCommand): void {
  const v: FieldViolation[] = [];
  if (cmd.note !== undefined && (cmd.note.trim() === '' || cmd.note.length > MAX_NOTE)) {
    v.push({ field: 'note', description: `when given, a non-blank note of at most ${MAX_NOTE} characters` });
  }
  cmd.lines.forEach((l, i) => {
    if (l.note !== undefined && l.note.length > MAX_NOTE) v.push({ field: `lines[${i}].note`, description: `at most ${MAX_NOTE} characters` });
  });
  if (v.length > 0) throw new ServiceError('invalid', 'REQUEST.INVALID', 'the disposition cannot be recorded as sent', { fieldViolations: v });
}

/** Every line names an active section of the complaint's office (sections are data per office). */
async function requireActiveSections(tx: EntityManager, officeCode: string, lines: DisposeComplaintCommand['lines']): Promise<Map<string, string>> {
  const known = new Map((await activeSections(tx, officeCode)).map((s) => [s.code, s.name]));
  const v: FieldViolation[] = [];
  lines.forEach((l, i) => {
    if (!known.has(l.sectionCode)) {
      v.push({ field: `lines[${i}].sectionCode`, description: `${l.sectionCode} is not an active section of office ${officeCode}` });
    }
  });
  if (v.length > 0) {
    throw new ServiceError('invalid', 'DISPOSITION.UNKNOWN_SECTION', `the disposition names a section office ${officeCode} does not have`, { fieldViolations: v });
  }
  return known;
}

/** libs/sop names the sheet's fields (`sheet.entries[1].instructions[0]`); the caller sent `lines`. */
function inRequestTerms(err: unknown): unknown {
  if (!(err instanceof ServiceError) || !err.details.fieldViolations) return err;
  const rename = (s: string) => s.replace(/sheet\.entries/g, 'lines').replace(/^sheet$/, 'lines');
  return new ServiceError(err.kind, err.code, rename(err.message), {
    ...err.details,
    fieldViolations: err.details.fieldViolations.map((f) => ({ field: rename(f.field), description: rename(f.description) })),
  });
}
