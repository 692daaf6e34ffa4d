import { ComplaintDocumentsService, DispositionService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadDispositionConfig, type DispositionConfig } from './config';
import { DispositionModule, dispositionRuntimeOptions } from './disposition.module';

/** disposition as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const dispositionService: ServiceEntry<DispositionConfig> = {
  name: 'disposition',
  loadConfig: (env) => loadDispositionConfig(env),
  module: (config, logger) => DispositionModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [DispositionService, ComplaintDocumentsService] }),
  migrate: (config, logger) => new ServiceRuntime(dispositionRuntimeOptions(config, logger)).migrate(),
};
