import { ContractViolation } from './contract-violation';
import topicsFile from './topic-definitions.json';

/** A Kafka topic as it is created: name, partition count and topic-level config. */
export interface TopicDefinition {
  /** Topic name. */
  readonly name: string;
  /** Number of partitions. */
  readonly partitions: number;
  /** Topic-level configuration (`retention.ms` …); anything absent is the broker's default. */
  readonly config: Readonly<Record<string, string>>;
}

/**
 * The complaint stream: every event of every complaint, keyed by complaint id so that the
 * events of one complaint are totally ordered. Retention is unlimited (it is the audit record).
 */
export const COMPLAINT_EVENTS_TOPIC = 'pengaduan.complaint-events.v1';

/** Prefix of the dead-letter topics, one per consumer group: `<prefix><group>`. */
export const DLQ_TOPIC_PREFIX = `${COMPLAINT_EVENTS_TOPIC}.dlq.`;

// Kafka's rules for topic names.
const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const TOPIC_NAME_MAX_LENGTH = 249;

function freezeTopic(topic: TopicDefinition): TopicDefinition {
  return Object.freeze({ name: topic.name, partitions: topic.partitions, config: Object.freeze({ ...topic.config }) });
}

/**
 * The topics the platform needs, as checked in (`topic-definitions.json`, which `deploy/local/topics.mjs`
 * reads too). DLQ topics are per consumer group: see {@link dlqTopicDefinition}.
 */
export const TOPIC_DEFINITIONS: readonly TopicDefinition[] = Object.freeze(topicsFile.topics.map(freezeTopic));

/**
 * Name of the dead-letter topic of a consumer group.
 *
 * @param consumerGroup - the Kafka consumer group id, e.g. `disposition`
 * @returns `pengaduan.complaint-events.v1.dlq.<consumerGroup>`
 * @throws {@link ContractViolation} when the result would not be a legal Kafka topic name
 */
export function dlqTopicFor(consumerGroup: string): string {
  const name = `${DLQ_TOPIC_PREFIX}${consumerGroup}`;
  if (typeof consumerGroup !== 'string' || consumerGroup.length === 0 || !TOPIC_NAME.test(consumerGroup) || name.length > TOPIC_NAME_MAX_LENGTH) {
    throw new ContractViolation('invalid consumer group for a DLQ topic', [
      `consumerGroup: must be 1+ characters of [a-zA-Z0-9._-] and give a topic name of at most ${TOPIC_NAME_MAX_LENGTH} characters, got ${JSON.stringify(consumerGroup)}`,
    ]);
  }
  return name;
}

/**
 * Definition of the dead-letter topic of a consumer group (from `topic-definitions.json`): one partition,
 * unlimited retention, so a poison event is kept until someone deals with it.
 *
 * @throws {@link ContractViolation} as {@link dlqTopicFor}
 */
export function dlqTopicDefinition(consumerGroup: string): TopicDefinition {
  return freezeTopic({ name: dlqTopicFor(consumerGroup), partitions: topicsFile.dlq.partitions, config: topicsFile.dlq.config });
}

/**
 * The consumer groups of the platform's own services (`topic-definitions.json`), whose DLQ topics
 * are created together with the topics, before anything can fail.
 */
export const PLATFORM_CONSUMER_GROUPS: readonly string[] = Object.freeze([...topicsFile.dlq.groups]);
