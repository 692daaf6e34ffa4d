// Runs an outbox relay that is killed (SIGKILL, no clean-up of any kind) right after the
// broker acknowledged its first batch and before it marks the rows published.
import { createServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
import { createIdempotentProducer, createKafka } from '../kafka';
import { MESSAGING_ENTITIES } from '../entities';
import { OutboxRelay } from '../relay';

async function main(): Promise<void> {
  const logger = createLogger('crashing-relay', 'warn');
  const dataSource = createServiceDataSource({
    url: process.env['DATABASE_URL'] ?? '',
    schema: process.env['SCHEMA'] ?? '',
    applicationName: 'crashing-relay',
    entities: MESSAGING_ENTITIES,
    migrations: [],
  });
  await dataSource.initialize();
  const kafka = createKafka({ brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','), clientId: 'crashing-relay', logger });
  const relay = new OutboxRelay({
    dataSource,
    producer: createIdempotentProducer(kafka),
    logger,
    afterSendBeforeMark: (ids) => {
      process.stdout.write(`sent ${ids.join(',')}\n`);
      process.kill(process.pid, 'SIGKILL');
      return new Promise<void>(() => undefined);
    },
  });
  await relay.start();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
