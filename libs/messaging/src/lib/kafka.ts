import { Kafka, logLevel, Partitioners, type KafkaConfig, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go out through the service's JSON logger. */
export function createKafka(options: { brokers: string[]; clientId: string; logger: Logger } & Partial<KafkaConfig>): Kafka {
  const { brokers, clientId, logger, ...rest } = options;
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
