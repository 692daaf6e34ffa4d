import { CommandServiceLifecycle, ComplaintCommandExecutor, complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { GrpcServiceHost, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { IntakeService } from '@pengaduan/contracts';
import { Module, type DynamicModule } from '@nestjs/common';
import { AppendMessageGrpcController } from './append-message/append-message.grpc.controller';
import { AppendMessageHandler } from './append-message/append-message.handler';
import { INTAKE_EVENT_SOURCE, StateConsumerGroup } from './complaint-state/own-events';
import type { IntakeConfig } from './config';
import { ConfirmComplaintGrpcController } from './confirm-complaint/confirm-complaint.grpc.controller';
import { ConfirmComplaintHandler } from './confirm-complaint/confirm-complaint.handler';
import { DismissComplaintGrpcController } from './dismiss-complaint/dismiss-complaint.grpc.controller';
import { DismissComplaintHandler } from './dismiss-complaint/dismiss-complaint.handler';
import { GetComplaintGrpcController } from './get-complaint/get-complaint.grpc.controller';
import { GetComplaintHandler } from './get-complaint/get-complaint.handler';
import { INTAKE_ENTITIES } from './persistence/entities';
import { INTAKE_MIGRATIONS } from './persistence/migrations';
import { RegisterComplaintGrpcController } from './register-complaint/register-complaint.grpc.controller';
import { RegisterComplaintHandler } from './register-complaint/register-complaint.handler';
import { ContactCipher } from './reporter-contact/contact-cipher';

/**
 * Intake's database, migrations and Kafka: shared by the service and its `migrate` command.
 * Its consumer keeps `complaint_state` (libs/sop state of every complaint) current with the
 * other services' events; `stateConsumerGroup` is `intake` except in tests.
 */
export function intakeRuntimeOptions(config: IntakeConfig, logger: Logger, options: { stateConsumerGroup?: StateConsumerGroup } = {}): ServiceRuntimeOptions {
  const group = options.stateConsumerGroup ?? new StateConsumerGroup();
  return {
    service: 'intake',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: [{ ...complaintStateConsumer(group.groupId), ...group.retry }],
  };
}

export interface IntakeModuleOptions {
  clock?: Clock;
  /** The state consumer group (default `intake`): tests run their own. */
  stateConsumerGroup?: StateConsumerGroup;
}

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig, logger: Logger, options: IntakeModuleOptions = {}): DynamicModule {
    const group = options.stateConsumerGroup ?? new StateConsumerGroup();
    return {
      module: IntakeModule,
      controllers: [HealthController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: StateConsumerGroup, useValue: group },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(intakeRuntimeOptions(config, logger, { stateConsumerGroup: group })) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        { provide: ContactCipher, useValue: ContactCipher.fromBase64(config.reporterContactKey) },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) => intakeCommandExecutor(runtime, clock, group),
        },
        RegisterComplaintHandler,
        RegisterComplaintGrpcController,
        GetComplaintHandler,
        GetComplaintGrpcController,
        ConfirmComplaintHandler,
        ConfirmComplaintGrpcController,
        DismissComplaintHandler,
        DismissComplaintGrpcController,
        AppendMessageHandler,
        AppendMessageGrpcController,
        {
          provide: GrpcServiceHost,
          inject: [RegisterComplaintGrpcController, GetComplaintGrpcController, ConfirmComplaintGrpcController, DismissComplaintGrpcController, AppendMessageGrpcController],
          useFactory: (
            register: RegisterComplaintGrpcController,
            get: GetComplaintGrpcController,
            confirm: ConfirmComplaintGrpcController,
            dismiss: DismissComplaintGrpcController,
            append: AppendMessageGrpcController,
          ) =>
            new GrpcServiceHost(config.grpcAddress, logger).addService(IntakeService, {
              registerComplaint: (request, correlationId) => register.registerComplaint(request, correlationId),
              getComplaint: (request, correlationId) => get.getComplaint(request, correlationId),
              confirmComplaint: (request, correlationId) => confirm.confirmComplaint(request, correlationId),
              dismissComplaint: (request, correlationId) => dismiss.dismissComplaint(request, correlationId),
              appendMessage: (request, correlationId) => append.appendMessage(request, correlationId),
            }),
        },
        {
          provide: CommandServiceLifecycle,
          inject: [ServiceRuntime, GrpcServiceHost],
          useFactory: (rt: ServiceRuntime, grpc: GrpcServiceHost) => new CommandServiceLifecycle(rt, grpc),
        },
      ],
      exports: [ServiceRuntime, GrpcServiceHost, RegisterComplaintHandler, ComplaintCommandExecutor],
    };
  }
}

/**
 * Runs intake's step-2 commands. A complaint intake does not know is not one that has yet to
 * arrive: intake registers every complaint and writes its state in the same transaction, so
 * there is nothing to wait for (`catchUpMs: 0`).
 */
export function intakeCommandExecutor(runtime: ServiceRuntime, clock: Clock, group: StateConsumerGroup): ComplaintCommandExecutor {
  return new ComplaintCommandExecutor({ runtime, source: INTAKE_EVENT_SOURCE, stateConsumerGroup: group.groupId, now: () => clock.now(), catchUpMs: 0 });
}
