import { COMPLAINT_EVENTS_TOPIC } from '@pengaduan/contracts';
import { ServiceRuntime, type ServiceRuntimeOptions } from '@pengaduan/messaging';
import { HealthController, HealthRegistry, type Logger } from '@pengaduan/runtime';
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Clock, SystemClock } from './clock';
import { ComplaintViewsHttpController } from './complaint-views/complaint-views.http.controller';
import { ComplaintViewQueries } from './complaint-views/complaint-views.queries';
import type { GatewayConfig } from './config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';
import { IntakeClient } from './intake/intake.client';
import { GATEWAY_ENTITIES } from './persistence/entities';
import { GATEWAY_MIGRATIONS } from './persistence/migrations';
import { projectComplaintView } from './projection/complaint-view.projection';
import { RegisterComplaintHttpController } from './register-complaint/register-complaint.http.controller';
import { RegisterComplaintHandler } from './register-complaint/register-complaint.handler';

/** Starts the runtime (in the background); on shutdown closes the intake client and stops the runtime. */
class GatewayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly intake: IntakeClient,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.runtime.start();
  }

  // Nest calls this after the HTTP server stopped taking requests.
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.intake.close();
    await this.runtime.stop();
    this.logger.info({ signal }, 'gateway stopped');
  }
}

/**
 * The gateway's database, migrations, Kafka and its one consumer (the read model): shared by
 * the service and its `migrate` command.
 */
export function gatewayRuntimeOptions(config: GatewayConfig, logger: Logger, complaintTopic = COMPLAINT_EVENTS_TOPIC): ServiceRuntimeOptions {
  return {
    service: 'gateway',
    logger,
    database: { url: config.databaseUrl, schema: config.databaseSchema, entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS },
    kafkaBrokers: config.kafkaBrokers,
    // The gateway emits no events (commands go to the owning services), so there is no outbox to relay.
    relay: false,
    consumers: [{ groupId: config.projectionGroup, topics: [complaintTopic], handler: projectComplaintView }],
  };
}

export interface GatewayModuleOptions {
  clock?: Clock;
  /** The topic the read model follows; only tests change it (to a topic of their own). */
  complaintTopic?: string;
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger, options: GatewayModuleOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController, RegisterComplaintHttpController, ComplaintViewsHttpController],
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: ServiceRuntime, useFactory: () => new ServiceRuntime(gatewayRuntimeOptions(config, logger, options.complaintTopic)) },
        { provide: HealthRegistry, inject: [ServiceRuntime], useFactory: (rt: ServiceRuntime) => rt.health },
        { provide: IntakeClient, useFactory: () => new IntakeClient(config.intakeGrpcUrl, logger) },
        RegisterComplaintHandler,
        ComplaintViewQueries,
        { provide: APP_FILTER, useFactory: () => new ProblemDetailsFilter(logger) },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        {
          provide: GatewayLifecycle,
          inject: [ServiceRuntime, IntakeClient],
          useFactory: (rt: ServiceRuntime, intake: IntakeClient) => new GatewayLifecycle(rt, intake, logger),
        },
      ],
      exports: [ServiceRuntime],
    };
  }
}
