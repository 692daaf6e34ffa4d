import { COMPLAINT_EVENTS_TOPIC, generateEventSigningKey } from '@pengaduan/contracts';
import { dropSchema, freePort, ServiceProcess, startGroupAtEnd, testInfrastructure, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';

/** intake as its own process, for a gateway suite that talks to the real thing. */
export interface IntakeProcess {
  process: ServiceProcess;
  /** Its schema on the run's Postgres. */
  schema: string;
  /** `127.0.0.1:<port>` of its internal gRPC API. */
  grpcAddress: string;
  /** Base URL of its HTTP server (the webhooks the gateway forwards). */
  httpUrl: string;
  /** Stops it and drops its schema. */
  stop(): Promise<void>;
}

/**
 * Starts intake from its sources as main.ts runs it, on a schema of its own (named after `name`),
 * on ports of its own and the run's Kafka, signing its events, its state consumer reading only
 * what is published from now on; resolves once it is ready. `env`: more of its variables.
 */
export async function startIntakeProcess(name: string, env: Record<string, string> = {}): Promise<IntakeProcess> {
  const infra = testInfrastructure();
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const schema = uniqueSchemaName(`intake_${name}`);
  const prefix = `${name.replace(/_/g, '-')}-${uniqueSuffix()}.`;
  await startGroupAtEnd(`${prefix}intake`, COMPLAINT_EVENTS_TOPIC);
  const key = generateEventSigningKey('intake-test', 'pengaduan/intake');
  const service = new ServiceProcess(
    'intake',
    {
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_GROUP_PREFIX: prefix,
      EVENT_SIGNING_KEY: key.privateKey,
      EVENT_PUBLIC_KEYS: key.publicEntry,
      INTAKE_DB_SCHEMA: schema,
      INTAKE_HTTP_PORT: String(httpPort),
      INTAKE_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      REPORTER_CONTACT_KEY: randomBytes(32).toString('base64'),
      NOTIFICATION_GRPC_URL: '127.0.0.1:9',
      ...env,
    },
    `http://127.0.0.1:${httpPort}`,
  ).start();
  const stop = async () => {
    await service.stop();
    await dropSchema(schema);
  };
  try {
    await service.waitUntilReady(120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { process: service, schema, grpcAddress: `127.0.0.1:${grpcPort}`, httpUrl: `http://127.0.0.1:${httpPort}`, stop };
}
