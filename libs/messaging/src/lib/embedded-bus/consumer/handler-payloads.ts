import type { Batch, EachBatchPayload } from 'kafkajs';
import { toKafkaMessage, type StoredRecord } from '../records';

/** What the handlers of one partition's records are given besides them. */
export interface Delivery {
  topic: string;
  partition: number;
  /** `topic:partition` */
  key: string;
  autoCommit: boolean;
  heartbeat: () => Promise<void>;
  pause: () => () => void;
}

/** kafkajs' Batch over records of one partition fetched from the bus (never empty): the bus has no lag to report. */
export function batchOfRecords(records: StoredRecord[]): Batch {
  const { topic, partition } = records[0];
  const last = records[records.length - 1].offset;
  return {
    topic,
    partition,
    highWatermark: (BigInt(last) + 1n).toString(),
    messages: records.map(toKafkaMessage),
    isEmpty: () => records.length === 0,
    firstOffset: () => records[0]?.offset ?? null,
    lastOffset: () => last,
    offsetLag: () => '0',
    offsetLagLow: () => '0',
  };
}

/** What an `eachBatch` payload needs from the consumer. */
export interface BatchPayloadHooks {
  heartbeat: () => Promise<void>;
  pause: () => () => void;
  isRunning: () => boolean;
  /** `commitOffsetsIfNecessary`: given the offset the handler resolved last, if any. */
  commitResolved: (resolved: string) => Promise<void>;
}

/** The payload handed to `eachBatch`, and the offset its handler has resolved so far. */
export function batchPayload(batch: Batch, hooks: BatchPayloadHooks): { payload: EachBatchPayload; resolved: () => string | undefined } {
  let resolved: string | undefined;
  const payload: EachBatchPayload = {
    batch,
    resolveOffset: (offset) => {
      resolved = offset;
    },
    heartbeat: hooks.heartbeat,
    pause: hooks.pause,
    commitOffsetsIfNecessary: async () => {
      if (resolved !== undefined) await hooks.commitResolved(resolved);
    },
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: hooks.isRunning,
    isStale: () => false,
  };
  return { payload, resolved: () => resolved };
}
