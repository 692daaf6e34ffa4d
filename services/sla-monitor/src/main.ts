import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadSlaMonitorConfig } from './config';
import { SlaMonitorModule, slaMonitorRuntimeOptions } from './sla-monitor.module';

void runService({
  name: 'sla-monitor',
  loadConfig: () => loadSlaMonitorConfig(),
  module: (config, logger) => SlaMonitorModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(slaMonitorRuntimeOptions(config, logger)).migrate(),
});
