import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { AnalysisModule, analysisRuntimeOptions } from './analysis.module';
import { loadAnalysisConfig } from './config';

void runService({
  name: 'analysis',
  loadConfig: () => loadAnalysisConfig(),
  module: (config, logger) => AnalysisModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(analysisRuntimeOptions(config, logger)).migrate(),
});
