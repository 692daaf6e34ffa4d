import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { runService } from '@pengaduan/runtime';
import { runGatewayCli } from './cli';
import { loadGatewayConfig } from './config';
import { GatewayModule, gatewayRuntimeOptions } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

// `main.js user …` and `main.js seed-demo` manage officers' accounts, `main.js office-client …` the
// public gRPC API's clients; anything else is runService's.
const command = process.argv[2];
if (command === 'user' || command === 'seed-demo' || command === 'office-client') {
  void runGatewayCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  void runService({
    name: 'gateway',
    loadConfig: () => loadGatewayConfig(),
    module: (config, logger) => GatewayModule.forRoot(config, logger),
    http: (config) => ({ host: config.httpHost, port: config.httpPort }),
    migrate: (config, logger) => new ServiceRuntime(gatewayRuntimeOptions(config, logger)).migrate(),
    configure: (app, logger, config) => configureGatewayHttp(app, logger, config),
  });
}
