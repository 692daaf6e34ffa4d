import type { CommandContext } from '@pengaduan/messaging';

/**
 * Admin Tikkim phoned a reporter about a notice no channel delivered and did not reach them: step
 * 8's information (docs/adr/0044) or the acknowledgement (docs/adr/0051).
 */
export interface RecordCallAttemptCommand extends CommandContext {
  /** A libs/sop `NotificationPurpose` (checked by the handler); absent: step 8's information. */
  purpose?: string;
  /** A libs/sop `CallAttemptOutcome` (checked by the handler). */
  outcome: string;
  /** `NOT_REACHABLE`: when to call again. */
  retryAt?: Date;
  /** `GIVE_UP`: why no further attempt is made. */
  reason?: string;
}
