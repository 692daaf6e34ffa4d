import 'reflect-metadata';
import { createLogger, NestJsonLogger } from '@pengaduan/runtime';
import { NestFactory } from '@nestjs/core';
import { loadIntakeConfig } from './config';
import { IntakeModule } from './intake.module';

async function bootstrap(): Promise<void> {
  const logger = createLogger('intake');
  let config;
  try {
    config = loadIntakeConfig();
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(78); // EX_CONFIG
  }
  const app = await NestFactory.create(IntakeModule.forRoot(config, logger), { logger: new NestJsonLogger(logger) });
  app.enableShutdownHooks();
  await app.listen(config.httpPort, config.httpHost);
  logger.info({ http: `${config.httpHost}:${config.httpPort}`, grpc: config.grpcAddress }, 'intake started');
}

void bootstrap();
