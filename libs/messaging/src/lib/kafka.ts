import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { embeddedKafka, sharedEmbeddedBus } from './embedded-bus';
import type { KafkaSecurity } from './kafka-security';

/**
 * `KAFKA_BROKERS=embedded`: the messaging port runs on the in-process bus of the embedded default
 * (docs/adr/0020) instead of a Kafka cluster, its log kept in the Postgres named by
 * `EMBEDDED_BUS_DATABASE_URL`. The one switch: the relay, the consumers, their DLQ producers and the
 * audit's reader all get their client from createKafka.
 */
export const EMBEDDED_BROKERS = 'embedded';

/** The variable naming the Postgres of the embedded bus. */
export const EMBEDDED_BUS_DATABASE_URL = 'EMBEDDED_BUS_DATABASE_URL';

/** Whether a broker list selects the embedded bus. */
export function isEmbeddedBrokers(brokers: readonly string[]): boolean {
  return brokers.length === 1 && brokers[0] === EMBEDDED_BROKERS;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * A kafkajs client whose own log lines go out through the service's JSON logger, over TLS and
 * SASL when `security` says so (loadKafkaSecurity); for the broker list `embedded`, the embedded
 * bus's client of the same shape (its Postgres from `embeddedBusUrl`, else
 * EMBEDDED_BUS_DATABASE_URL), which has no network and ignores `security`.
 */
export function createKafka(options: { brokers: string[]; clientId: string; logger: Logger; embeddedBusUrl?: string; security?: KafkaSecurity } & Partial<KafkaConfig>): Kafka {
  const { brokers, clientId, logger, embeddedBusUrl, security, ...rest } = options;
  if (isEmbeddedBrokers(brokers)) {
    const connectionString = embeddedBusUrl ?? process.env[EMBEDDED_BUS_DATABASE_URL];
    if (!connectionString) {
      throw new Error(`KAFKA_BROKERS=${EMBEDDED_BROKERS} selects the embedded bus, which needs ${EMBEDDED_BUS_DATABASE_URL} (the Postgres holding its log)`);
    }
    return embeddedKafka(sharedEmbeddedBus({ connectionString }), { clientId, logger });
  }
  const child = logger.child({ component: 'kafkajs' });
  return new Kafka({
    brokers,
    clientId,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, timestamp: _t, logger: _l, ...extra } = log;
        child[LEVELS[level] ?? 'info'](extra, message);
      },
    ...(security?.ssl ? { ssl: security.ssl } : {}),
    ...(security?.sasl ? { sasl: security.sasl } : {}),
    ...rest,
  });
}

/**
 * The producer the relay and the DLQ use: idempotent (the broker drops a retried duplicate
 * of a batch), `acks=all` on every send, one request in flight so order holds per partition.
 * The partitioner is the Java client's murmur2, so other offices' consumers agree on it.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
