import type { IHeaders } from 'kafkajs';

/** The schema the embedded bus keeps its log and its groups' offsets in, unless told otherwise. */
export const EMBEDDED_BUS_SCHEMA = 'embedded_bus';

export interface EmbeddedBusOptions {
  /** Postgres holding the log (the embedded platform's own PGlite, or a real Postgres in tests). */
  connectionString: string;
  /** Its schema (default `embedded_bus`); created with its tables when missing. */
  schema?: string;
  /**
   * How often an idle consumer looks at the log when nothing woke it (default 1 s). Appends made
   * through this bus instance wake its consumers at once; the poll finds those of another process.
   */
  pollIntervalMs?: number;
  /** Connections to Postgres (default 4). */
  poolSize?: number;
}

/** A message to append, partition already chosen. */
export interface AppendMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  timestamp?: string;
}

/** Where an append went: per partition, the offset of its first record. */
export interface AppendResult {
  topic: string;
  partition: number;
  baseOffset: string;
}

export interface PartitionOffsets {
  partition: number;
  /** The first offset still in the log. */
  low: string;
  /** The next offset to be written (Kafka's high watermark). */
  high: string;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

/** A consumer taking part in a group, as the bus's in-process coordinator sees it. */
export interface GroupMember {
  readonly memberId: string;
}
