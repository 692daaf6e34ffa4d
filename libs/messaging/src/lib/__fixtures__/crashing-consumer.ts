// Runs an EventConsumer whose process is killed (SIGKILL, no clean-up of any kind) when its
// handler is handed POISON_ID: a poison event that takes the process down in the middle of a batch
// transaction. Its effect is the tests' one `effect` row per event. Its Kafka consumer commits the
// resolved offsets after every chunk (autoCommitThreshold 1), so a test can see that an offset
// never runs ahead of the effects, and has a short session, so that the group's next member does
// not wait half a minute for this dead one.
import { createServiceDataSource } from '@pengaduan/persistence';
import { createLogger } from '@pengaduan/runtime';
import type { ConsumerConfig, ConsumerRunConfig, Kafka } from 'kafkajs';
import { EventConsumer } from '../consumer';
import { MESSAGING_ENTITIES } from '../entities';
import { createKafka } from '../kafka';

const env = (name: string): string => process.env[name] ?? '';

/** The client EventConsumer gets: kafkajs', with the consumer settings above. */
function quickGroup(kafka: Kafka): Kafka {
  return {
    producer: kafka.producer.bind(kafka),
    admin: kafka.admin.bind(kafka),
    consumer: (config: ConsumerConfig) => {
      const consumer = kafka.consumer({ ...config, sessionTimeout: 6_000, rebalanceTimeout: 10_000, heartbeatInterval: 1_000 });
      const run = consumer.run.bind(consumer);
      consumer.run = (options?: ConsumerRunConfig) => run({ ...options, autoCommitThreshold: 1 });
      return consumer;
    },
  } as unknown as Kafka;
}

async function main(): Promise<void> {
  const logger = createLogger('crashing-consumer', 'warn');
  const dataSource = createServiceDataSource({
    url: env('DATABASE_URL'),
    schema: env('SCHEMA'),
    applicationName: 'crashing-consumer',
    entities: MESSAGING_ENTITIES,
    migrations: [],
  });
  await dataSource.initialize();
  const consumer = new EventConsumer({
    kafka: quickGroup(createKafka({ brokers: env('KAFKA_BROKERS').split(','), clientId: 'crashing-consumer', logger })),
    dataSource,
    logger,
    groupId: env('GROUP_ID'),
    topics: [env('TOPIC')],
    maxAttempts: Number(env('MAX_ATTEMPTS')),
    maxBatchEvents: Number(env('MAX_BATCH_EVENTS')),
    handler: async (event, tx) => {
      if (event.envelope.id === env('POISON_ID')) {
        process.kill(process.pid, 'SIGKILL');
        await new Promise<void>(() => undefined);
      }
      await tx.query('INSERT INTO effect (event_id, complaint_id, consumer) VALUES ($1, $2, $3)', [event.envelope.id, event.envelope.subject, env('GROUP_ID')]);
    },
  });
  await consumer.start();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
