import { loadConfig, parse, type ConfigSpec } from '@pengaduan/runtime';

export interface NotificationConfig {
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcAddress: string;
}

/** Every variable notification reads (to be documented in .env.example). */
export const NOTIFICATION_CONFIG: ConfigSpec<NotificationConfig> = {
  databaseUrl: { env: 'DATABASE_URL', parse: parse.url(['postgres:', 'postgresql:']), description: 'Postgres connection URL' },
  databaseSchema: { env: 'NOTIFICATION_DB_SCHEMA', default: 'notification', parse: parse.identifier, description: "notification's own schema" },
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: parse.list, description: 'Kafka bootstrap brokers, host:port,…' },
  httpHost: { env: 'NOTIFICATION_HTTP_HOST', default: '127.0.0.1', parse: parse.string, description: 'address of the health endpoints' },
  httpPort: { env: 'NOTIFICATION_HTTP_PORT', default: '3105', parse: parse.port, description: 'port of the health endpoints' },
  grpcAddress: {
    env: 'NOTIFICATION_GRPC_ADDRESS',
    default: '127.0.0.1:50055',
    parse: parse.string,
    description: 'host:port the internal gRPC API binds (the gateway calls it)',
  },
};

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  return loadConfig(NOTIFICATION_CONFIG, env);
}
