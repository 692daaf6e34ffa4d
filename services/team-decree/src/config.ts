import { loadEventSigning, loadTransportSecurity, type EventSigning, type KafkaSecurity } from '@pengaduan/messaging';
import { loadConfig, loadConfigParts, parse, planned, SERVICE_PORTS, type ConfigSpec, type GrpcTls } from '@pengaduan/runtime';

export interface TeamDecreeConfig {
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

/** Every variable team-decree reads (to be documented in .env.example). */
export const TEAM_DECREE_CONFIG: ConfigSpec<TeamDecreeConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'TEAM_DECREE_DB_SCHEMA', default: 'team_decree', parse: parse.identifier, description: "team-decree's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'TEAM_DECREE_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'TEAM_DECREE_HTTP_PORT', ...planned.port(SERVICE_PORTS['team-decree'].http), parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: { env: 'TEAM_DECREE_GRPC_ADDRESS', ...planned.address(SERVICE_PORTS['team-decree'].grpc), parse: parse.string, description: 'host:port the internal gRPC API binds' },
  intakeGrpcUrl: { env: 'INTAKE_GRPC_URL', ...planned.address(SERVICE_PORTS.intake.grpc), parse: parse.string, description: "host:port of intake's internal gRPC API (screens officers' texts; the offices' profiles)" },
};

export function loadTeamDecreeConfig(env: NodeJS.ProcessEnv = process.env): TeamDecreeConfig {
  return loadConfigParts(
    () => loadConfig(TEAM_DECREE_CONFIG, env),
    () => loadConfigParts(() => ({ eventSigning: loadEventSigning(env) }), () => loadTransportSecurity('team-decree', env)),
  );
}
