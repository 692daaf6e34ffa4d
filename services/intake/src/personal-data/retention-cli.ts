import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, SystemClock } from '@pengaduan/runtime';
import { StateConsumerGroup } from '../complaint-state/own-events';
import type { IntakeServiceConfig } from '../config';
import { intakeCommandExecutor, intakeRuntimeOptions } from '../intake.module';
import { intakeKeys } from '../reporter-contact/intake-keys';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { applyRetention, type RetentionRun } from './retention';

/**
 * `main.js apply-retention`: one run of the daily retention job now (docs/adr/0057), with intake's
 * own environment: its database, keys and broker (its events go out through the outbox, flushed
 * before the command ends). Safe beside running replicas, like the job itself.
 */
export async function runRetentionNow(config: IntakeServiceConfig, out: (line: string) => void): Promise<RetentionRun> {
  const logger = createLogger('intake-retention', 'warn');
  const group = new StateConsumerGroup();
  const runtime = new ServiceRuntime({ ...intakeRuntimeOptions(config, logger, { stateConsumerGroup: group }), consumers: [] });
  runtime.start();
  try {
    await runtime.ready();
    const clock = new SystemClock();
    const handler = new ErasePersonalDataHandler(intakeCommandExecutor(runtime, clock, group), intakeKeys(config).cipher);
    const run = await applyRetention(runtime.dataSource, (c) => handler.execute(c), clock.now(), { days: config.personalDataRetentionDays });
    out(`apply-retention: ${run.erased.length} complaint(s) erased by their offices' periods (default ${config.personalDataRetentionDays} days); destruction records: ${run.records.map((r) => `${r.number} (${r.complaints})`).join(', ') || 'none'}`);
    return run;
  } finally {
    await runtime.stop();
  }
}
