import type { DisposeCommand, RespondAsSectionCommand } from '../commands';
import type { SopEvent } from '../events';
import type { DispositionEntry } from '../reference-data';
import { DISPOSITION_INSTRUCTIONS } from '../reference-data';
import type { StateOf } from '../state';
import { firstDuplicate, firstProblem, optionalText, requireNonEmptyArray, requireObject, requireOneOf, requireText } from '../validation';
import type { Outcome } from './step-outcome';

// SOP step 3 (disposition): the disposition sheet, and each section's response.

export function dispose(c: DisposeCommand, at: string): Outcome {
  const sheetProblem = firstProblem(
    () => requireObject(c.sheet, 'sheet'),
    () => requireNonEmptyArray(c.sheet.entries, 'sheet.entries'),
  );
  if (sheetProblem) return { problem: sheetProblem };
  const entries: DispositionEntry[] = [];
  for (const [i, entry] of c.sheet.entries.entries()) {
    const field = `sheet.entries[${i}]`;
    const shapeProblem = requireObject(entry, field);
    if (shapeProblem) return { problem: shapeProblem };
    const problem = firstProblem(
      () => requireText(entry.sectionCode, `${field}.sectionCode`),
      () => requireNonEmptyArray(entry.instructions, `${field}.instructions`),
      () =>
        firstProblem(
          ...entry.instructions.map(
            (instruction: unknown, j: number) => () =>
              requireOneOf(instruction, DISPOSITION_INSTRUCTIONS, `${field}.instructions[${j}]`),
          ),
        ),
      () => {
        const twice = firstDuplicate(entry.instructions);
        return twice === undefined
          ? null
          : { field: `${field}.instructions`, message: `${field}.instructions lists ${twice} twice` };
      },
      () => optionalText(entry.note, `${field}.note`),
    );
    if (problem) return { problem };
    entries.push({
      sectionCode: entry.sectionCode,
      instructions: [...entry.instructions],
      ...(entry.note === undefined ? {} : { note: entry.note }),
    });
  }
  const duplicate = firstDuplicate(entries.map((e) => e.sectionCode));
  if (duplicate !== undefined) {
    return {
      problem: { field: 'sheet.entries', message: `sheet.entries dispositions section ${duplicate} more than once` },
    };
  }
  return { events: [{ type: 'complaint.disposed', at, actor: c.actor, data: { sheet: { entries } } }] };
}

export function respondAsSection(c: RespondAsSectionCommand, state: StateOf<'DISPOSED'>, at: string): Outcome {
  const problem = firstProblem(
    () => requireText(c.sectionCode, 'sectionCode'),
    () =>
      state.sections.includes(c.sectionCode)
        ? null
        : {
            field: 'sectionCode',
            message: `sectionCode ${c.sectionCode} is not on the disposition sheet (${state.sections.join(', ')})`,
          },
    () =>
      state.respondedSections.includes(c.sectionCode)
        ? { field: 'sectionCode', message: `sectionCode ${c.sectionCode} has already responded` }
        : null,
    () => requireText(c.response, 'response'),
  );
  if (problem) return { problem };
  const events: SopEvent[] = [
    {
      type: 'complaint.section-responded',
      at,
      actor: c.actor,
      data: { sectionCode: c.sectionCode, response: c.response },
    },
  ];
  const stillPending = state.sections.filter((s) => s !== c.sectionCode && !state.respondedSections.includes(s));
  if (stillPending.length === 0) {
    events.push({
      type: 'complaint.disposition-completed',
      at,
      actor: c.actor,
      data: { sectionCodes: [...state.sections] },
    });
  }
  return { events };
}
