import { TeamDecreeService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, type Clock } from '@pengaduan/runtime';
import { startStepService, type MethodsOf, type StepServiceApp } from '@pengaduan/testing';
import { teamDecreeService } from '../service-entry';
import { TeamDecreeModule, teamDecreeStateConsumer } from '../team-decree.module';

const logger = createLogger('team-decree-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** team-decree as main.ts starts it, on free ports, with a schema and a consumer group of its own. */
export type TestTeamDecree = StepServiceApp<MethodsOf<typeof TeamDecreeService>, ServiceRuntime>;

export function startTeamDecree(options: { clock?: Clock } = {}): Promise<TestTeamDecree> {
  return startStepService({
    entry: teamDecreeService,
    service: TeamDecreeService,
    logger,
    config: (base) => base,
    module: (config, consumer) => TeamDecreeModule.forRoot(config, logger, { clock: options.clock, consumer }),
    runtime: (app) => app.get(ServiceRuntime),
    folder: (runtime, group) => {
      const consumer = teamDecreeStateConsumer(group);
      return (event) => runtime.dataSource.transaction((tx) => consumer.handler(event, tx));
    },
  });
}
