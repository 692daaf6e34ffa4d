import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { connectInternalGrpc, type InternalGrpcOptions, type InternalGrpcServer } from './grpc-server';
import { createLogger, type Logger } from './logger';
import { NestJsonLogger } from './nest-logger';
import { securityHeaders } from './security-headers';

export interface ServiceEntry<C> {
  name: string;
  /**
   * Reads and validates the environment (the process's, or the one the embedded platform gives the
   * service); throws a ConfigError naming every problem.
   */
  loadConfig: (env: NodeJS.ProcessEnv) => C;
  /** The root module of the service. */
  module: (config: C, logger: Logger) => DynamicModule;
  /** Where the HTTP server (health, REST) listens. */
  http: (config: C) => { host: string; port: number };
  /** Applies pending migrations (the `migrate` command). */
  migrate: (config: C, logger: Logger) => Promise<void>;
  /** Express settings before listening (middleware, OpenAPI). */
  configure?: (app: NestExpressApplication, logger: Logger, config: C) => void;
  /**
   * Nest's JSON and form body parsers (default on). Off for a service whose HTTP endpoints read
   * the raw body themselves (intake's webhooks: signatures are over the bytes as sent).
   */
  bodyParser?: boolean;
  /**
   * The service's internal gRPC API, when it has one (docs/adr/0036): where it binds, its mutual
   * TLS, and the generated services its @GrpcMethod controllers implement.
   */
  grpc?: (config: C) => InternalGrpcOptions;
}

/** A service's Nest application, started: see {@link startServiceApp}. */
export interface StartedService {
  readonly app: NestExpressApplication;
  /** The port its internal gRPC API is bound to (the OS's choice for port 0), when it has one. */
  readonly grpcPort?: number;
}

/**
 * The service's Nest application, started: what runService serves, what the embedded platform
 * (services/platform) starts one of per service in its one process, and what the tests start
 * (with a root `module` of their own: a schema, a consumer group, a clock). Its lifecycle hooks
 * run first (the runtime starts connecting, so the health endpoints answer at once), then its
 * internal gRPC API binds, then HTTP listens; closing the app stops them all. Every response
 * carries the security headers ({@link securityHeaders}). `abortOnError: false` makes a failing
 * start-up throw instead of ending the process.
 */
export async function startServiceApp<C>(entry: ServiceEntry<C>, config: C, logger: Logger, options: { abortOnError?: boolean; module?: DynamicModule } = {}): Promise<StartedService> {
  const app = await NestFactory.create<NestExpressApplication>(options.module ?? entry.module(config, logger), {
    logger: new NestJsonLogger(logger),
    bodyParser: entry.bodyParser ?? true,
    ...(options.abortOnError === undefined ? {} : { abortOnError: options.abortOnError }),
  });
  secureHttp(app);
  entry.configure?.(app, logger, config);
  let grpc: InternalGrpcServer | undefined;
  try {
    if (entry.grpc) grpc = connectInternalGrpc(app, entry.grpc(config), logger);
    await app.init();
    await app.startAllMicroservices();
    const { host, port } = entry.http(config);
    await app.listen(port, host);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return { app, ...(grpc ? { grpcPort: grpc.port } : {}) };
}

/** What every service's HTTP server does before its own settings: the security headers on every response. */
export function secureHttp(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(securityHeaders());
}

/**
 * The `main.ts` of every service: `node main.js` serves, `node main.js migrate` applies
 * pending migrations and exits. A configuration error exits 78 (EX_CONFIG) with every problem
 * named; SIGTERM/SIGINT run every shutdown hook (drain consumers, flush the outbox) and exit 0.
 */
export async function runService<C>(entry: ServiceEntry<C>): Promise<void> {
  const logger = createLogger(entry.name);
  try {
    let config: C;
    try {
      config = entry.loadConfig(process.env);
    } catch (err) {
      logger.fatal((err as Error).message);
      process.exit(78);
    }
    if (process.argv[2] === 'migrate') {
      await entry.migrate(config, logger);
      logger.info('migrations up to date');
      return;
    }
    const { app } = await startServiceApp(entry, config, logger);
    // Exit 0 once every hook ran rather than re-raising the signal.
    app.enableShutdownHooks([], { useProcessExit: true });
    const { host, port } = entry.http(config);
    logger.info({ http: `${host}:${port}` }, `${entry.name} started`);
  } catch (err) {
    logger.fatal({ err: { message: (err as Error).message, stack: (err as Error).stack } }, `${entry.name} failed to start`);
    process.exit(1);
  }
}
