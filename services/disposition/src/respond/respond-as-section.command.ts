import type { CheckedCommandContext, CommandOutcome } from '@pengaduan/messaging';

/** SOP step 3, second half: a dispositioned section reports back. */
export interface RespondAsSectionCommand {
  /** The officer (a `SEKSI_TERKAIT` of the section), the complaint and the idempotency key. */
  context: CheckedCommandContext;
  /** The responding section; must be the officer's own. */
  sectionCode: string;
  /** What the section found or did. */
  response: string;
  correlationId: string;
}

export interface RespondAsSectionResult {
  /** Status `SECTION_PROCESSED` once every dispositioned section has responded. */
  outcome: CommandOutcome;
}
