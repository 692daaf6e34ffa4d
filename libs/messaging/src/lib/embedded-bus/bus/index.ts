// The embedded bus's storage and in-process group coordination (docs/adr/0020).
export { EmbeddedBusError, unknownTopic } from './bus-errors';
export { EMBEDDED_BUS_SCHEMA, type AppendMessage, type AppendResult, type EmbeddedBusOptions, type GroupMember, type PartitionOffsets, type TopicSpec } from './bus-types';
export { EmbeddedBus } from './embedded-bus';
export { closeSharedEmbeddedBuses, sharedEmbeddedBus } from './shared-bus';
