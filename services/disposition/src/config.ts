import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';

export interface DispositionConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  /** Where intake's gRPC API is (it screens officers' texts for the reporter's contact, and owns the offices' profiles: the letterhead). */
  intakeGrpcUrl: string;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** Every variable disposition reads (to be documented in .env.example). */
export const DISPOSITION_CONFIG: ConfigSpec<DispositionConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'DISPOSITION_DB_SCHEMA', default: 'disposition', parse: parse.identifier, description: "disposition's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'DISPOSITION_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'DISPOSITION_HTTP_PORT', ...planned.port(SERVICE_PORTS.disposition.http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: {
    env: 'DISPOSITION_GRPC_ADDRESS',
    ...planned.address(SERVICE_PORTS.disposition.grpc),
    parse: parse.string,
    description: 'host:port the internal gRPC API (DispositionService) binds',
  },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: "host:port of intake's internal gRPC API (screens officers' texts; the offices' profiles)" },
};

export function loadDispositionConfig(env: NodeJS.ProcessEnv = process.env): DispositionConfig {
  return loadConfigParts(
    () => loadConfig(DISPOSITION_CONFIG, env),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('disposition', env)),
  );
}
