import type { MessageInitShape } from '@bufbuild/protobuf';
import { create } from '@bufbuild/protobuf';
import {
  IntakeService,
  RegisterComplaintResponseSchema,
  serializeEnvelope,
  dlqTopicFor,
  toGrpcServiceDefinition,
  type EventEnvelope,
  type RegisterComplaintRequest,
} from '@pengaduan/contracts';
import { createIdempotentProducer, createKafka, ServiceRuntime } from '@pengaduan/messaging';
import { bindGrpcServer, CORRELATION_ID_METADATA_KEY, createLogger, NestJsonLogger, shutdownGrpcServer, toGrpcError } from '@pengaduan/runtime';
import { Server, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestTopic, deleteTopics, dropSchema, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { v7 as uuidv7 } from 'uuid';
import type { GatewayConfig } from '../config';
import { GatewayModule } from '../gateway.module';
import { configureGatewayHttp } from '../http/configure-http';

export const logger = createLogger('gateway-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

type RegisterComplaintAnswer = MessageInitShape<typeof RegisterComplaintResponseSchema>;

/**
 * Stands in for intake's gRPC server, over real gRPC on a local port, so the gateway's side
 * of the contract can be checked without intake's database: it records what it was asked and
 * answers like intake (the same key, the same complaint; errors through `toGrpcError`).
 * intake itself is tested against the real thing end to end.
 */
export class StandInIntake {
  readonly calls: { request: RegisterComplaintRequest; correlationId: string | undefined }[] = [];
  /** What RegisterComplaint answers; throw a ServiceError to answer an error. */
  answer: (request: RegisterComplaintRequest) => RegisterComplaintAnswer = (request) => this.registerOnce(request);
  port = 0;
  private readonly server = new Server();
  private readonly registered = new Map<string, RegisterComplaintAnswer>();

  constructor() {
    this.server.addService(toGrpcServiceDefinition(IntakeService), {
      registerComplaint: (call: ServerUnaryCall<RegisterComplaintRequest, unknown>, callback: sendUnaryData<unknown>) => {
        this.calls.push({ request: call.request, correlationId: call.metadata.get(CORRELATION_ID_METADATA_KEY)[0]?.toString() });
        try {
          callback(null, create(RegisterComplaintResponseSchema, this.answer(call.request)));
        } catch (err) {
          callback(toGrpcError(err, logger));
        }
      },
    });
  }

  /** Forgets the calls and answers like intake again (complaints registered so far are kept). */
  reset(): void {
    this.calls.length = 0;
    this.answer = (request) => this.registerOnce(request);
  }

  async start(): Promise<this> {
    this.port = await bindGrpcServer(this.server, '127.0.0.1:0');
    return this;
  }

  stop(): Promise<void> {
    return shutdownGrpcServer(this.server, 1_000);
  }

  private registerOnce(request: RegisterComplaintRequest): RegisterComplaintAnswer {
    const earlier = this.registered.get(request.requestId);
    if (earlier) return earlier;
    const answer = { complaintId: uuidv7(), trackingNumber: `${request.officeCode}-2026-${String(this.registered.size + 1).padStart(6, '0')}`, status: 'RECEIVED' };
    this.registered.set(request.requestId, answer);
    return answer;
  }
}

/** What a suite owns alone, made with @pengaduan/testing (uniqueSchemaName, createTestTopic …) and removed by it. */
export interface GatewayIsolation {
  databaseUrl: string;
  kafkaBrokers: string[];
  schema: string;
  /** A topic standing in for the complaint stream. */
  topic: string;
  projectionGroup: string;
}

export interface TestGateway {
  baseUrl: string;
  app: NestExpressApplication;
  runtime: ServiceRuntime;
  /** Publishes events to the gateway's stream, keyed by complaint. */
  publish(...events: EventEnvelope[]): Promise<void>;
  /** Shuts the gateway down as SIGTERM would. */
  stop(): Promise<void>;
}

/** The gateway as main.ts builds it, on a free port, on the real Postgres and Kafka of the test run. */
export async function startGateway(intakeGrpcUrl: string, isolation: GatewayIsolation, options: { waitUntilReady?: boolean } = {}): Promise<TestGateway> {
  const config: GatewayConfig = {
    databaseUrl: isolation.databaseUrl,
    databaseSchema: isolation.schema,
    kafkaBrokers: isolation.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    intakeGrpcUrl,
    projectionGroup: isolation.projectionGroup,
  };
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config, logger, { complaintTopic: isolation.topic }), {
    logger: new NestJsonLogger(logger),
  });
  configureGatewayHttp(app, logger);
  await app.listen(config.httpPort, config.httpHost);
  const runtime = app.get(ServiceRuntime);
  if (options.waitUntilReady !== false) await runtime.ready();
  const kafka = createKafka({ brokers: isolation.kafkaBrokers, clientId: 'gateway-test-publisher', logger });
  return {
    baseUrl: await app.getUrl(),
    app,
    runtime,
    async publish(...events) {
      const producer = createIdempotentProducer(kafka);
      await producer.connect();
      try {
        await producer.send({ topic: isolation.topic, acks: -1, messages: events.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
      } finally {
        await producer.disconnect();
      }
    },
    stop: () => app.close(),
  };
}

/** A schema, a complaint topic and a consumer group of the suite's own. */
export async function isolate(): Promise<GatewayIsolation> {
  const { databaseUrl, kafkaBrokers } = testInfrastructure();
  return {
    databaseUrl,
    kafkaBrokers,
    schema: uniqueSchemaName('gateway'),
    topic: await createTestTopic('gateway-complaints', 3),
    projectionGroup: `gateway-projection-test-${uniqueSuffix()}`,
  };
}

export async function removeIsolation(isolation: GatewayIsolation | undefined): Promise<void> {
  if (!isolation) return;
  await dropSchema(isolation.schema);
  await deleteTopics([isolation.topic, dlqTopicFor(isolation.projectionGroup)]);
}
