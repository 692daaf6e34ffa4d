import { ComplaintDocumentsService, TeamDecreeService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadTeamDecreeConfig, type TeamDecreeConfig } from './config';
import { TeamDecreeModule, teamDecreeRuntimeOptions } from './team-decree.module';

/** team-decree as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const teamDecreeService: ServiceEntry<TeamDecreeConfig> = {
  name: 'team-decree',
  loadConfig: (env) => loadTeamDecreeConfig(env),
  module: (config, logger) => TeamDecreeModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [TeamDecreeService, ComplaintDocumentsService] }),
  migrate: (config, logger) => new ServiceRuntime(teamDecreeRuntimeOptions(config, logger)).migrate(),
};
