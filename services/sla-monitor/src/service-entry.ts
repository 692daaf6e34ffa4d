import { SlaMonitorService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadSlaMonitorConfig, type SlaMonitorConfig } from './config';
import { SlaMonitorModule, slaMonitorRuntimeOptions } from './sla-monitor.module';

/** sla-monitor as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const slaMonitorService: ServiceEntry<SlaMonitorConfig> = {
  name: 'sla-monitor',
  loadConfig: (env) => loadSlaMonitorConfig(env),
  module: (config, logger) => SlaMonitorModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [SlaMonitorService] }),
  migrate: (config, logger) => new ServiceRuntime(slaMonitorRuntimeOptions(config, logger)).migrate(),
};
