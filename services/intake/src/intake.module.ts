import { complaintDocumentsGrpcService, documentKindsProducedBy } from '@pengaduan/documents';
import { CommandServiceLifecycle, ComplaintCommandExecutor, complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { grpcServiceController, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { ComplaintDocumentsService } from '@pengaduan/contracts';
import { describeChannelSettings, inboundProviders, mediaFetchers, type InboundProvider, type MediaFetcher } from '@pengaduan/channels';
import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ChannelWebhooksHttpController, PublicBaseUrl } from './channel-webhooks/channel-webhooks.http.controller';
import { rawWebhookBody } from './channel-webhooks/raw-body.middleware';
import { ReceiveWebhookHandler } from './channel-webhooks/receive-webhook.handler';
import { WebFormInbound } from './channel-webhooks/web-form.inbound';
import { WebFormStatusQuery } from './channel-webhooks/web-form-status.query';
import { NotificationReceiptsClient, ReceiptForwarder } from './delivery-receipts/receipt-forwarder';
import { MediaFetchWorker } from './inbound-media/media-fetch-worker';
import { InboundProcessor } from './inbound-messages/inbound-processor';
import { SenderDigest } from './inbound-messages/sender-digest';
import { ResolveReporterAddressGrpcController } from './resolve-reporter-address/resolve-reporter-address.grpc.controller';
import { ResolveReporterAddressHandler } from './resolve-reporter-address/resolve-reporter-address.handler';
import { AppendMessageGrpcController } from './append-message/append-message.grpc.controller';
import { TransferComplaintGrpcController } from './transfer-complaint/transfer-complaint.grpc.controller';
import { TransferComplaintHandler } from './transfer-complaint/transfer-complaint.handler';
import { VerifyReporterGrpcController } from './verify-reporter/verify-reporter.grpc.controller';
import { VerifyReporterHandler } from './verify-reporter/verify-reporter.handler';
import { ScreenOfficerTextGrpcController } from './screen-officer-text/screen-officer-text.grpc.controller';
import { ScreenOfficerTextHandler } from './screen-officer-text/screen-officer-text.handler';
import { AppendMessageHandler } from './append-message/append-message.handler';
import { INTAKE_EVENT_SOURCE, StateConsumerGroup } from './complaint-state/own-events';
import type { IntakeServiceConfig } from './config';
import { ConfirmComplaintGrpcController } from './confirm-complaint/confirm-complaint.grpc.controller';
import { ConfirmComplaintHandler } from './confirm-complaint/confirm-complaint.handler';
import { DismissComplaintGrpcController } from './dismiss-complaint/dismiss-complaint.grpc.controller';
import { DismissComplaintHandler } from './dismiss-complaint/dismiss-complaint.handler';
import { AppealWindows } from './rate-complaint/appeal-window';
import { AppealWindowGrpcController } from './rate-complaint/appeal-window.grpc.controller';
import { ComplaintFeedbackGrpcController } from './rate-complaint/complaint-feedback.grpc.controller';
import { ComplaintFeedbackHandler } from './rate-complaint/complaint-feedback.handler';
import { ReporterFeedbackGrpcController } from './rate-complaint/reporter-feedback.grpc.controller';
import { GetComplaintGrpcController } from './get-complaint/get-complaint.grpc.controller';
import { GetComplaintHandler } from './get-complaint/get-complaint.handler';
import { ListContactReadsGrpcController } from './processing-record/list-contact-reads.grpc.controller';
import { ListContactReadsHandler } from './processing-record/list-contact-reads.handler';
import { OfficeProfileGrpcController } from './office-profile/office-profile.grpc.controller';
import { OfficeProfileVersions } from './office-profile/office-profile-versions';
import { DestructionRecordsGrpcController } from './personal-data/destruction-records.grpc.controller';
import { ErasePersonalDataGrpcController } from './personal-data/erase-personal-data.grpc.controller';
import { ErasePersonalDataHandler } from './personal-data/erase-personal-data.handler';
import { ErasureVacuum } from './personal-data/erasure-vacuum';
import { PersonalDataUpkeep } from './personal-data/personal-data-upkeep';
import { RetentionWorker } from './personal-data/retention-worker';
import { RetentionPolicies } from './personal-data/retention-policy';
import { RetentionPolicyGrpcController } from './personal-data/retention-policy.grpc.controller';
import { UpdateOfficeProfileHandler } from './office-profile/update-office-profile.handler';
import { ListProblemMessagesHandler } from './problem-messages/list-problem-messages.handler';
import { ProblemMessageActionsHandler } from './problem-messages/problem-message-actions.handler';
import { ProblemMessageOffices } from './problem-messages/problem-message-offices';
import { ProblemMessagesGrpcController } from './problem-messages/problem-messages.grpc.controller';
import { AccessRequestsHandler } from './data-subject-rights/access-requests.handler';
import { ContactRightsHandler } from './data-subject-rights/contact-rights.handler';
import { DataSubjectRightsGrpcController } from './data-subject-rights/data-subject-rights.grpc.controller';
import { SearchComplaintTextsGrpcController } from './search-complaint-texts/search-complaint-texts.grpc.controller';
import { SearchComplaintTextsHandler } from './search-complaint-texts/search-complaint-texts.handler';
import { INTAKE_ENTITIES } from './persistence/entities';
import { INTAKE_MIGRATIONS } from './persistence/migrations';
import { RegisterComplaintGrpcController } from './register-complaint/register-complaint.grpc.controller';
import { RegisterComplaintHandler } from './register-complaint/register-complaint.handler';
import { ContactCipher } from './reporter-contact/contact-cipher';
import { intakeKeys } from './reporter-contact/intake-keys';

/**
 * Intake's database, migrations and Kafka: shared by the service and its `migrate` command.
 * Its consumer keeps `complaint_state` (libs/sop state of every complaint) current with the
 * other services' events; `stateConsumerGroup` is `intake` except in tests.
 */
export function intakeRuntimeOptions(config: Pick<IntakeServiceConfig, 'databaseUrl' | 'databaseSchema' | 'kafkaBrokers' | 'eventSigning' | 'kafkaSecurity'>, logger: Logger, options: { stateConsumerGroup?: StateConsumerGroup } = {}): ServiceRuntimeOptions {
  const group = options.stateConsumerGroup ?? new StateConsumerGroup();
  return {
    service: 'intake',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: [{ ...complaintStateConsumer(group.groupId), ...group.retry }],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

export interface IntakeModuleOptions {
  clock?: Clock;
  /** The channels' webhooks (default: every configured provider's, plus the web form when it is on). */
  inboundProviders?: readonly InboundProvider[];
  /** The channels' media fetchers (default: every configured provider's). */
  mediaFetchers?: readonly MediaFetcher[];
  /** The state consumer group (default `intake`): tests run their own. */
  stateConsumerGroup?: StateConsumerGroup;
}

/** The webhook body limit the module's middleware applies (set by forRoot). */
class WebhookBodyLimit {
  constructor(readonly bytes: number) {}
}

@Module({})
export class IntakeModule implements NestModule {
  constructor(
    private readonly limit: WebhookBodyLimit,
    private readonly webhooks: ReceiveWebhookHandler,
  ) {}

  /** Webhooks read their raw body themselves (intake runs without Nest's body parsers). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rawWebhookBody(this.limit.bytes, (provider) => void this.webhooks.count(provider, 'TOO_LARGE'))).forRoutes(ChannelWebhooksHttpController);
  }

  static forRoot(config: IntakeServiceConfig, logger: Logger, options: IntakeModuleOptions = {}): DynamicModule {
    const group = options.stateConsumerGroup ?? new StateConsumerGroup();
    const inbound = options.inboundProviders ?? [
      ...inboundProviders(config.channels),
      ...(config.channels.webForm ? [new WebFormInbound(config.channels.webForm)] : []),
    ];
    // MEDIA_MAX_BYTES bounds each download while it streams, not only what is kept.
    const fetchers = options.mediaFetchers ?? mediaFetchers(config.channels, { maxBytes: config.mediaMaxBytes });
    const keys = intakeKeys(config);
    for (const line of describeChannelSettings(config.channels)) {
      logger.info({ provider: line.provider, channel: line.state }, `channel ${line.provider}: ${line.state} (${line.detail})`);
    }
    return {
      module: IntakeModule,
      controllers: [
        HealthController,
        ChannelWebhooksHttpController,
        RegisterComplaintGrpcController,
        GetComplaintGrpcController,
        ConfirmComplaintGrpcController,
        DismissComplaintGrpcController,
        ComplaintFeedbackGrpcController,
        ReporterFeedbackGrpcController,
        AppealWindowGrpcController,
        RetentionPolicyGrpcController,
        ErasePersonalDataGrpcController,
        DestructionRecordsGrpcController,
        AppendMessageGrpcController,
        ResolveReporterAddressGrpcController,
        TransferComplaintGrpcController,
        VerifyReporterGrpcController,
        ScreenOfficerTextGrpcController,
        ListContactReadsGrpcController,
        ProblemMessagesGrpcController,
        DataSubjectRightsGrpcController,
        SearchComplaintTextsGrpcController,
        OfficeProfileGrpcController,
        grpcServiceController(ComplaintDocumentsService, {
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => complaintDocumentsGrpcService(() => rt.dataSource, documentKindsProducedBy('intake')),
        }),
      ],
      providers: [
        { provide: WebhookBodyLimit, useValue: new WebhookBodyLimit(config.webhookMaxBodyBytes) },
        { provide: PublicBaseUrl, useValue: new PublicBaseUrl(config.channels.publicBaseUrl) },
        { provide: SenderDigest, useValue: keys.digest },
        {
          provide: InboundProcessor,
          inject: [ServiceRuntime, ContactCipher, SenderDigest, Clock, OfficeProfileVersions],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, digest: SenderDigest, clock: Clock, letterheads: OfficeProfileVersions) =>
            new InboundProcessor(runtime, { cipher, digest }, group, clock, logger, { pollMs: config.inboundPollMs, letterheads }),
        },
        {
          provide: MediaFetchWorker,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) =>
            new MediaFetchWorker(runtime, fetchers, { allowedTypes: config.mediaAllowedTypes, maxBytes: config.mediaMaxBytes }, clock, logger, { pollMs: config.inboundPollMs }),
        },
        { provide: NotificationReceiptsClient, useFactory: () => new NotificationReceiptsClient(config.notificationGrpcUrl, logger, config.grpcTls) },
        {
          provide: ReceiptForwarder,
          inject: [ServiceRuntime, NotificationReceiptsClient, Clock],
          useFactory: (runtime: ServiceRuntime, client: NotificationReceiptsClient, clock: Clock) => new ReceiptForwarder(runtime, client, clock, logger, { pollMs: config.inboundPollMs }),
        },
        {
          provide: ReceiveWebhookHandler,
          inject: [ServiceRuntime, ContactCipher, SenderDigest, Clock, InboundProcessor, MediaFetchWorker, ReceiptForwarder],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, digest: SenderDigest, clock: Clock, processor: InboundProcessor, media: MediaFetchWorker, receipts: ReceiptForwarder) =>
            new ReceiveWebhookHandler(runtime, { cipher, digest }, inbound, clock, logger, () => {
              processor.wake();
              media.wake();
              receipts.wake();
            }),
        },
        // The data subject's rights under UU 27/2022 (docs/adr/0056).
        {
          provide: AccessRequestsHandler,
          inject: [ServiceRuntime, ContactCipher, Clock, ComplaintCommandExecutor],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, clock: Clock, executor: ComplaintCommandExecutor) => new AccessRequestsHandler(runtime, cipher, clock, executor),
        },
        {
          provide: ContactRightsHandler,
          inject: [ServiceRuntime, ContactCipher, Clock, ComplaintCommandExecutor],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, clock: Clock, executor: ComplaintCommandExecutor) => new ContactRightsHandler(runtime, cipher, clock, executor),
        },
        { provide: ProblemMessageOffices, useValue: ProblemMessageOffices.of(config.channels) },
        ListProblemMessagesHandler,
        {
          provide: ProblemMessageActionsHandler,
          inject: [ServiceRuntime, ContactCipher, SenderDigest, ProblemMessageOffices, Clock, InboundProcessor],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, digest: SenderDigest, offices: ProblemMessageOffices, clock: Clock, processor: InboundProcessor) =>
            new ProblemMessageActionsHandler(runtime, { cipher, digest }, inbound, offices, clock, logger, () => processor.wake()),
        },
        {
          provide: WebFormStatusQuery,
          inject: [ServiceRuntime, ContactCipher],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher) => new WebFormStatusQuery(runtime, cipher),
        },
        {
          provide: ResolveReporterAddressHandler,
          inject: [ServiceRuntime, ContactCipher, SenderDigest],
          useFactory: (runtime: ServiceRuntime, cipher: ContactCipher, digest: SenderDigest) => new ResolveReporterAddressHandler(runtime, cipher, digest),
        },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: StateConsumerGroup, useValue: group },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(intakeRuntimeOptions(config, logger, { stateConsumerGroup: group })) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        { provide: ContactCipher, useValue: keys.cipher },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) => intakeCommandExecutor(runtime, clock, group),
        },
        // The office's profile (docs/adr/0048): the head of office's versions over OFFICE_PROFILES_FILE.
        { provide: OfficeProfileVersions, useValue: new OfficeProfileVersions(config.officeProfiles) },
        {
          provide: UpdateOfficeProfileHandler,
          inject: [ServiceRuntime, OfficeProfileVersions, Clock],
          useFactory: (runtime: ServiceRuntime, versions: OfficeProfileVersions, clock: Clock) => new UpdateOfficeProfileHandler(runtime, versions, clock, logger),
        },
        RegisterComplaintHandler,
        GetComplaintHandler,
        ConfirmComplaintHandler,
        DismissComplaintHandler,
        ComplaintFeedbackHandler,
        AppealWindows,
        { provide: RetentionPolicies, inject: [ServiceRuntime, Clock], useFactory: (rt: ServiceRuntime, clock: Clock) => new RetentionPolicies(rt, clock, config.personalDataRetentionDays) },
        { provide: ErasureVacuum, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new ErasureVacuum(() => rt.dataSource, logger) },
        ErasePersonalDataHandler,
        AppendMessageHandler,
        TransferComplaintHandler,
        VerifyReporterHandler,
        ScreenOfficerTextHandler,
        ListContactReadsHandler,
        SearchComplaintTextsHandler,
        {
          provide: CommandServiceLifecycle,
          inject: [ServiceRuntime, InboundProcessor, MediaFetchWorker, ReceiptForwarder, ContactCipher, Clock, ErasePersonalDataHandler],
          useFactory: (rt: ServiceRuntime, processor: InboundProcessor, media: MediaFetchWorker, receipts: ReceiptForwarder, cipher: ContactCipher, clock: Clock, erasure: ErasePersonalDataHandler) =>
            // The personal-data upkeep first: erasures re-applied after a restore; then the daily retention (docs/adr/0057).
            new CommandServiceLifecycle(rt, [
              new PersonalDataUpkeep(rt, cipher, clock, logger),
              new RetentionWorker(() => rt.dataSource, (c) => erasure.execute(c), clock, config.personalDataRetentionDays, logger),
              processor,
              media,
              receipts,
            ]),
        },
      ],
      exports: [ServiceRuntime, RegisterComplaintHandler, ComplaintCommandExecutor, InboundProcessor, MediaFetchWorker, ReceiptForwarder, ReceiveWebhookHandler],
    };
  }
}

/**
 * Runs intake's step-2 commands. A complaint intake does not know is not one that has yet to
 * arrive: intake registers every complaint and writes its state in the same transaction
 * (`knowsEveryComplaint`); it still waits for a later version the caller names.
 */
export function intakeCommandExecutor(runtime: ServiceRuntime, clock: Clock, group: StateConsumerGroup): ComplaintCommandExecutor {
  return new ComplaintCommandExecutor({ runtime, source: INTAKE_EVENT_SOURCE, stateConsumerGroup: group.groupId, now: () => clock.now(), knowsEveryComplaint: true });
}
