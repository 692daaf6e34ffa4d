import { dlqTopicFor } from '@pengaduan/contracts';
import { loadConfig, parse, type ConfigSpec } from '@pengaduan/runtime';

export interface GatewayConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  intakeGrpcUrl: string;
  projectionGroup: string;
}

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

/**
 * Every variable the gateway reads (also documented in .env.example). The topic it projects is
 * not among them: it is the platform's one complaint stream, `COMPLAINT_EVENTS_TOPIC`.
 */
export const GATEWAY_CONFIG: ConfigSpec<GatewayConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'GATEWAY_DB_SCHEMA', default: 'gateway', parse: parse.identifier, description: "the gateway's own schema (read model, inbox)" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'GATEWAY_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address the REST API (and health endpoints) binds' },
  httpPort: { env: 'GATEWAY_HTTP_PORT', default: '3000', parse: parse.port, description: 'port of the REST API (and health endpoints)' },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', default: '127.0.0.1:50051', parse: hostPort, description: "host:port of intake's internal gRPC API" },
  projectionGroup: {
    env: 'GATEWAY_PROJECTION_GROUP',
    default: 'gateway-projection',
    parse: consumerGroup,
    description: 'Kafka consumer group of the read model (complaint views); also names its DLQ topic',
  },
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadConfig(GATEWAY_CONFIG, env);
}
