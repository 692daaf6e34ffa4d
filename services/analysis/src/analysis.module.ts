import { ComplaintDocumentsService, IntakeService } from '@pengaduan/contracts';
import { complaintDocumentsGrpcService, documentKindsProducedBy, OfficeProfileClient } from '@pengaduan/documents';
import { CommandServiceLifecycle, ComplaintCommandExecutor, COMPLAINT_STATE_MIGRATIONS, complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { grpcServiceController, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { AnalyzeComplaintGrpcController } from './analyze-complaint/analyze-complaint.grpc.controller';
import { AnalyzeComplaintHandler } from './analyze-complaint/analyze-complaint.handler';
import type { AnalysisConfig } from './config';
import { projectAnalysisRecord } from './consumers/analysis-record.projection';
import { DecideFollowUpGrpcController } from './decide-follow-up/decide-follow-up.grpc.controller';
import { DecideFollowUpHandler } from './decide-follow-up/decide-follow-up.handler';
import { ANALYSIS_ENTITIES } from './persistence/entities';
import { ANALYSIS_MIGRATIONS } from './persistence/migrations';
import { IntakeClient } from './screen-officer-text/intake.client';

/** The Kafka consumer group that keeps analysis's view of every complaint (its DLQ is named after it). */
export const ANALYSIS_CONSUMER_GROUP = 'analysis';

/** How the complaint-state consumer runs; tests give it a group of its own and fail fast on other suites' stray events. */
export interface ConsumerTuning {
  /** Default {@link ANALYSIS_CONSUMER_GROUP}. */
  groupId?: string;
  /** Attempts before an event goes to the DLQ (the consumer's default when absent). */
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface AnalysisModuleOptions {
  clock?: Clock;
  consumer?: ConsumerTuning;
}

/** The consumer that keeps analysis's view of every complaint: its libs/sop state and its analysis record. */
export function analysisStateConsumer(groupId = ANALYSIS_CONSUMER_GROUP) {
  return complaintStateConsumer(groupId, projectAnalysisRecord);
}

/** Analysis's database, migrations, Kafka and consumer: shared by the service and its `migrate` command. */
export function analysisRuntimeOptions(config: AnalysisConfig, logger: Logger, consumer: ConsumerTuning = {}): ServiceRuntimeOptions {
  return {
    service: 'analysis',
    logger,
    database: {
      url: config.databaseUrl,
      schema: config.databaseSchema,
      entities: ANALYSIS_ENTITIES,
      migrations: [...COMPLAINT_STATE_MIGRATIONS, ...ANALYSIS_MIGRATIONS],
    },
    kafkaBrokers: config.kafkaBrokers,
    consumers: [{ ...analysisStateConsumer(consumer.groupId), maxAttempts: consumer.maxAttempts, backoff: consumer.backoff }],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

@Module({})
export class AnalysisModule {
  static forRoot(config: AnalysisConfig, logger: Logger, options: AnalysisModuleOptions = {}): DynamicModule {
    const consumerGroup = options.consumer?.groupId ?? ANALYSIS_CONSUMER_GROUP;
    return {
      module: AnalysisModule,
      controllers: [
        HealthController,
        AnalyzeComplaintGrpcController,
        DecideFollowUpGrpcController,
        grpcServiceController(ComplaintDocumentsService, {
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => complaintDocumentsGrpcService(() => rt.dataSource, documentKindsProducedBy('analysis')),
        }),
      ],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(analysisRuntimeOptions(config, logger, options.consumer)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) =>
            new ComplaintCommandExecutor({ runtime, source: 'pengaduan/analysis', stateConsumerGroup: consumerGroup, now: () => clock.now() }),
        },
        { provide: IntakeClient, useFactory: () => new IntakeClient('intake', IntakeService, config.intakeGrpcUrl, logger, config.grpcTls) },
        { provide: OfficeProfileClient, inject: [IntakeClient], useFactory: (intake: IntakeClient) => new OfficeProfileClient(intake) },
        AnalyzeComplaintHandler,
        DecideFollowUpHandler,
        { provide: CommandServiceLifecycle, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new CommandServiceLifecycle(rt) },
      ],
      exports: [ServiceRuntime],
    };
  }
}
