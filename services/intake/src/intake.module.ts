import { ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { HealthController, HealthRegistry, type Logger } from '@pengaduan/runtime';
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import type { IntakeConfig } from './config';
import { IntakeGrpcServer } from './grpc/intake-grpc.server';
import { INTAKE_ENTITIES } from './persistence/entities';
import { INTAKE_MIGRATIONS } from './persistence/migrations';
import { RegisterComplaintGrpcController } from './register-complaint/register-complaint.grpc.controller';
import { RegisterComplaintHandler } from './register-complaint/register-complaint.handler';
import { ContactCipher } from './reporter-contact/contact-cipher';

/** Starts the runtime (in the background) and the gRPC server; stops both gracefully. */
class IntakeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly grpc: IntakeGrpcServer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runtime.start();
    await this.grpc.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.grpc.stop();
    await this.runtime.stop();
  }
}

/** Intake's database, migrations and Kafka: shared by the service and its `migrate` command. */
export function intakeRuntimeOptions(config: IntakeConfig, logger: Logger): ServiceRuntimeOptions {
  return {
    service: 'intake',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
  };
}

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig, logger: Logger, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: IntakeModule,
      controllers: [HealthController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(intakeRuntimeOptions(config, logger)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        { provide: ContactCipher, useValue: ContactCipher.fromBase64(config.reporterContactKey) },
        RegisterComplaintHandler,
        RegisterComplaintGrpcController,
        {
          provide: IntakeGrpcServer,
          inject: [RegisterComplaintGrpcController],
          useFactory: (register: RegisterComplaintGrpcController) => new IntakeGrpcServer(config.grpcAddress, logger, register),
        },
        {
          provide: IntakeLifecycle,
          inject: [ServiceRuntime, IntakeGrpcServer],
          useFactory: (rt: ServiceRuntime, grpc: IntakeGrpcServer) => new IntakeLifecycle(rt, grpc),
        },
      ],
      exports: [ServiceRuntime, IntakeGrpcServer, RegisterComplaintHandler],
    };
  }
}
