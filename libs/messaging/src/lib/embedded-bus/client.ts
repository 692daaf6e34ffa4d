import type { Admin, Consumer, ConsumerConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { EmbeddedAdmin } from './admin';
import type { EmbeddedBus } from './bus';
import { EmbeddedConsumer } from './consumer';
import { EmbeddedProducer } from './producer';

/**
 * The part of kafkajs' `Kafka` the platform uses, on the embedded bus: what libs/messaging (the
 * relay, EventConsumer and its DLQ producer, ServiceRuntime's readiness) and the audit's reader
 * call. Anything else answers with an error naming it, rather than `undefined is not a function`.
 */
export function embeddedKafka(bus: EmbeddedBus, options: { clientId: string; logger: Logger }): Kafka {
  const logger = options.logger.child({ component: 'embedded-bus' });
  const client = {
    producer: (config?: ProducerConfig) => unsupportedBeyond<Producer>(new EmbeddedProducer(bus, config), 'producer'),
    consumer: (config: ConsumerConfig) => unsupportedBeyond<Consumer>(new EmbeddedConsumer(bus, config, logger, options.clientId), 'consumer'),
    admin: () => unsupportedBeyond<Admin>(new EmbeddedAdmin(bus), 'admin'),
    logger: () => {
      throw new Error('the embedded bus has no kafkajs logger (its lines go to the service logger)');
    },
  };
  return client as unknown as Kafka;
}

/** `impl` as kafkajs' type; a member it lacks throws, naming itself, when called. */
function unsupportedBeyond<T>(impl: object, kind: string): T {
  return new Proxy(impl, {
    get(target, prop, receiver) {
      if (prop in target) {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      return () => {
        throw new Error(`the embedded bus does not implement ${kind}.${prop}()`);
      };
    },
  }) as T;
}
