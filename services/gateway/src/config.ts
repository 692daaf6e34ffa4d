import { dlqTopicFor } from '@pengaduan/contracts';
import { loadEventSigning, type EventSigning } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, type ConfigSpec } from '@pengaduan/runtime';

export interface GatewayConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  /** `host:port` the public gRPC API (pengaduan.v1, for the offices' systems) binds. */
  grpcAddress: string;
  intakeGrpcUrl: string;
  dispositionGrpcUrl: string;
  analysisGrpcUrl: string;
  teamDecreeGrpcUrl: string;
  notificationGrpcUrl: string;
  /** intake's HTTP base URL: the public `/webhooks/…` are forwarded there unchanged. */
  intakeWebhooksUrl: string;
  projectionGroup: string;
  /** Partitions the read model applies at once. */
  projectionConcurrency: number;
  /** HMAC key of the access tokens (HS256); never logged. */
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
}

/** What the `user` and `seed-demo` commands need: the database alone. */
export type GatewayCliConfig = Pick<GatewayConfig, 'databaseUrl' | 'databaseSchema'>;

/** The shortest HS256 key accepted: as long as the hash (RFC 7518 §3.2). */
export const MIN_JWT_SECRET_BYTES = 32;
/** The longest access-token lifetime accepted: one day (a shift is 8 h). */
export const MAX_JWT_TTL_SECONDS = 86_400;

/** `host:port` (a name, an IPv4 address or a bracketed IPv6 address), as grpc-js dials it. */
const hostPort = (raw: string): string => {
  const match = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(raw);
  if (!match || Number(match[1]) > 65535) throw new Error(`"${raw}" is not host:port`);
  return raw;
};

/** A Kafka consumer group id that also gives a legal DLQ topic name. */
const consumerGroup = (raw: string): string => {
  try {
    dlqTopicFor(raw);
  } catch (err) {
    if ((err as { code?: string }).code !== 'CONTRACT.VIOLATION') throw err;
    throw new Error(`"${raw}" is not a consumer group id ([a-zA-Z0-9._-], short enough to name its DLQ topic)`);
  }
  return raw;
};

/** The token key: long enough for HS256. The message never repeats the value. */
const jwtSecret = (raw: string): string => {
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) throw new Error(`must be at least ${MIN_JWT_SECRET_BYTES} bytes (it has ${bytes}); generate one with: openssl rand -base64 48`);
  return raw;
};

const tokenLifetime = (raw: string): number => {
  const seconds = parse.positiveInt(raw);
  if (seconds < 60 || seconds > MAX_JWT_TTL_SECONDS) throw new Error(`"${raw}" is not between 60 and ${MAX_JWT_TTL_SECONDS} seconds`);
  return seconds;
};

/**
 * Every variable the gateway reads (also documented in .env.example). The topic it projects is
 * not among them: it is the platform's one complaint stream, `COMPLAINT_EVENTS_TOPIC`.
 */
export const GATEWAY_CONFIG: ConfigSpec<GatewayConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'GATEWAY_DB_SCHEMA', default: 'gateway', parse: parse.identifier, description: "the gateway's own schema (users, read model, inbox)" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'GATEWAY_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address the REST API (and health endpoints) binds' },
  httpPort: { env: 'GATEWAY_HTTP_PORT', default: '3000', parse: parse.port, description: 'port of the REST API (and health endpoints)' },
  grpcAddress: {
    env: 'GATEWAY_GRPC_ADDRESS',
    default: '127.0.0.1:50050',
    parse: hostPort,
    description: "host:port the public gRPC API binds (pengaduan.v1.OfficeComplaintsService for the offices' systems, with health checking and reflection)",
  },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', default: '127.0.0.1:50051', parse: hostPort, description: "host:port of intake's internal gRPC API" },
  dispositionGrpcUrl: { env: 'DISPOSITION_GRPC_URL', default: '127.0.0.1:50052', parse: hostPort, description: "host:port of disposition's internal gRPC API" },
  analysisGrpcUrl: { env: 'ANALYSIS_GRPC_URL', default: '127.0.0.1:50053', parse: hostPort, description: "host:port of analysis's internal gRPC API" },
  teamDecreeGrpcUrl: { env: 'TEAM_DECREE_GRPC_URL', default: '127.0.0.1:50054', parse: hostPort, description: "host:port of team-decree's internal gRPC API" },
  notificationGrpcUrl: { env: 'NOTIFICATION_GRPC_URL', default: '127.0.0.1:50055', parse: hostPort, description: "host:port of notification's internal gRPC API" },
  intakeWebhooksUrl: {
    env: 'INTAKE_WEBHOOKS_URL',
    default: 'http://127.0.0.1:3101',
    parse: parse.url(['http:', 'https:']),
    description: "intake's HTTP base URL, where the public /webhooks/… are forwarded",
  },
  projectionGroup: {
    env: 'GATEWAY_PROJECTION_GROUP',
    default: 'gateway-projection',
    parse: consumerGroup,
    description: 'Kafka consumer group of the read model (complaint states, views, timelines); also names its DLQ topic',
  },
  projectionConcurrency: {
    env: 'GATEWAY_PROJECTION_CONCURRENCY',
    default: '3',
    parse: parse.positiveInt,
    description: 'partitions of the complaint stream the read model applies at once (each in order); more keeps the views current through a burst of events',
  },
  jwtSecret: {
    env: 'GATEWAY_JWT_SECRET',
    parse: jwtSecret,
    description: `SECRET: HMAC key signing the officers' access tokens (HS256), at least ${MIN_JWT_SECRET_BYTES} bytes`,
  },
  jwtTtlSeconds: {
    env: 'GATEWAY_JWT_TTL_SECONDS',
    default: '28800',
    parse: tokenLifetime,
    description: 'lifetime of an access token in seconds (default 8 h, one shift)',
  },
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfigParts(
    () => loadConfig(GATEWAY_CONFIG, env),
    () => ({ eventSigning: loadEventSigning(env) }),
  );
}

/** The configuration of the `user` and `seed-demo` commands: the database alone, no secret, no Kafka. */
export function loadGatewayCliConfig(env: NodeJS.ProcessEnv = process.env): GatewayCliConfig {
  return loadConfig<GatewayCliConfig>({ databaseUrl: GATEWAY_CONFIG.databaseUrl, databaseSchema: GATEWAY_CONFIG.databaseSchema }, env);
}
