import type { EventKeyRing, EventType, ParsedEvent } from '@pengaduan/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A validated event as a handler receives it: the parsed envelope and payload (narrow on
 * `type` to get the payload's generated type) and where it was read from.
 */
export type ConsumedEvent = ParsedEvent & {
  topic: string;
  partition: number;
  offset: string;
};

/**
 * Applies one event's effect using `tx`, the entity manager of the transaction in which the
 * inbox row is committed. Events it emits go through appendToOutbox(tx, …), so effect,
 * inbox row and new events commit together. The transaction may hold other events of the same
 * partition before and after this one (each behind a savepoint of its own, docs/adr/0031).
 */
export type EventHandler = (event: ConsumedEvent, tx: EntityManager) => Promise<void>;

export interface EventConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  logger: Logger;
  /** The consumer group: one per service (and per purpose). Names the inbox rows and the DLQ topic. */
  groupId: string;
  /** The Kafka consumer group id, when it differs from `groupId` (an environment prefix). */
  kafkaGroupId?: string;
  topics: string[];
  handler: EventHandler;
  /** Attempts before an event is sent to the DLQ (default 5). */
  maxAttempts?: number;
  /** Backoff between attempts (defaults 200 ms doubling to 5 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Read from the beginning when the group has no committed offset (default true). */
  fromBeginning?: boolean;
  /**
   * The event types this group acts on (default: all). A valid event of another type is passed
   * over before its signature is checked and before any database work (its offset moves on;
   * counted in `passedOver`): the group has nothing to do with it, so it costs no transaction,
   * and the groups that do act on its type verify it (docs/adr/0031). A malformed event is
   * dead-lettered as ever.
   */
  accepts?: (type: EventType) => boolean;
  /**
   * Partitions worked on at once (default 1). Each partition stays in order, so one complaint's
   * events (one key, one partition) are still applied one after the other; more than one lets a
   * consumer whose handler mostly waits on Postgres keep up with a burst.
   */
  partitionsConcurrently?: number;
  /**
   * The published keys (ADR 0015). With them, every valid event of a type the group acts on must
   * carry a signature that verifies with the key it names, published for its source; one that
   * does not is sent to the DLQ at once with the reason (it can never succeed), before any inbox
   * row or database work. Without them, events are not verified.
   */
  keyRing?: EventKeyRing;
  /**
   * Messages of one partition taken together at most (default 50): their inbox claims in one
   * statement, their effects in one transaction with a savepoint each (docs/adr/0031). Below 64
   * by default because each event's savepoint that writes takes a subtransaction id, and a
   * transaction holding more than 64 slows every other session's snapshots.
   */
  maxBatchEvents?: number;
}
