// intake as main.ts runs it (its own schema on the run's Postgres, its state consumer on the real
// topic), asked over real gRPC as the gateway and the other services ask it.
import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, IntakeService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, type SettableClock } from '@pengaduan/runtime';
import { deleteTopics, dropSchema, GrpcTestClient, startGroupAtEnd, startTestService, uniqueSchemaName, uniqueSuffix, type MethodsOf } from '@pengaduan/testing';
import type { INestApplication } from '@nestjs/common';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../service-entry';
import { testConfig } from './intake-test-kit';

export interface IntakeOverGrpc {
  app: INestApplication;
  runtime: ServiceRuntime;
  /** Its state consumer's group. */
  groupId: string;
  client: GrpcTestClient<MethodsOf<typeof IntakeService>>;
  stop(): Promise<void>;
}

/**
 * Starts intake for a suite named `name`. Its consumer group reads the topic from where it ends
 * now and gives up at once on an event it cannot fold: other suites publish partial histories to
 * the shared topic on purpose (events of complaints they seeded without Kafka), and this group must
 * not spend seconds on each before reaching the suite's own.
 */
export async function startIntakeOverGrpc(name: string, clock: SettableClock): Promise<IntakeOverGrpc> {
  const schema = uniqueSchemaName(name);
  const group = new StateConsumerGroup(`${name.replace(/_/g, '-')}-test-${uniqueSuffix()}`, { maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } });
  const logger = createLogger(`${name}-test`, process.env['TEST_LOG_LEVEL'] ?? 'silent');
  await startGroupAtEnd(group.groupId, COMPLAINT_EVENTS_TOPIC);
  const config = testConfig(schema);
  const service = await startTestService(intakeService, config, IntakeModule.forRoot(config, logger, { clock, stateConsumerGroup: group }), logger);
  const runtime = service.app.get(ServiceRuntime);
  await runtime.ready();
  const client = new GrpcTestClient(IntakeService, service.grpcAddress);
  return {
    app: service.app,
    runtime,
    groupId: group.groupId,
    client,
    async stop() {
      client.close();
      await service.app.close();
      await dropSchema(schema);
      await deleteTopics([dlqTopicFor(group.groupId)]);
    },
  };
}
