import { ComplaintDocumentsService, IntakeService } from '@pengaduan/contracts';
import { complaintDocumentsGrpcService, documentKindsProducedBy, OfficeProfileClient } from '@pengaduan/documents';
import { CommandServiceLifecycle, ComplaintCommandExecutor, complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { grpcServiceController, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DispositionConfig } from './config';
import { DisposeComplaintGrpcController } from './dispose/dispose-complaint.grpc.controller';
import { DisposeComplaintHandler } from './dispose/dispose-complaint.handler';
import { ReviewAppealGrpcController } from './review-appeal/review-appeal.grpc.controller';
import { ReviewAppealHandler } from './review-appeal/review-appeal.handler';
import { DISPOSITION_ENTITIES } from './persistence/entities';
import { DISPOSITION_MIGRATIONS } from './persistence/migrations';
import { RespondAsSectionGrpcController } from './respond/respond-as-section.grpc.controller';
import { RespondAsSectionHandler } from './respond/respond-as-section.handler';
import { ListSectionsGrpcController } from './sections/list-sections.grpc.controller';
import { ListSectionsHandler } from './sections/list-sections.handler';
import { AdministerSectionsGrpcController } from './sections/administer-sections.grpc.controller';
import { AdministerSectionsHandler } from './sections/administer-sections.handler';
import { IntakeClient } from './screen-officer-text/intake.client';

/** The consumer group that keeps disposition's view of every complaint's state. */
export const DISPOSITION_CONSUMER_GROUP = 'disposition';

/** The source of the events disposition emits. */
export const DISPOSITION_EVENT_SOURCE = 'pengaduan/disposition';

/** How the complaint-state consumer runs; tests give it a group of their own and short retries. */
export interface StateConsumerOptions {
  groupId?: string;
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

/**
 * Disposition's database, migrations, Kafka and complaint-state consumer: shared by the
 * service and its `migrate` command.
 */
export function dispositionRuntimeOptions(config: DispositionConfig, logger: Logger, consumer: StateConsumerOptions = {}): ServiceRuntimeOptions {
  const { groupId = DISPOSITION_CONSUMER_GROUP, ...retry } = consumer;
  return {
    service: 'disposition',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: DISPOSITION_ENTITIES, migrations: DISPOSITION_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: [{ ...complaintStateConsumer(groupId), ...retry }],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

/** Runs disposition's commands against its complaint states (see ComplaintCommandExecutor). */
export function dispositionCommandExecutor(runtime: ServiceRuntime, clock: Clock, groupId = DISPOSITION_CONSUMER_GROUP): ComplaintCommandExecutor {
  return new ComplaintCommandExecutor({ runtime, source: DISPOSITION_EVENT_SOURCE, stateConsumerGroup: groupId, now: () => clock.now() });
}

@Module({})
export class DispositionModule {
  static forRoot(config: DispositionConfig, logger: Logger, options: { clock?: Clock; stateConsumer?: StateConsumerOptions } = {}): DynamicModule {
    const groupId = options.stateConsumer?.groupId ?? DISPOSITION_CONSUMER_GROUP;
    return {
      module: DispositionModule,
      controllers: [
        HealthController,
        DisposeComplaintGrpcController,
        ReviewAppealGrpcController,
        RespondAsSectionGrpcController,
        ListSectionsGrpcController,
        AdministerSectionsGrpcController,
        grpcServiceController(ComplaintDocumentsService, {
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => complaintDocumentsGrpcService(() => rt.dataSource, documentKindsProducedBy('disposition')),
        }),
      ],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(dispositionRuntimeOptions(config, logger, options.stateConsumer)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock],
          useFactory: (rt: ServiceRuntime, clock: Clock) => dispositionCommandExecutor(rt, clock, groupId),
        },
        { provide: IntakeClient, useFactory: () => new IntakeClient('intake', IntakeService, config.intakeGrpcUrl, logger, config.grpcTls) },
        { provide: OfficeProfileClient, inject: [IntakeClient], useFactory: (intake: IntakeClient) => new OfficeProfileClient(intake) },
        DisposeComplaintHandler,
        ReviewAppealHandler,
        RespondAsSectionHandler,
        ListSectionsHandler,
        AdministerSectionsHandler,
        { provide: CommandServiceLifecycle, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new CommandServiceLifecycle(rt) },
      ],
      exports: [ServiceRuntime, DisposeComplaintHandler, ReviewAppealHandler, RespondAsSectionHandler, ListSectionsHandler],
    };
  }
}
