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

/** `<prefix><group>`, checked to be a legal Kafka topic name. */
function groupTopic(prefix: string, kind: string, consumerGroup: string): string {
  const name = `${prefix}${consumerGroup}`;
  if (typeof consumerGroup !== 'string' || consumerGroup.length === 0 || !TOPIC_NAME.test(consumerGroup) || name.length > TOPIC_NAME_MAX_LENGTH) {
    throw new ContractViolation(`invalid consumer group for a ${kind} topic`, [
      `consumerGroup: must be 1+ characters of [a-zA-Z0-9._-] and give a topic name of at most ${TOPIC_NAME_MAX_LENGTH} characters, got ${JSON.stringify(consumerGroup)}`,
    ]);
  }
  return name;
}

/**
 * Name of the dead-letter topic of a consumer group.
 *
 * @param consumerGroup - the Kafka consumer group id, e.g. `disposition`
 * @returns `pengaduan.complaint-events.v1.dlq.<consumerGroup>`
 * @throws {@link ContractViolation} when the result would not be a legal Kafka topic name
 */
export function dlqTopicFor(consumerGroup: string): string {
  return groupTopic(DLQ_TOPIC_PREFIX, 'DLQ', consumerGroup);
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

/** Prefix of the re-drive topics, one per consumer group: `<prefix><group>` (docs/adr/0043). */
const REDRIVE_TOPIC_PREFIX = topicsFile.redrive.namePrefix;

/**
 * Name of the re-drive topic of a consumer group: where an operator puts back a dead-lettered
 * event for that group only (docs/adr/0043); the group's consumer reads it beside the stream.
 *
 * @returns `pengaduan.complaint-events.v1.redrive.<consumerGroup>`
 * @throws {@link ContractViolation} as {@link dlqTopicFor}
 */
export function redriveTopicFor(consumerGroup: string): string {
  return groupTopic(REDRIVE_TOPIC_PREFIX, 're-drive', consumerGroup);
}

/** Definition of the re-drive topic of a consumer group (from `topic-definitions.json`). */
export function redriveTopicDefinition(consumerGroup: string): TopicDefinition {
  return freezeTopic({ name: redriveTopicFor(consumerGroup), partitions: topicsFile.redrive.partitions, config: topicsFile.redrive.config });
}

/**
 * The consumer groups of the platform's own services (`topic-definitions.json`), whose DLQ topics
 * are created together with the topics, before anything can fail.
 */
export const PLATFORM_CONSUMER_GROUPS: readonly string[] = Object.freeze([...topicsFile.dlq.groups]);

/** Each platform group's DLQ and re-drive topics, created with the topics (deploy/local/topics.mjs, the embedded bus). */
export const PLATFORM_GROUP_TOPICS: readonly TopicDefinition[] = Object.freeze(
  PLATFORM_CONSUMER_GROUPS.flatMap((group) => [dlqTopicDefinition(group), redriveTopicDefinition(group)]),
);
