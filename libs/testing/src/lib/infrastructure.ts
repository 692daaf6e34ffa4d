import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the real Kafka broker and Postgres server of a test run are. */
export interface TestInfrastructure {
  kafkaBrokers: string[];
  databaseUrl: string;
  /** How they were found: from the environment, from Testcontainers, or from deploy/local. */
  origin: { kafka: 'env' | 'testcontainers' | 'local-script'; postgres: 'env' | 'testcontainers' | 'local-server' };
  /** What this run started and must stop in the global teardown. */
  started: { localKafka: boolean; containerIds: string[] };
}

export const REPO_ROOT = resolve(__dirname, '../../../..');
const STATE_FILE = join(REPO_ROOT, '.local', 'test-infrastructure.json');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/pengaduan_test';

/**
 * The broker tests start is not the developer's: its own port and data directory, so a
 * platform running with `npm start` (port 9092) never sees the tests' events.
 */
export const TEST_KAFKA_PORT = process.env['TEST_KAFKA_PORT'] ?? '19092';
const testKafkaEnv = () => ({ ...process.env, KAFKA_PORT: TEST_KAFKA_PORT, KAFKA_LOCAL_DIR: join(REPO_ROOT, '.local', 'kafka-test') });

/** Is there a Docker engine (not just a client) that answers? */
async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds or starts the real Kafka and Postgres for this run, in this order (DESIGN.md,
 * "Where Kafka and Postgres come from"): `KAFKA_BROKERS` / `DATABASE_URL` when set; else
 * Testcontainers when a Docker engine answers; else the `deploy/local` scripts (Kafka from
 * Maven Central jars, the machine's Postgres). Never a mock.
 */
export async function provideTestInfrastructure(log: (msg: string) => void): Promise<TestInfrastructure> {
  const infra: TestInfrastructure = {
    kafkaBrokers: [],
    databaseUrl: '',
    origin: { kafka: 'env', postgres: 'env' },
    started: { localKafka: false, containerIds: [] },
  };
  const envBrokers = process.env['KAFKA_BROKERS'];
  const envDatabase = process.env['DATABASE_URL'];
  const docker = !envBrokers || !envDatabase ? await dockerEngineAnswers() : false;

  if (envBrokers) {
    infra.kafkaBrokers = envBrokers.split(',').map((b) => b.trim());
  } else if (docker) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    // Pinned to the same Kafka as deploy/local/kafka/pom.xml (docs/adr/0003-kafka-4-from-maven-central.md).
    const kafka = await new KafkaContainer('apache/kafka:4.1.1').withKraft().start();
    infra.kafkaBrokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
    infra.origin.kafka = 'testcontainers';
    infra.started.containerIds.push(kafka.getId());
  } else {
    log('no KAFKA_BROKERS and no Docker engine: starting Kafka with deploy/local/kafka.sh');
    const before = await localKafkaRunning();
    await run('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'start'], { timeout: 600_000, env: testKafkaEnv() });
    infra.kafkaBrokers = [`127.0.0.1:${TEST_KAFKA_PORT}`];
    infra.origin.kafka = 'local-script';
    infra.started.localKafka = !before;
  }

  if (envDatabase) {
    infra.databaseUrl = envDatabase;
  } else if (docker) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:15.13-alpine').start();
    infra.databaseUrl = pg.getConnectionUri();
    infra.origin.postgres = 'testcontainers';
    infra.started.containerIds.push(pg.getId());
  } else {
    infra.databaseUrl = DEFAULT_DATABASE_URL;
    infra.origin.postgres = 'local-server';
  }

  // Topics and the test database are created the same way in every case.
  await run('node', [join(REPO_ROOT, 'deploy/local/prepare-postgres.mjs')], {
    env: { ...process.env, DATABASE_URL: infra.databaseUrl },
    timeout: 60_000,
  });
  await run('node', [join(REPO_ROOT, 'deploy/local/topics.mjs')], {
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers.join(',') },
    timeout: 120_000,
  });

  mkdirSync(join(REPO_ROOT, '.local'), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(infra, null, 2));
  return infra;
}

async function localKafkaRunning(): Promise<boolean> {
  try {
    await run('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'status'], { timeout: 5_000, env: testKafkaEnv() });
    return true;
  } catch {
    return false;
  }
}

/** Stops what `provideTestInfrastructure` started (unless KEEP_TEST_INFRASTRUCTURE=1). */
export async function releaseTestInfrastructure(infra: TestInfrastructure, log: (msg: string) => void): Promise<void> {
  if (process.env['KEEP_TEST_INFRASTRUCTURE'] === '1') return;
  if (infra.started.localKafka) {
    log('stopping the Kafka broker this run started');
    await run('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'stop'], { timeout: 60_000, env: testKafkaEnv() });
  }
  for (const id of infra.started.containerIds) {
    await run('docker', ['rm', '-f', id], { timeout: 30_000 }).catch(() => undefined);
  }
}

/**
 * The infrastructure of the current run, as the global setup found it. Test files call this
 * (it reads the environment the global setup exported, or its state file).
 */
export function testInfrastructure(): Pick<TestInfrastructure, 'kafkaBrokers' | 'databaseUrl'> {
  const brokers = process.env['KAFKA_BROKERS'];
  const url = process.env['DATABASE_URL'];
  if (brokers && url) return { kafkaBrokers: brokers.split(','), databaseUrl: url };
  if (!existsSync(STATE_FILE)) {
    throw new Error('no test infrastructure: run integration tests through jest.config.js (its global setup starts Kafka and Postgres)');
  }
  const infra = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as TestInfrastructure;
  return { kafkaBrokers: infra.kafkaBrokers, databaseUrl: infra.databaseUrl };
}
