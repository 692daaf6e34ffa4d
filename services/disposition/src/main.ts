import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadDispositionConfig } from './config';
import { DispositionModule, dispositionRuntimeOptions } from './disposition.module';

void runService({
  name: 'disposition',
  loadConfig: () => loadDispositionConfig(),
  module: (config, logger) => DispositionModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(dispositionRuntimeOptions(config, logger)).migrate(),
});
