import { loadConfig, parse, type ConfigSpec } from '@pengaduan/runtime';

export interface IntakeConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
  reporterContactKey: string;
}

const base64Key = (raw: string): string => {
  if (Buffer.from(raw, 'base64').length !== 32) throw new Error('must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return raw;
};

/** Every variable intake reads (also documented in .env.example). */
export const INTAKE_CONFIG: ConfigSpec<IntakeConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'INTAKE_DB_SCHEMA', default: 'intake', parse: parse.identifier, description: "intake's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'INTAKE_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'INTAKE_HTTP_PORT', default: '3101', parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: { env: 'INTAKE_GRPC_ADDRESS', default: '127.0.0.1:50051', parse: parse.string, description: 'host:port the internal gRPC API binds' },
  reporterContactKey: {
    env: 'REPORTER_CONTACT_KEY',
    parse: base64Key,
    description: "AES-256 key that encrypts reporters' contacts at rest (base64, 32 bytes)",
  },
};

export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  return loadConfig(INTAKE_CONFIG, env);
}
