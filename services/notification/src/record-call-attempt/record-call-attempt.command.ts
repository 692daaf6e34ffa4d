import type { CommandContext } from '@pengaduan/messaging';

/** SOP step 8: Admin Tikkim phoned a reporter no channel could reach and did not reach them (docs/adr/0044). */
export interface RecordCallAttemptCommand extends CommandContext {
  /** A libs/sop `CallAttemptOutcome` (checked by the handler). */
  outcome: string;
  /** `NOT_REACHABLE`: when to call again. */
  retryAt?: Date;
  /** `GIVE_UP`: why no further attempt is made. */
  reason?: string;
}
