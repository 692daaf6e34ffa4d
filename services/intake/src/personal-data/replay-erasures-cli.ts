import { withIntakeDataSource } from '../cli-data-source';
import type { IntakeServiceConfig } from '../config';
import { intakeKeys } from '../reporter-contact/intake-keys';
import { replayErasures, type ErasureReplay } from './replay-erasures';

/**
 * `main.js replay-erasures` (docs/adr/0057): after a restore of both the data and the key store to
 * a copy older than an erasure, reads the complaint topic from its beginning and re-applies every
 * `complaint.personal-data-erased` of intake to the restored ledgers. Run it before intake serves
 * again; it is idempotent, so running it again (or on data restored to after the erasures) changes
 * nothing. Prints counts only.
 */
export async function runReplayErasures(config: IntakeServiceConfig, out: (line: string) => void, err: (line: string) => void): Promise<ErasureReplay> {
  return withIntakeDataSource(config, async (ds) => {
    const replay = await replayErasures(ds, intakeKeys(config).cipher, { brokers: config.kafkaBrokers, ...(config.kafkaSecurity ? { security: config.kafkaSecurity } : {}), log: err });
    out(
      `replay-erasures: ${replay.events} erasure event(s) in the log; ${replay.reapplied} re-applied (${replay.keysDestroyedAgain} key(s) destroyed again); ${replay.unknownComplaints} name a complaint the data does not hold`,
    );
    return replay;
  });
}
