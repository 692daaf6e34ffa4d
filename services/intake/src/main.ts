import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadIntakeConfig } from './config';
import { IntakeModule, intakeRuntimeOptions } from './intake.module';

void runService({
  name: 'intake',
  loadConfig: () => loadIntakeConfig(),
  module: (config, logger) => IntakeModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  // The webhooks read their raw body themselves (see rawWebhookBody).
  bodyParser: false,
  migrate: (config, logger) => new ServiceRuntime(intakeRuntimeOptions(config, logger)).migrate(),
});
