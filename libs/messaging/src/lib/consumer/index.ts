// The Kafka event consumer: inbox-deduplicated, batched per partition, with a DLQ (docs/adr/0031).
export type { ConsumedEvent, EventConsumerOptions, EventHandler } from './consumer-options';
export { EventConsumer } from './event-consumer';
export { redrive, type DeadLetteredMessage } from './redrive';
