import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';

export interface AnalysisConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  /** Where intake's gRPC API is (it screens officers' texts for the reporter's contact). */
  intakeGrpcUrl: string;
  /** Signed events (EVENT_SIGNING_KEY, EVENT_PUBLIC_KEYS): read by loadEventSigning, not by this spec. */
  eventSigning?: EventSigning;
  /** Kafka's TLS and SASL (KAFKA_SSL_*, KAFKA_SASL_*): read by loadTransportSecurity, not by this spec. */
  kafkaSecurity?: KafkaSecurity;
  /** Internal gRPC over mutual TLS (GRPC_TLS_*): read by loadTransportSecurity, not by this spec. */
  grpcTls?: GrpcTls;
}

/** Every variable analysis reads (to be documented in .env.example). */
export const ANALYSIS_CONFIG: ConfigSpec<AnalysisConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'ANALYSIS_DB_SCHEMA', default: 'analysis', parse: parse.identifier, description: "analysis's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'ANALYSIS_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'ANALYSIS_HTTP_PORT', ...planned.port(SERVICE_PORTS.analysis.http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: { env: 'ANALYSIS_GRPC_ADDRESS', ...planned.address(SERVICE_PORTS.analysis.grpc), parse: parse.string, description: 'host:port the internal gRPC API binds' },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: "host:port of intake's internal gRPC API (screens officers' texts; the offices' profiles)" },
};

export function loadAnalysisConfig(env: NodeJS.ProcessEnv = process.env): AnalysisConfig {
  return loadConfigParts(
    () => loadConfig(ANALYSIS_CONFIG, env),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('analysis', env)),
  );
}
