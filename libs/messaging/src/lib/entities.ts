import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event waiting to be published, or (once `publishedAt` is set) the service's journal of
 * what it published. Written in the same transaction as the state change that caused it.
 * Rows are never deleted: Postgres is the record of truth and a lost topic can be re-fed
 * from the journals (DESIGN.md, "Reliability rules").
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** Publication order: the relay publishes unpublished rows by ascending `seq`. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  /** The CloudEvents `id` of the event; unique, so an event is journalled once. */
  @Column({ type: 'uuid', unique: true })
  eventId!: string;

  /** CloudEvents `type`, for queries over the journal. */
  @Column({ type: 'text' })
  eventType!: string;

  /** Kafka topic the event goes to. */
  @Column({ type: 'text' })
  topic!: string;

  /** Kafka message key: the complaint id, so one complaint's events keep their order. */
  @Column({ type: 'text' })
  messageKey!: string;

  /** The envelope exactly as it is published (UTF-8 JSON), byte for byte. */
  @Column({ type: 'text' })
  body!: string;

  /** Kafka headers sent with the message. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  headers!: Record<string, string>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When the broker acknowledged it (acks=all); null while waiting. */
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Publication attempts so far, including failed ones. */
  @Column({ type: 'int', default: 0 })
  publishAttempts!: number;

  /** The last publication error, for operators. */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/**
 * One event a consumer group has seen. A row with `processedAt` set means the group's effect
 * for that event is committed (in the same transaction), so a redelivery is a no-op. Attempts
 * are counted outside the effect's transaction, so a poison event is given up on purpose
 * after a bounded number of tries, even across crashes.
 */
@Entity({ name: 'inbox' })
export class InboxRecord {
  /** The consumer group that handled the event. */
  @PrimaryColumn({ type: 'text' })
  consumerGroup!: string;

  /** The CloudEvents `id` of the event. */
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  eventType!: string;

  /** The complaint the event is about. */
  @Column({ type: 'text' })
  subject!: string;

  /** Where it was read from, for operators. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  @Column({ type: 'bigint' })
  kafkaOffset!: string;

  /** Attempts begun (incremented before each try, outside the effect's transaction). */
  @Column({ type: 'int', default: 0 })
  startedAttempts!: number;

  /** Attempts that ended, in success or failure. */
  @Column({ type: 'int', default: 0 })
  finishedAttempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  /** Set in the transaction of the effect: the event has been handled. */
  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  /** Set when the event was given up on and sent to the consumer group's DLQ. */
  @Column({ type: 'timestamptz', nullable: true })
  deadLetteredAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}

/** Entities every service data source must include. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxRecord];
