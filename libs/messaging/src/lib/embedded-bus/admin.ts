import type { DeleteGroupsResult, FetchOffsetsPartition, ITopicConfig, ITopicMetadata, SeekEntry } from 'kafkajs';
import { EventEmitter } from 'node:events';
import { EmbeddedBusError, unknownTopic, type EmbeddedBus } from './bus';

export const ADMIN_EVENTS = {
  CONNECT: 'admin.connect',
  DISCONNECT: 'admin.disconnect',
  REQUEST: 'admin.network.request',
  REQUEST_TIMEOUT: 'admin.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'admin.network.request_queue_size',
} as const;

/** kafkajs' admin client on the embedded bus: topics, their offsets, the groups' offsets. */
export class EmbeddedAdmin {
  readonly events = ADMIN_EVENTS;
  private readonly emitter = new EventEmitter();

  constructor(private readonly bus: EmbeddedBus) {}

  on(eventName: string, listener: (event: unknown) => void): () => void {
    this.emitter.on(eventName, listener);
    return () => this.emitter.off(eventName, listener);
  }

  async connect(): Promise<void> {
    await this.bus.ready();
  }

  async disconnect(): Promise<void> {
    // nothing to release: the bus's connections are shared by the process
  }

  /** One "broker": the bus itself. Fails when its Postgres does not answer (readiness checks). */
  async describeCluster(): Promise<{ brokers: { nodeId: number; host: string; port: number }[]; controller: number | null; clusterId: string }> {
    await this.bus.ping();
    return { brokers: [{ nodeId: 0, host: 'embedded', port: 0 }], controller: 0, clusterId: `embedded-bus:${this.bus.schema}` };
  }

  listTopics(): Promise<string[]> {
    return this.bus.listTopics();
  }

  /** Creates the topics that are missing; true when it created every one of them (kafkajs: false when they existed). */
  async createTopics(options: { topics: ITopicConfig[]; validateOnly?: boolean; waitForLeaders?: boolean; timeout?: number }): Promise<boolean> {
    if (options.validateOnly) return true;
    const specs = options.topics.map((t) => ({
      name: t.topic,
      partitions: t.numPartitions ?? 1,
      config: Object.fromEntries((t.configEntries ?? []).map((e) => [e.name, e.value])),
    }));
    const created = await this.bus.createTopics(specs);
    return created.length === specs.length;
  }

  async fetchTopicMetadata(options?: { topics: string[] }): Promise<{ topics: ITopicMetadata[] }> {
    const names = options?.topics ?? (await this.bus.listTopics());
    const topics: ITopicMetadata[] = [];
    for (const name of names) {
      const partitions = await this.bus.partitionsOf(name);
      if (partitions === undefined) throw unknownTopic(name);
      topics.push({
        name,
        partitions: Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0], offlineReplicas: [] })),
      });
    }
    return { topics };
  }

  /** Per partition: `low` the first offset in the log, `high` (and `offset`) the next one to be written. */
  async fetchTopicOffsets(topic: string): Promise<(SeekEntry & { high: string; low: string })[]> {
    return (await this.bus.topicOffsets(topic)).map((o) => ({ partition: o.partition, offset: o.high, high: o.high, low: o.low }));
  }

  /** The group's committed offsets; `-1` for a partition it never committed, as Kafka answers. */
  async fetchOffsets(options: { groupId: string; topics?: string[]; resolveOffsets?: boolean }): Promise<{ topic: string; partitions: FetchOffsetsPartition[] }[]> {
    const topics = options.topics ?? (await this.bus.listTopics());
    const committed = await this.bus.committedOffsets(options.groupId, topics);
    const out: { topic: string; partitions: FetchOffsetsPartition[] }[] = [];
    for (const topic of topics) {
      const offsets = await this.bus.topicOffsets(topic);
      out.push({ topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: committed.get(`${topic}:${o.partition}`) ?? '-1', metadata: null })) });
    }
    return out;
  }

  /** Commits offsets for a group none of whose members runs (Kafka refuses it for an active group too). */
  async setOffsets(options: { groupId: string; topic: string; partitions: SeekEntry[] }): Promise<void> {
    if (this.bus.hasMembers(options.groupId)) throw new EmbeddedBusError(`The consumer group ${options.groupId} must have no running instances`, 'NON_EMPTY_GROUP');
    if ((await this.bus.partitionsOf(options.topic)) === undefined) throw unknownTopic(options.topic);
    await this.bus.commit(
      options.groupId,
      options.partitions.map((p) => ({ topic: options.topic, partition: p.partition, offset: p.offset })),
    );
  }

  async deleteGroups(groupIds: string[]): Promise<DeleteGroupsResult[]> {
    await this.bus.deleteGroups(groupIds);
    return groupIds.map((groupId) => ({ groupId, errorCode: 0 }));
  }
}
