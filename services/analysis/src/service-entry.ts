import { AnalysisService, ComplaintDocumentsService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadAnalysisConfig, type AnalysisConfig } from './config';
import { AnalysisModule, analysisRuntimeOptions } from './analysis.module';

/** analysis as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const analysisService: ServiceEntry<AnalysisConfig> = {
  name: 'analysis',
  loadConfig: (env) => loadAnalysisConfig(env),
  module: (config, logger) => AnalysisModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [AnalysisService, ComplaintDocumentsService] }),
  migrate: (config, logger) => new ServiceRuntime(analysisRuntimeOptions(config, logger)).migrate(),
};
