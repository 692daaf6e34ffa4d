import 'reflect-metadata';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, NestJsonLogger } from '@pengaduan/runtime';
import { NestFactory } from '@nestjs/core';
import { loadIntakeConfig, type IntakeConfig } from './config';
import { IntakeModule, intakeRuntimeOptions } from './intake.module';

/** `main.js` serves; `main.js migrate` applies pending migrations and exits. */
async function bootstrap(): Promise<void> {
  const logger = createLogger('intake');
  let config: IntakeConfig;
  try {
    config = loadIntakeConfig();
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(78); // EX_CONFIG
  }
  if (process.argv[2] === 'migrate') {
    await new ServiceRuntime(intakeRuntimeOptions(config, logger)).migrate();
    logger.info('migrations up to date');
    return;
  }
  const app = await NestFactory.create(IntakeModule.forRoot(config, logger), { logger: new NestJsonLogger(logger) });
  app.enableShutdownHooks();
  await app.listen(config.httpPort, config.httpHost);
  logger.info({ http: `${config.httpHost}:${config.httpPort}`, grpc: config.grpcAddress }, 'intake started');
}

bootstrap().catch((err: Error) => {
  createLogger('intake').fatal({ err: { message: err.message, stack: err.stack } }, 'intake failed to start');
  process.exit(1);
});
