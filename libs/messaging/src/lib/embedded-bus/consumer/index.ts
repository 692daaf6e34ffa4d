// kafkajs' consumer on the embedded bus (docs/adr/0020).
export { CONSUMER_EVENTS } from './consumer-events';
export { EmbeddedConsumer } from './embedded-consumer';
