import { Partitioners, type Message, type PartitionMetadata, type ProducerBatch, type ProducerConfig, type ProducerRecord, type RecordMetadata } from 'kafkajs';
import { EventEmitter } from 'node:events';
import { unknownTopic, type EmbeddedBus } from './bus';
import { instrumentationEvent } from './events';

export const PRODUCER_EVENTS = {
  CONNECT: 'producer.connect',
  DISCONNECT: 'producer.disconnect',
  REQUEST: 'producer.network.request',
  REQUEST_TIMEOUT: 'producer.network.request_timeout',
  REQUEST_QUEUE_SIZE: 'producer.network.request_queue_size',
} as const;

/**
 * kafkajs' producer on the embedded bus: `send` / `sendBatch` append in one transaction and
 * resolve once the records are durable, which is what `acks=-1` asks of Kafka. The partition
 * comes from the configured partitioner (kafkajs' DefaultPartitioner, the Java client's murmur2
 * on the key, unless told otherwise), so a key lands in the partition it would on Kafka.
 */
export class EmbeddedProducer {
  readonly events = PRODUCER_EVENTS;
  private readonly emitter = new EventEmitter();
  private readonly partitioner: ReturnType<NonNullable<ProducerConfig['createPartitioner']>>;
  private connected = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly config: ProducerConfig = {},
  ) {
    this.partitioner = (config.createPartitioner ?? Partitioners.DefaultPartitioner)();
  }

  async connect(): Promise<void> {
    await this.bus.ready();
    this.connected = true;
    this.emitter.emit(PRODUCER_EVENTS.CONNECT, instrumentationEvent(PRODUCER_EVENTS.CONNECT, {}));
  }

  /** Waits for the sends in flight, then stops taking more. */
  async disconnect(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    if (this.connected) this.emitter.emit(PRODUCER_EVENTS.DISCONNECT, instrumentationEvent(PRODUCER_EVENTS.DISCONNECT, {}));
    this.connected = false;
  }

  isIdempotent(): boolean {
    return this.config.idempotent ?? false;
  }

  on(eventName: string, listener: (event: unknown) => void): () => void {
    this.emitter.on(eventName, listener);
    return () => this.emitter.off(eventName, listener);
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return this.sendBatch({ acks: record.acks, topicMessages: [{ topic: record.topic, messages: record.messages }] });
  }

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    const work = this.append(batch);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private async append(batch: ProducerBatch): Promise<RecordMetadata[]> {
    if (!this.connected) throw new Error('The producer is disconnected (embedded bus)');
    const byPartition = new Map<string, { topic: string; partition: number; messages: Message[] }>();
    for (const { topic, messages } of batch.topicMessages ?? []) {
      const partitions = await this.bus.partitionsOf(topic);
      if (partitions === undefined) throw unknownTopic(topic);
      const partitionMetadata = metadataOf(partitions);
      for (const message of messages) {
        const partition = message.partition ?? this.partitioner({ topic, partitionMetadata, message });
        const key = `${topic}:${partition}`;
        const group = byPartition.get(key) ?? { topic, partition, messages: [] };
        group.messages.push(message);
        byPartition.set(key, group);
      }
    }
    const appended = await this.bus.append([...byPartition.values()]);
    return appended.map((a) => ({ topicName: a.topic, partition: a.partition, errorCode: 0, baseOffset: a.baseOffset, logAppendTime: '-1', logStartOffset: '0' }));
  }
}

/**
 * Metadata of `partitions` partitions, all led by one broker: what a partitioner needs to pick a
 * partition by key (the bus's producer, and the relay choosing a chain, ADR 0034).
 */
export function metadataOf(partitions: number): PartitionMetadata[] {
  let m = metadataCache.get(partitions);
  if (!m) {
    m = Array.from({ length: partitions }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
    metadataCache.set(partitions, m);
  }
  return m;
}

const metadataCache = new Map<number, PartitionMetadata[]>();
