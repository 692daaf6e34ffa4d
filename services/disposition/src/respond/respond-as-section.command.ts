import type { CommandContext, CommandOutcome } from '@pengaduan/messaging';

/** SOP step 3, second half: a dispositioned section reports back (the officer is a `SEKSI_TERKAIT` of it). */
export interface RespondAsSectionCommand extends CommandContext {
  /** The responding section; must be the officer's own. */
  sectionCode: string;
  /** What the section found or did. */
  response: string;
}

export interface RespondAsSectionResult {
  /** Status `SECTION_PROCESSED` once every dispositioned section has responded. */
  outcome: CommandOutcome;
}
