import { ServiceRuntime } from '@pengaduan/messaging';
import type { ServiceEntry } from '@pengaduan/runtime';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { GatewayModule, gatewayRuntimeOptions } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

/** The gateway as a service: what its main.ts runs, and what the embedded platform starts in its one process. */
export const gatewayService: ServiceEntry<GatewayConfig> = {
  name: 'gateway',
  loadConfig: (env) => loadGatewayConfig(env),
  module: (config, logger) => GatewayModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(gatewayRuntimeOptions(config, logger)).migrate(),
  configure: (app, logger, config) => configureGatewayHttp(app, logger, config),
};
