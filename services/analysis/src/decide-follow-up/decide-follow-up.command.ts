import type { CommandContext } from '@pengaduan/messaging';
import type { FollowUpDecision } from '@pengaduan/sop';

/** SOP step 5: the Kepala Seksi TI decides the follow-up (Keputusan Tindak Lanjut). */
export interface DecideFollowUpCommand extends CommandContext {
  /** Absent when the request left it UNSPECIFIED (refused by the handler). */
  decision: FollowUpDecision | undefined;
  /** Why; the reporter may be told it (step 7), so no personal data of anyone. */
  reason: string;
}
