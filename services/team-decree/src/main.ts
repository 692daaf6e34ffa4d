import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadTeamDecreeConfig } from './config';
import { TeamDecreeModule, teamDecreeRuntimeOptions } from './team-decree.module';

void runService({
  name: 'team-decree',
  loadConfig: () => loadTeamDecreeConfig(),
  module: (config, logger) => TeamDecreeModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(teamDecreeRuntimeOptions(config, logger)).migrate(),
});
