import { ComplaintDocumentsService, IntakeService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadIntakeConfig, type IntakeServiceConfig } from './config';
import { IntakeModule, intakeRuntimeOptions } from './intake.module';

/** intake as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const intakeService: ServiceEntry<IntakeServiceConfig> = {
  name: 'intake',
  loadConfig: (env) => loadIntakeConfig(env),
  module: (config, logger) => IntakeModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  grpc: (config) => ({ address: config.grpcAddress, tls: config.grpcTls, services: [IntakeService, ComplaintDocumentsService] }),
  // The webhooks read their raw body themselves (see rawWebhookBody).
  bodyParser: false,
  migrate: (config, logger) => new ServiceRuntime(intakeRuntimeOptions(config, logger)).migrate(),
};
