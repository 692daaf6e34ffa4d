import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { loadGatewayConfig } from './config';
import { GatewayModule, gatewayRuntimeOptions } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

void runService({
  name: 'gateway',
  loadConfig: () => loadGatewayConfig(),
  module: (config, logger) => GatewayModule.forRoot(config, logger),
  http: (config) => ({ host: config.httpHost, port: config.httpPort }),
  migrate: (config, logger) => new ServiceRuntime(gatewayRuntimeOptions(config, logger)).migrate(),
  configure: configureGatewayHttp,
});
