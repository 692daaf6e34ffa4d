import { COMPLAINT_EVENTS_TOPIC } from '@pengaduan/contracts';
import { ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { Clock, HealthController, HealthRegistry, SystemClock, type Logger } from '@pengaduan/runtime';
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isComplaintEventType } from '@pengaduan/sop';
import type { SlaMonitorConfig } from './config';
import { DeadlineScheduler } from './fire-deadlines/deadline-scheduler';
import { OfficePolicies } from './office-policy/office-policies';
import { OfficeSlaPolicyGrpcController } from './office-policy/office-sla-policy.grpc.controller';
import { OfficeSlaPolicyHandler } from './office-policy/office-sla-policy.handler';
import { SLA_MONITOR_MIGRATIONS } from './persistence/migrations';
import { DeadlineTracker, SLA_MONITOR_CONSUMER_GROUP } from './track-deadlines/deadline-tracker';

/** Retries of the consumer before the DLQ (default: the runtime's). */
export interface ConsumerRetry {
  maxAttempts?: number;
  backoff?: { initialMs?: number; maxMs?: number };
}

/** sla-monitor's database, migrations and Kafka: shared by the service (with its consumer) and its `migrate` command (without). */
export function slaMonitorRuntimeOptions(
  config: SlaMonitorConfig,
  logger: Logger,
  consumer?: { tracker: DeadlineTracker; groupId: string; retry?: ConsumerRetry },
): ServiceRuntimeOptions {
  return {
    service: 'sla-monitor',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: [], migrations: SLA_MONITOR_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    consumers: consumer
      ? [
          {
            groupId: consumer.groupId,
            topics: [COMPLAINT_EVENTS_TOPIC],
            handler: (event, tx) => consumer.tracker.handle(event, tx),
            // Only complaint events move clocks; its own sla.* events coming back are passed over.
            accepts: isComplaintEventType,
            ...consumer.retry,
          },
        ]
      : [],
    signing: config.eventSigning,
    kafkaSecurity: config.kafkaSecurity,
  };
}

export interface SlaMonitorModuleOptions {
  clock?: Clock;
  /** The consumer group on the complaint stream (default `sla-monitor`); tests, which share the topic, use their own. */
  consumerGroup?: string;
  consumerRetry?: ConsumerRetry;
  /** Whether the scheduler fires on its own (default true); tests that move time by hand call `tick`. */
  autoFire?: boolean;
}

/**
 * The lifecycle: the runtime connects in the background (health answers at once) and the scheduler
 * starts at once, firing as soon as the database is ready (not once the consumer has joined its
 * group: see DeadlineScheduler.run); once the runtime is ready the office policies of the
 * configuration are stored, for the offices whose head of office has not set one (docs/adr/0049).
 * On shutdown the scheduler finishes its look, then consumers drain and
 * the outbox is flushed.
 */
export class SlaMonitorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private startup?: Promise<void>;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly scheduler: DeadlineScheduler,
    private readonly policies: OfficePolicies,
    private readonly config: SlaMonitorConfig,
    private readonly logger: Logger,
    private readonly autoFire: boolean,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.runtime.start();
    if (this.autoFire) this.scheduler.start();
    this.startup = this.runtime
      .ready()
      .then(() => this.applyConfiguredPolicies())
      .catch((err: Error) => this.logger.error({ err: { message: err.message } }, 'sla-monitor start-up failed'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.startup;
    await this.scheduler.stop();
    await this.runtime.stop();
  }

  /** The file's policy of each office, as a new version when it differs, unless the head of office has set the office's own. */
  private async applyConfiguredPolicies(): Promise<void> {
    const offices = Object.entries(this.config.officePolicies);
    if (offices.length === 0) return;
    const outcome: Record<string, string[]> = { applied: [], unchanged: [], keptHeadOfOffice: [] };
    await this.runtime.dataSource.transaction(async (tx) => {
      for (const [office, policy] of offices) outcome[await this.policies.applyFromFile(tx, office, policy, this.clock.now())].push(office);
    });
    this.logger.info(outcome, 'office SLA policies of SLA_OFFICE_POLICIES_FILE: applied, unchanged, or kept as the head of office set them');
  }
}

@Module({})
export class SlaMonitorModule {
  static forRoot(config: SlaMonitorConfig, logger: Logger, options: SlaMonitorModuleOptions = {}): DynamicModule {
    return {
      module: SlaMonitorModule,
      controllers: [HealthController, OfficeSlaPolicyGrpcController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: OfficePolicies, useValue: new OfficePolicies(config.warningShare) },
        {
          provide: DeadlineTracker,
          inject: [OfficePolicies, Clock],
          useFactory: (policies: OfficePolicies, clock: Clock) => new DeadlineTracker(policies, clock, logger.child({ component: 'deadline-tracker' })),
        },
        {
          provide: ServiceRuntime,
          inject: [DeadlineTracker],
          useFactory: (tracker: DeadlineTracker) =>
            new ServiceRuntime(
              slaMonitorRuntimeOptions(config, logger, { tracker, groupId: options.consumerGroup ?? SLA_MONITOR_CONSUMER_GROUP, retry: options.consumerRetry }),
            ),
        },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        {
          provide: DeadlineScheduler,
          inject: [ServiceRuntime, Clock],
          useFactory: (runtime: ServiceRuntime, clock: Clock) => {
            const scheduler = new DeadlineScheduler(runtime, clock, logger.child({ component: 'deadline-scheduler' }), { pollMs: config.pollMs, batchSize: config.batchSize });
            if (options.autoFire !== false) runtime.health.register('scheduler', () => scheduler.check());
            return scheduler;
          },
        },
        OfficeSlaPolicyHandler,
        {
          provide: SlaMonitorLifecycle,
          inject: [ServiceRuntime, DeadlineScheduler, OfficePolicies, Clock],
          useFactory: (runtime: ServiceRuntime, scheduler: DeadlineScheduler, policies: OfficePolicies, clock: Clock) =>
            new SlaMonitorLifecycle(runtime, scheduler, policies, config, logger, options.autoFire !== false, clock),
        },
      ],
      exports: [ServiceRuntime, DeadlineScheduler, DeadlineTracker, OfficePolicies],
    };
  }
}
