import { ComplaintDocumentsService, IntakeService } from '@pengaduan/contracts';
import { complaintDocumentsGrpcService, documentKindsProducedBy, OfficeProfileClient } from '@pengaduan/documents';
import { CommandServiceLifecycle, ComplaintCommandExecutor, COMPLAINT_STATE_MIGRATIONS, complaintStateConsumer, ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { grpcServiceController, HealthController, HealthRegistry, type Logger, Clock, SystemClock } from '@pengaduan/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { TeamDecreeConfig } from './config';
import { IssueTeamDecreeGrpcController } from './issue-team-decree/issue-team-decree.grpc.controller';
import { IssueTeamDecreeHandler } from './issue-team-decree/issue-team-decree.handler';
import { TEAM_DECREE_ENTITIES } from './persistence/entities';
import { TEAM_DECREE_MIGRATIONS } from './persistence/migrations';
import { IntakeClient } from './screen-officer-text/intake.client';

/** The Kafka consumer group that keeps team-decree's view of every complaint (its DLQ is named after it). */
export const TEAM_DECREE_CONSUMER_GROUP = 'team-decree';

/** How the complaint-state consumer runs; tests give it a group of its own and fail fast on other suites' stray events. */
export interface ConsumerTuning {
  /** Default {@link TEAM_DECREE_CONSUMER_GROUP}. */
  groupId?: string;
  /** Attempts before an event goes to the DLQ (the consumer's default when absent). */
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface TeamDecreeModuleOptions {
  clock?: Clock;
  consumer?: ConsumerTuning;
}

/** The consumer that keeps team-decree's view of every complaint's libs/sop state. */
export function teamDecreeStateConsumer(groupId = TEAM_DECREE_CONSUMER_GROUP) {
  return complaintStateConsumer(groupId);
}

/** team-decree's database, migrations, Kafka and consumer: shared by the service and its `migrate` command. */
export function teamDecreeRuntimeOptions(config: TeamDecreeConfig, logger: Logger, consumer: ConsumerTuning = {}): ServiceRuntimeOptions {
  return {
    service: 'team-decree',
    logger,
    database: {
      url: config.databaseUrl,
      schema: config.databaseSchema,
      entities: TEAM_DECREE_ENTITIES,
      migrations: [...COMPLAINT_STATE_MIGRATIONS, ...TEAM_DECREE_MIGRATIONS],
    },
    kafkaBrokers: config.kafkaBrokers,
    consumers: [{ ...teamDecreeStateConsumer(consumer.groupId), maxAttempts: consumer.maxAttempts, backoff: consumer.backoff }],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

@Module({})
export class TeamDecreeModule {
  static forRoot(config: TeamDecreeConfig, logger: Logger, options: TeamDecreeModuleOptions = {}): DynamicModule {
    const consumerGroup = options.consumer?.groupId ?? TEAM_DECREE_CONSUMER_GROUP;
    return {
      module: TeamDecreeModule,
      controllers: [
        HealthController,
        IssueTeamDecreeGrpcController,
        grpcServiceController(ComplaintDocumentsService, {
          inject: [ServiceRuntime],
          useFactory: (rt: ServiceRuntime) => complaintDocumentsGrpcService(() => rt.dataSource, documentKindsProducedBy('team-decree')),
        }),
      ],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(teamDecreeRuntimeOptions(config, logger, options.consumer)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        {
          provide: ComplaintCommandExecutor,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) =>
            new ComplaintCommandExecutor({ runtime, source: 'pengaduan/team-decree', stateConsumerGroup: consumerGroup, now: () => clock.now() }),
        },
        { provide: IntakeClient, useFactory: () => new IntakeClient('intake', IntakeService, config.intakeGrpcUrl, logger, config.grpcTls) },
        { provide: OfficeProfileClient, inject: [IntakeClient], useFactory: (intake: IntakeClient) => new OfficeProfileClient(intake) },
        IssueTeamDecreeHandler,
        { provide: CommandServiceLifecycle, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => new CommandServiceLifecycle(rt) },
      ],
      exports: [ServiceRuntime],
    };
  }
}
