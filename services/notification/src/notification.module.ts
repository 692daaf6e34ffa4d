import { NotificationService } from '@pengaduan/contracts';
import { CommandServiceLifecycle, ComplaintCommandExecutor, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { GrpcServiceHost, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { AcknowledgeReporterHandler } from './acknowledge/acknowledge-reporter.handler';
import type { ChannelAdapter } from './channels/channel.port';
import { ChannelRegistry } from './channels/channel-registry';
import type { NotificationConfig } from './config';
import { ConfirmDeliveryGrpcController } from './confirm-delivery/confirm-delivery.grpc.controller';
import { ConfirmDeliveryHandler } from './confirm-delivery/confirm-delivery.handler';
import { ComplaintEventsConsumer, NOTIFICATION_SOURCE, type ConsumerRetry } from './consumers/complaint-events.consumer';
import { NOTIFICATION_ENTITIES } from './persistence/entities';
import { NOTIFICATION_MIGRATIONS } from './persistence/migrations';
import { ReportBack } from './write-follow-up-information/report-back';
import { WriteFollowUpInformationGrpcController } from './write-follow-up-information/write-follow-up-information.grpc.controller';
import { WriteFollowUpInformationHandler } from './write-follow-up-information/write-follow-up-information.handler';

/**
 * notification's database, migrations and Kafka: shared by the service (with its consumer) and
 * its `migrate` command (without).
 */
export function notificationRuntimeOptions(
  config: NotificationConfig,
  logger: Logger,
  consumer?: ComplaintEventsConsumer,
): ServiceRuntimeOptions {
  return {
    service: 'notification',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: NOTIFICATION_ENTITIES, migrations: NOTIFICATION_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: consumer ? [consumer.spec()] : [],
  };
}

export interface NotificationModuleOptions {
  clock?: Clock;
  /** The provider adapters; none yet, so every channel answers not-available (the officer tells the reporter). */
  adapters?: readonly ChannelAdapter[];
  /** The consumer group on the complaint stream (default `notification`); tests, which share the topic, use their own. */
  consumerGroup?: string;
  /** Retries of the consumer before the DLQ (default: the runtime's). */
  consumerRetry?: ConsumerRetry;
}

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig, logger: Logger, options: NotificationModuleOptions = {}): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [HealthController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ChannelRegistry, useValue: new ChannelRegistry(options.adapters ?? []) },
        {
          provide: ComplaintEventsConsumer,
          inject: [ChannelRegistry, Clock],
          useFactory: (channels: ChannelRegistry, clock: Clock) =>
            new ComplaintEventsConsumer(new AcknowledgeReporterHandler(channels, logger), clock, logger, options.consumerGroup, options.consumerRetry),
        },
        {
          provide: ServiceRuntime,
          inject: [ComplaintEventsConsumer],
          useFactory: (consumer: ComplaintEventsConsumer) => new ServiceRuntime(notificationRuntimeOptions(config, logger, consumer)),
        },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock, ComplaintEventsConsumer],
          useFactory: (runtime: ServiceRuntime, clock: Clock, consumer: ComplaintEventsConsumer) =>
            new ComplaintCommandExecutor({
              runtime,
              source: NOTIFICATION_SOURCE,
              stateConsumerGroup: consumer.groupId,
              now: () => clock.now(),
            }),
        },
        {
          provide: ReportBack,
          inject: [ServiceRuntime, ChannelRegistry, ComplaintCommandExecutor],
          useFactory: (runtime: ServiceRuntime, channels: ChannelRegistry, executor: ComplaintCommandExecutor) =>
            new ReportBack(runtime, channels, executor, logger),
        },
        WriteFollowUpInformationHandler,
        WriteFollowUpInformationGrpcController,
        ConfirmDeliveryHandler,
        ConfirmDeliveryGrpcController,
        {
          provide: GrpcServiceHost,
          inject: [WriteFollowUpInformationGrpcController, ConfirmDeliveryGrpcController],
          useFactory: (write: WriteFollowUpInformationGrpcController, confirm: ConfirmDeliveryGrpcController) =>
            new GrpcServiceHost(config.grpcAddress, logger).addService(NotificationService, {
              writeFollowUpInformation: (request, correlationId) => write.writeFollowUpInformation(request, correlationId),
              confirmDelivery: (request, correlationId) => confirm.confirmDelivery(request, correlationId),
            }),
        },
        {
          provide: CommandServiceLifecycle,
          inject: [ServiceRuntime, GrpcServiceHost],
          useFactory: (rt: ServiceRuntime, grpc: GrpcServiceHost) => new CommandServiceLifecycle(rt, grpc),
        },
      ],
      exports: [ServiceRuntime, GrpcServiceHost, ComplaintEventsConsumer, WriteFollowUpInformationHandler, ConfirmDeliveryHandler],
    };
  }
}
