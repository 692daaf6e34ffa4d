import type { CommandContext, CommandOutcome } from '@pengaduan/messaging';

/** One line of the disposition sheet as the head of office fills it in. */
export interface DispositionLineInput {
  sectionCode: string;
  /** Standard instructions (libs/sop `DISPOSITION_INSTRUCTIONS`); unchecked until libs/sop decides. */
  instructions: string[];
  note?: string;
}

/** SOP step 3: the Kepala Kantor dispositions a confirmed complaint to sections (Lembar Disposisi). */
export interface DisposeComplaintCommand extends CommandContext {
  /** At least one section of the complaint's office, each at most once. */
  lines: DispositionLineInput[];
  /** Note on the whole sheet. */
  note?: string;
}

export interface DisposeComplaintResult {
  outcome: CommandOutcome;
  /** `LD/<OFFICE>/<YEAR>/<000001>`. */
  sheetNumber: string;
}
