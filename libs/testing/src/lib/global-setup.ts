import { provideTestInfrastructure } from './infrastructure';

/** Jest global setup of the int and e2e projects: real Kafka and Postgres, once per run. */
export default async function globalSetup(): Promise<void> {
  const log = (msg: string) => process.stderr.write(`[test-infrastructure] ${msg}\n`);
  const infra = await provideTestInfrastructure(log);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers.join(',');
  process.env['DATABASE_URL'] = infra.databaseUrl;
  (globalThis as { __pengaduanInfra?: unknown }).__pengaduanInfra = infra;
  log(`kafka ${infra.kafkaBrokers.join(',')} (${infra.origin.kafka}), postgres (${infra.origin.postgres})`);
}
