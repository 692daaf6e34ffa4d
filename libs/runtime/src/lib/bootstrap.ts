import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
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
}

/**
 * The service's Nest application, configured and not yet listening: what runService serves, and
 * what the embedded platform (services/platform) starts one of per service in its one process.
 * Every response carries the security headers ({@link securityHeaders}). `abortOnError: false`
 * makes a failing start-up throw instead of ending the process.
 */
export async function createServiceApp<C>(entry: ServiceEntry<C>, config: C, logger: Logger, options: { abortOnError?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(entry.module(config, logger), {
    logger: new NestJsonLogger(logger),
    bodyParser: entry.bodyParser ?? true,
    ...(options.abortOnError === undefined ? {} : { abortOnError: options.abortOnError }),
  });
  secureHttp(app);
  entry.configure?.(app, logger, config);
  return app;
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
    const app = await createServiceApp(entry, config, logger);
    // Exit 0 once every hook ran rather than re-raising the signal.
    app.enableShutdownHooks([], { useProcessExit: true });
    const { host, port } = entry.http(config);
    await app.listen(port, host);
    logger.info({ http: `${host}:${port}` }, `${entry.name} started`);
  } catch (err) {
    logger.fatal({ err: { message: (err as Error).message, stack: (err as Error).stack } }, `${entry.name} failed to start`);
    process.exit(1);
  }
}
