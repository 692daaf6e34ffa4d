import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, parseEnvelope, redriveTopicFor, serializeEnvelope, type EventEnvelope, type ParsedEvent } from '@pengaduan/contracts';
import { startServiceApp, type Logger, type ServiceEntry } from '@pengaduan/runtime';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { asConsumed, type ComplaintHistory, type ConsumedEvent } from './complaint-history';
import { GrpcTestClient } from './grpc-test-client';
import { testInfrastructure } from './infrastructure';
import { IntakeScreenStandIn } from './intake-screen-stand-in';
import { deleteTopics, dropSchema, sql, startGroupAtEnd, testKafka, uniqueSchemaName, uniqueSuffix } from './isolation';

/** A service a test started, see {@link startTestService}. */
export interface TestService {
  readonly app: NestExpressApplication;
  /** `127.0.0.1:<port>` of its internal gRPC API (throws for a service without one). */
  readonly grpcAddress: string;
  /** Where its HTTP server listens, e.g. `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Stops it as SIGTERM does: the APIs stop taking calls, the workers and consumers drain. */
  stop(): Promise<void>;
}

/**
 * The one way the tests start a service: as its main.ts does (startServiceApp — its module, its
 * internal gRPC API, HTTP), from its ServiceEntry and a configuration on free ports, with the
 * root module the test builds (a schema, a consumer group, a clock of its own).
 */
export async function startTestService<C>(entry: ServiceEntry<C>, config: C, module: DynamicModule, logger: Logger): Promise<TestService> {
  const { app, grpcPort } = await startServiceApp(entry, config, logger, { module, abortOnError: false });
  const baseUrl = await app.getUrl();
  return {
    app,
    get grpcAddress() {
      if (grpcPort === undefined) throw new Error(`${entry.name} has no internal gRPC API`);
      return `127.0.0.1:${grpcPort}`;
    },
    baseUrl,
    stop: () => app.close(),
  };
}

/** What a step service's test configuration is made of: the run's Postgres and Kafka, a schema of its own, free ports, intake's stand-in. */
export interface StepServiceBase {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  intakeGrpcUrl: string;
}

/**
 * A step service's state consumer in a test: a group of its own that starts at the topic's end
 * and dead-letters at once the events of complaints it never saw (other suites publish them).
 */
export interface TestConsumer {
  groupId: string;
  maxAttempts: number;
  backoff: { initialMs: number; maxMs: number };
}

/** How to start one step service (analysis, team-decree …) for its tests, see {@link startStepService}. */
export interface StepServiceFixture<C, M extends GenServiceMethods, R extends { ready(): Promise<void> }> {
  entry: ServiceEntry<C>;
  /** Its internal gRPC API, which the test's client calls. */
  service: GenService<M>;
  logger: Logger;
  /** Its configuration on `base`. */
  config(base: StepServiceBase): C;
  /** Its root module on `config`, with the test's consumer (and clock). */
  module(config: C, consumer: TestConsumer): DynamicModule;
  /** Its runtime in the started app (@pengaduan/messaging's ServiceRuntime). */
  runtime(app: INestApplicationContext): R;
  /** What folds one event into its view as its state consumer does: the consumer's handler in a transaction of `runtime`. */
  folder(runtime: R, consumerGroup: string): (event: ConsumedEvent) => Promise<void>;
}

/** A step service started for a test, with intake's screening stand-in and a client of its API. */
export interface StepServiceApp<M extends GenServiceMethods, R> {
  app: INestApplicationContext;
  runtime: R;
  /** intake's screening of the officers' texts, as a stand-in that records what it screened. */
  intake: IntakeScreenStandIn;
  client: GrpcTestClient<M>;
  consumerGroup: string;
  /** Folds a history into the service's view as its consumer would, without Kafka. */
  seed(history: ComplaintHistory): Promise<void>;
  /** Publishes envelopes to the real complaint stream, keyed by complaint. */
  publish(envelopes: EventEnvelope[]): Promise<void>;
  /** The events the service recorded in its outbox for a complaint, parsed, in order. */
  outbox(complaintId: string): Promise<ParsedEvent[]>;
  /** The complaint's state in the service's own view. */
  status(complaintId: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

/**
 * A step service as main.ts starts it ({@link startTestService}) on the run's Postgres (a schema
 * of its own) and Kafka (a consumer group of its own), calling intake's screening stand-in.
 */
export async function startStepService<C, M extends GenServiceMethods, R extends { ready(): Promise<void> }>(fixture: StepServiceFixture<C, M, R>): Promise<StepServiceApp<M, R>> {
  const infra = testInfrastructure();
  const name = fixture.entry.name;
  const schema = uniqueSchemaName(name.replace(/-/g, '_'));
  const consumer: TestConsumer = { groupId: `${name}-test-${uniqueSuffix()}`, maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } };
  await startGroupAtEnd(consumer.groupId, COMPLAINT_EVENTS_TOPIC);
  const intake = await new IntakeScreenStandIn().start();
  const config = fixture.config({
    databaseUrl: infra.databaseUrl,
    databaseSchema: schema,
    kafkaBrokers: infra.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    grpcAddress: '127.0.0.1:0',
    intakeGrpcUrl: intake.address,
  });
  const { app, grpcAddress } = await startTestService(fixture.entry, config, fixture.module(config, consumer), fixture.logger);
  const runtime = fixture.runtime(app);
  await runtime.ready();
  const client = new GrpcTestClient(fixture.service, grpcAddress);
  const fold = fixture.folder(runtime, consumer.groupId);
  return {
    app,
    runtime,
    intake,
    client,
    consumerGroup: consumer.groupId,
    async seed(history) {
      for (const [i, envelope] of history.envelopes.entries()) await fold(asConsumed(envelope, i));
    },
    async publish(envelopes) {
      const producer = testKafka(`${name}-test-publisher`).producer({ idempotent: true });
      await producer.connect();
      try {
        await producer.send({ topic: COMPLAINT_EVENTS_TOPIC, acks: -1, messages: envelopes.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
      } finally {
        await producer.disconnect();
      }
    },
    outbox: (complaintId) => outboxEvents(schema, complaintId),
    status: (complaintId) => complaintStatus(schema, complaintId),
    async stop() {
      client.close();
      await app.close();
      await intake.stop();
      await dropSchema(schema);
      await deleteTopics([dlqTopicFor(consumer.groupId), redriveTopicFor(consumer.groupId)]);
    },
  };
}

/** The events a service committed to its outbox (in `schema`) for a complaint, parsed, in order. */
export async function outboxEvents(schema: string, complaintId: string): Promise<ParsedEvent[]> {
  const rows = await sql<{ body: string }>(`SELECT body FROM "${schema}".outbox WHERE message_key = $1 ORDER BY seq`, [complaintId]);
  return rows.map((r) => {
    const parsed = parseEnvelope(r.body);
    if (!parsed.ok) throw new Error(`outbox holds an invalid event: ${parsed.reason}`);
    return parsed;
  });
}

/** A complaint's state in a service's own view (its `complaint_state` in `schema`). */
export async function complaintStatus(schema: string, complaintId: string): Promise<string | undefined> {
  const rows = await sql<{ status: string }>(`SELECT status FROM "${schema}".complaint_state WHERE complaint_id = $1`, [complaintId]);
  return rows[0]?.status;
}
