// The in-process bus behind the messaging port for the embedded default (docs/adr/0020).
export { closeSharedEmbeddedBuses, EMBEDDED_BUS_SCHEMA, EmbeddedBus, EmbeddedBusError, sharedEmbeddedBus, type EmbeddedBusOptions, type TopicSpec } from './bus';
export { embeddedKafka } from './client';
