import type { MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { dlqTopicFor, redriveTopicFor, serializeEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { OfficeDirectory } from '@pengaduan/documents';
import { complaintStateConsumer, createIdempotentProducer, createKafka, ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, grpcServiceController, ServiceError, startGrpcMicroservice, type Clock, type GrpcMicroservice, type Logger } from '@pengaduan/runtime';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { asConsumed, createTestTopic, deleteTopics, dropSchema, startTestService, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { TOKEN_ISSUER } from '../auth/access-tokens';
import type { OfficerRole } from '../auth/authenticated-user';
import type { GatewayConfig } from '../config';
import { GatewayModule } from '../gateway.module';
import { gatewayService } from '../service-entry';
import { projectReadModel } from '../projection/read-model.projection';
import { UserAccounts } from '../users/user-accounts';

export const logger = createLogger('gateway-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

type Answers<M extends GenServiceMethods> = {
  [K in keyof M]?: (request: MessageShape<M[K]['input']>) => MessageInitShape<M[K]['output']> | Promise<MessageInitShape<M[K]['output']>>;
};

/**
 * Stands in for one of the services' gRPC servers, over real gRPC on a local port, so the
 * gateway's side of each contract can be checked without the service's database: it records
 * what it was asked (request and correlation id) and answers what the test sets; a thrown
 * ServiceError travels as the real service's would. The services themselves are tested
 * against the real thing end to end.
 */
export class StandIn<M extends GenServiceMethods> {
  readonly calls: { method: keyof M & string; request: unknown; correlationId: string }[] = [];
  answers: Answers<M>;
  private readonly controller: Type;
  private server?: GrpcMicroservice;
  port = 0;

  constructor(
    private readonly service: GenService<M>,
    private readonly defaults: Answers<M> = {},
  ) {
    this.answers = { ...defaults };
    const handlers: Record<string, (request: unknown, correlationId: string) => Promise<unknown>> = {};
    for (const method of service.methods) {
      const name = method.localName as keyof M & string;
      handlers[name] = async (request, correlationId) => {
        this.calls.push({ method: name, request, correlationId });
        const answer = this.answers[name] as ((request: unknown) => unknown) | undefined;
        if (!answer) throw new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', `the stand-in has no answer for ${name}`);
        return answer(request);
      };
    }
    this.controller = grpcServiceController(service, { useFactory: () => handlers as never });
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The requests of one method, in order. */
  requests<K extends keyof M & string>(method: K): MessageShape<M[K]['input']>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request as MessageShape<M[K]['input']>);
  }

  /** Forgets the calls and answers as at the start. */
  reset(): void {
    this.calls.length = 0;
    this.answers = { ...this.defaults };
  }

  async start(): Promise<this> {
    this.server = await startGrpcMicroservice({ address: '127.0.0.1:0', services: [this.service] }, logger, [this.controller]);
    this.port = this.server.port;
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
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

/** Where the gateway finds each service; a service not given is unreachable. */
export type Upstreams = Partial<Record<'intake' | 'disposition' | 'analysis' | 'teamDecree' | 'notification' | 'slaMonitor' | 'intakeWebhooks', string>>;

/** An address nothing listens on (the discard port). */
const NOWHERE = '127.0.0.1:9';

export interface TestOfficer {
  /** The account's id (the actor's user id in commands and events). */
  id: string;
  username: string;
  password: string;
  role: OfficerRole;
  officeCode: string;
  sectionCode?: string;
}

export interface TestGateway {
  baseUrl: string;
  app: NestExpressApplication;
  runtime: ServiceRuntime;
  config: GatewayConfig;
  /** Publishes events to the gateway's stream, keyed by complaint. */
  publish(...events: EventEnvelope[]): Promise<void>;
  /** Applies events to the read model as its consumer does (state, view, timeline, outputs), without Kafka. */
  seed(...events: EventEnvelope[]): Promise<void>;
  /** Creates an officer's account; answers it with its password. */
  addOfficer(officer: Omit<TestOfficer, 'id' | 'password' | 'username'> & { username?: string }): Promise<TestOfficer>;
  /** Logs an officer in; answers the access token. */
  login(officer: Pick<TestOfficer, 'username' | 'password'>): Promise<string>;
  /** An officer logged in: their account and token. */
  officer(officer: Omit<TestOfficer, 'id' | 'password' | 'username'> & { username?: string }): Promise<TestOfficer & { token: string }>;
  /** Shuts the gateway down as SIGTERM would. */
  stop(): Promise<void>;
}

export interface StartOptions {
  waitUntilReady?: boolean;
  clock?: Clock;
  jwtTtlSeconds?: number;
  /** Anything else of the configuration (public limits, web app directory, trusted proxies …). */
  config?: Partial<GatewayConfig>;
  /** Where the gateway logs (a suite that reads its log lines); else the suites' silent logger. */
  logger?: Logger;
}

/** The gateway as main.ts builds it, on a free port, on the real Postgres and Kafka of the test run. */
export async function startGateway(upstreams: Upstreams, isolation: GatewayIsolation, options: StartOptions = {}): Promise<TestGateway> {
  const config: GatewayConfig = {
    databaseUrl: isolation.databaseUrl,
    databaseSchema: isolation.schema,
    kafkaBrokers: isolation.kafkaBrokers,
    httpHost: '127.0.0.1',
    httpPort: 0,
    // The public gRPC API on a free port too (public-api/).
    grpcAddress: '127.0.0.1:0',
    intakeGrpcUrl: upstreams.intake ?? NOWHERE,
    dispositionGrpcUrl: upstreams.disposition ?? NOWHERE,
    analysisGrpcUrl: upstreams.analysis ?? NOWHERE,
    teamDecreeGrpcUrl: upstreams.teamDecree ?? NOWHERE,
    notificationGrpcUrl: upstreams.notification ?? NOWHERE,
    slaMonitorGrpcUrl: upstreams.slaMonitor ?? NOWHERE,
    intakeWebhooksUrl: upstreams.intakeWebhooks ?? 'http://127.0.0.1:1',
    projectionGroup: isolation.projectionGroup,
    projectionConcurrency: 3,
    jwtSecret: randomBytes(32).toString('base64'),
    jwtTtlSeconds: options.jwtTtlSeconds ?? 28_800,
    trustProxy: false,
    trackingMaxPerAddress: 10,
    trackingMaxFailuresPerAddressAndNumber: 5,
    trackingGuardAfterFailuresPerNumber: 20,
    webFormMaxPerAddress: 5,
    webFormOffices: [],
    // No web app unless a suite builds one.
    adminWebDist: join(tmpdir(), `pengaduan-no-web-app-${uniqueSuffix()}`),
    officeProfiles: OfficeDirectory.load(),
    production: false,
    apiDocs: undefined,
    grpcReflection: undefined,
    ...options.config,
  };
  const log = options.logger ?? logger;
  const { app, baseUrl } = await startTestService(gatewayService, config, GatewayModule.forRoot(config, log, { complaintTopic: isolation.topic, clock: options.clock }), log);
  const runtime = app.get(ServiceRuntime);
  if (options.waitUntilReady !== false) await runtime.ready();
  const kafka = createKafka({ brokers: isolation.kafkaBrokers, clientId: 'gateway-test-publisher', logger });
  // The read model projects every event, sla.* included (deadlines, escalations, the timeline).
  const readModel = complaintStateConsumer(isolation.projectionGroup, projectReadModel, () => true);

  const gateway: TestGateway = {
    baseUrl,
    app,
    runtime,
    config,
    async publish(...events) {
      const producer = createIdempotentProducer(kafka);
      await producer.connect();
      try {
        await producer.send({ topic: isolation.topic, acks: -1, messages: events.map((e) => ({ key: e.subject, value: serializeEnvelope(e) })) });
      } finally {
        await producer.disconnect();
      }
    },
    async seed(...events) {
      for (const event of events) await runtime.dataSource.transaction((tx) => readModel.handler(asConsumed(event), tx));
    },
    async addOfficer(officer) {
      const username = officer.username ?? `${officer.role.toLowerCase().replace(/_/g, '.')}.${uniqueSuffix()}`;
      const password = `pw-${randomUUID()}`;
      const { id } = await new UserAccounts(() => runtime.dataSource).add({
        username,
        password,
        displayName: `Test ${officer.role}`,
        role: officer.role,
        officeCode: officer.officeCode,
        ...(officer.sectionCode ? { sectionCode: officer.sectionCode } : {}),
      });
      return { ...officer, id, username, password };
    },
    async login({ username, password }) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
      if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    async officer(officer) {
      const account = await gateway.addOfficer(officer);
      return { ...account, token: await gateway.login(account) };
    },
    stop: () => app.close(),
  };
  return gateway;
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
  await deleteTopics([isolation.topic, dlqTopicFor(isolation.projectionGroup), redriveTopicFor(isolation.projectionGroup)]);
}

/** fetch with an officer's token (and JSON). */
export function api(gateway: Pick<TestGateway, 'baseUrl'>, token: string | undefined) {
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    /** GET that must answer 200: its JSON body (anything else fails the test with the answer). */
    json: async <T>(path: string): Promise<T> => {
      const res = await call('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/**
 * An access token as the gateway makes them, for `subject` with `claims`, but signed with a key
 * that is not the gateway's: what a forger without the secret can make. Answered 401.
 */
export function forgedAccessToken(subject: string, claims: Record<string, string>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(subject).setIssuer(TOKEN_ISSUER).setIssuedAt(now).setExpirationTime(now + 600).setJti(randomUUID()).sign(randomBytes(32));
}
