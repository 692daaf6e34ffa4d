import { OfficeDirectory } from '@pengaduan/documents';
import { TeamDecreeService, COMPLAINT_EVENTS_TOPIC, dlqTopicFor, parseEnvelope, serializeEnvelope, type EventEnvelope, type ParsedEvent } from '@pengaduan/contracts';
import { createIdempotentProducer, createKafka, ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, GrpcServiceHost, NestJsonLogger, type Clock } from '@pengaduan/runtime';
import { deleteTopics, dropSchema, IntakeScreenStandIn, testInfrastructure, startGroupAtEnd, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TeamDecreeModule, teamDecreeStateConsumer } from '../team-decree.module';
import type { TeamDecreeConfig } from '../config';
import { asConsumed, type ComplaintHistory } from '@pengaduan/testing';
import { GrpcTestClient, type MethodsOf } from '@pengaduan/testing';

export const logger = createLogger('team-decree-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** team-decree as main.ts builds it, on free ports, with a schema and a consumer group of its own. */
export interface TestTeamDecree {
  app: INestApplicationContext;
  runtime: ServiceRuntime;
  /** intake's screening of the officers' texts, as a stand-in that records what it screened. */
  intake: IntakeScreenStandIn;
  client: GrpcTestClient<MethodsOf<typeof TeamDecreeService>>;
  consumerGroup: string;
  /** Folds a history into team-decree's view as its consumer would, without Kafka. */
  seed(history: ComplaintHistory): Promise<void>;
  /** Publishes envelopes to the real complaint stream, keyed by complaint. */
  publish(envelopes: EventEnvelope[]): Promise<void>;
  /** The events team-decree recorded in its outbox for a complaint, parsed, in order. */
  outbox(complaintId: string): Promise<ParsedEvent[]>;
  /** The complaint's state in team-decree's own view. */
  status(complaintId: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

export async function startTeamDecree(options: { clock?: Clock } = {}): Promise<TestTeamDecree> {
  const infra = testInfrastructure();
  const schema = uniqueSchemaName('team_decree');
  const consumerGroup = `team-decree-test-${uniqueSuffix()}`;
  await startGroupAtEnd(consumerGroup, COMPLAINT_EVENTS_TOPIC);
  const intake = await new IntakeScreenStandIn().start();
  const config: TeamDecreeConfig = {
    officeProfiles: OfficeDirectory.load(),
    databaseUrl: infra.databaseUrl,
    databaseSchema: schema,
    kafkaBrokers: infra.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    grpcAddress: '127.0.0.1:0',
    intakeGrpcUrl: intake.address,
  };
  const rootModule = TeamDecreeModule.forRoot(config, logger, {
    clock: options.clock,
    // Other suites publish events of complaints this service never saw: dead-letter them at once.
    consumer: { groupId: consumerGroup, maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } },
  });
  const app = await NestFactory.createApplicationContext(rootModule, { logger: new NestJsonLogger(logger) });
  await app.init();
  const runtime = app.get(ServiceRuntime);
  await runtime.ready();
  const client = new GrpcTestClient(TeamDecreeService, `127.0.0.1:${app.get(GrpcServiceHost).port}`);
  const consumer = teamDecreeStateConsumer(consumerGroup);
  const kafka = createKafka({ brokers: infra.kafkaBrokers, clientId: 'team-decree-test-publisher', logger });

  return {
    app,
    runtime,
    intake,
    client,
    consumerGroup,
    async seed(history) {
      for (const [i, envelope] of history.envelopes.entries()) {
        await runtime.dataSource.transaction((tx) => consumer.handler(asConsumed(envelope, i), tx));
      }
    },
    async publish(envelopes) {
      const producer = createIdempotentProducer(kafka);
      await producer.connect();
      try {
        await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, acks: -1, messages: envelopes.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
      } finally {
        await producer.disconnect();
      }
    },
    async outbox(complaintId) {
      const rows = (await runtime.dataSource.query('SELECT body FROM outbox WHERE message_key = $1 ORDER BY seq', [complaintId])) as { body: string }[];
      return rows.map((r) => {
        const parsed = parseEnvelope(r.body);
        if (!parsed.ok) throw new Error(`invalid event in the outbox: ${parsed.reason}`);
        return parsed;
      });
    },
    async status(complaintId) {
      const rows = (await runtime.dataSource.query('SELECT status FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { status: string }[];
      return rows[0]?.status;
    },
    async stop() {
      client.close();
      await app.close();
      await intake.stop();
      await dropSchema(schema);
      await deleteTopics([dlqTopicFor(consumerGroup)]);
    },
  };
}
