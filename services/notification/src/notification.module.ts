import { complaintDocumentsGrpcService, documentKindsProducedBy, OfficeProfileClient } from '@pengaduan/documents';
import { ComplaintDocumentsService } from '@pengaduan/contracts';
import { CommandServiceLifecycle, ComplaintCommandExecutor, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { grpcServiceController, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ChannelAdapter } from './channels/channel.port';
import { ChannelRegistry } from './channels/channel-registry';
import type { NotificationServiceConfig } from './config';
import { ConfirmDeliveryGrpcController } from './confirm-delivery/confirm-delivery.grpc.controller';
import { ConfirmDeliveryHandler } from './confirm-delivery/confirm-delivery.handler';
import { RecordCallAttemptGrpcController } from './record-call-attempt/record-call-attempt.grpc.controller';
import { RecordCallAttemptHandler } from './record-call-attempt/record-call-attempt.handler';
import { ComplaintEventsConsumer, NOTIFICATION_SOURCE, type ConsumerRetry } from './consumers/complaint-events.consumer';
import { describeChannelSettings, outboundProviders, type OutboundProvider } from '@pengaduan/channels';
import { IntakeDirectoryClient, IntakeReporterDirectory } from './channels/intake-reporter-directory';
import { ProviderChannelAdapter } from './channels/provider-channel.adapter';
import type { ReporterDirectory } from './channels/channel.port';
import { DeliveryDispatcher } from './deliver-notification/delivery-dispatcher';
import { FallbackPolicy } from './deliver-notification/outbound-notifications';
import { RecordDeliveryReceiptsGrpcController } from './record-receipts/record-delivery-receipts.grpc.controller';
import { RecordDeliveryReceiptsHandler } from './record-receipts/record-delivery-receipts.handler';
import { MessageTemplates } from './message-templates/message-templates';
import { MessageTemplatesGrpcController } from './message-templates/message-templates.grpc.controller';
import { ComplaintStatusMessages } from './status-messages/complaint-status-messages';
import { StatusMessages } from './status-messages/status-messages';
import { StatusMessagesGrpcController } from './status-messages/status-messages.grpc.controller';
import { NOTIFICATION_ENTITIES } from './persistence/entities';
import { NOTIFICATION_MIGRATIONS } from './persistence/migrations';
import { FollowUpInformationGrpcController } from './write-follow-up-information/follow-up-information.grpc.controller';
import { FollowUpInformationQuery } from './write-follow-up-information/follow-up-information.query';
import { WriteFollowUpInformationGrpcController } from './write-follow-up-information/write-follow-up-information.grpc.controller';
import { WriteFollowUpInformationHandler } from './write-follow-up-information/write-follow-up-information.handler';

/**
 * notification's database, migrations and Kafka: shared by the service (with its consumer) and
 * its `migrate` command (without).
 */
export function notificationRuntimeOptions(
  config: Pick<NotificationServiceConfig, 'databaseUrl' | 'databaseSchema' | 'kafkaBrokers' | 'eventSigning' | 'kafkaSecurity'>,
  logger: Logger,
  consumer?: ComplaintEventsConsumer,
): ServiceRuntimeOptions {
  return {
    service: 'notification',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: NOTIFICATION_ENTITIES, migrations: NOTIFICATION_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: consumer ? [consumer.spec()] : [],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

export interface NotificationModuleOptions {
  clock?: Clock;
  /**
   * The channel adapters (default: one per configured provider, over libs/channels); a channel
   * without one answers not-available and the message goes on to the next channel.
   */
  adapters?: readonly ChannelAdapter[];
  /** Where adapters find reporters' addresses (default: intake over gRPC). */
  directory?: ReporterDirectory;
  /** The consumer group on the complaint stream (default `notification`); tests, which share the topic, use their own. */
  consumerGroup?: string;
  /** Retries of the consumer before the DLQ (default: the runtime's). */
  consumerRetry?: ConsumerRetry;
}

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationServiceConfig, logger: Logger, options: NotificationModuleOptions = {}): DynamicModule {
    const clock = options.clock ?? new SystemClock();
    const policy = new FallbackPolicy(config.fallbackChannels);
    for (const line of describeChannelSettings(config.channels)) {
      if (line.provider !== 'web-form') logger.info({ provider: line.provider, channel: line.state }, `channel ${line.provider}: ${line.state} (${line.detail})`);
    }
    // intake: reporters' addresses for the channels, and the screening of officers' texts (docs/adr/0023).
    const intake = new IntakeDirectoryClient(config.intakeGrpcUrl, logger, config.grpcTls);
    const adapters = (): ChannelAdapter[] => {
      if (options.adapters) return [...options.adapters];
      const directory = options.directory ?? new IntakeReporterDirectory(intake);
      const providers = outboundProviders(config.channels).filter(
        (p: OutboundProvider) => p.channel !== 'SMS' || !config.smsProvider || p.id === config.smsProvider,
      );
      return providers.map((p) => new ProviderChannelAdapter(p, directory, () => clock.now(), config.channels.publicBaseUrl));
    };
    let dispatcherRef: DeliveryDispatcher | undefined;
    return {
      module: NotificationModule,
      controllers: [
        HealthController,
        WriteFollowUpInformationGrpcController,
        ConfirmDeliveryGrpcController,
        RecordCallAttemptGrpcController,
        RecordDeliveryReceiptsGrpcController,
        // The offices' texts of the messages to reporters (docs/adr/0050).
        MessageTemplatesGrpcController,
        // Which status messages the office sends (docs/adr/0054).
        StatusMessagesGrpcController,
        // The follow-up information's text, to post on SP4N-LAPOR! (docs/adr/0055).
        FollowUpInformationGrpcController,
        grpcServiceController(ComplaintDocumentsService, {
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => complaintDocumentsGrpcService(() => rt.dataSource, documentKindsProducedBy('notification')),
        }),
      ],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: FallbackPolicy, useValue: policy },
        { provide: IntakeDirectoryClient, useValue: intake },
        { provide: ChannelRegistry, useFactory: () => new ChannelRegistry(adapters()) },
        {
          provide: ComplaintEventsConsumer,
          useFactory: () => new ComplaintEventsConsumer(policy, clock, logger, options.consumerGroup, options.consumerRetry, () => dispatcherRef?.wake()),
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
          provide: DeliveryDispatcher,
          inject: [ServiceRuntime, ChannelRegistry, ComplaintEventsConsumer],
          useFactory: (runtime: ServiceRuntime, channels: ChannelRegistry, consumer: ComplaintEventsConsumer) =>
            (dispatcherRef = new DeliveryDispatcher(
              runtime,
              channels,
              clock,
              logger,
              consumer.groupId,
              { maxAttempts: config.maxAttempts, baseDelayMs: config.retryBaseMs, maxDelayMs: 5 * 60_000 },
              config.pollMs,
            )),
        },
        {
          provide: RecordDeliveryReceiptsHandler,
          inject: [ServiceRuntime, ComplaintEventsConsumer, DeliveryDispatcher],
          useFactory: (runtime: ServiceRuntime, consumer: ComplaintEventsConsumer, dispatcher: DeliveryDispatcher) =>
            new RecordDeliveryReceiptsHandler(runtime, clock, logger, consumer.groupId, () => dispatcher.wake()),
        },
        {
          provide: WriteFollowUpInformationHandler,
          inject: [ComplaintCommandExecutor, DeliveryDispatcher],
          useFactory: (executor: ComplaintCommandExecutor, dispatcher: DeliveryDispatcher) =>
            new WriteFollowUpInformationHandler(executor, policy, dispatcher, new OfficeProfileClient(intake), intake),
        },
        ConfirmDeliveryHandler,
        RecordCallAttemptHandler,
        MessageTemplates,
        StatusMessages,
        ComplaintStatusMessages,
        FollowUpInformationQuery,
        {
          provide: CommandServiceLifecycle,
          inject: [ServiceRuntime, DeliveryDispatcher],
          useFactory: (rt: ServiceRuntime, dispatcher: DeliveryDispatcher) => new CommandServiceLifecycle(rt, [dispatcher]),
        },
      ],
      exports: [ServiceRuntime, ComplaintEventsConsumer, WriteFollowUpInformationHandler, ConfirmDeliveryHandler, DeliveryDispatcher, RecordDeliveryReceiptsHandler],
    };
  }
}
