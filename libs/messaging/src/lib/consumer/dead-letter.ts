import { dlqTopicDefinition, dlqTopicFor, redriveTopicDefinition, type TopicDefinition } from '@pengaduan/contracts';
import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';

/** Creates the topics that are missing (an existing one is left as it is). */
export async function ensureTopics(kafka: Kafka, definitions: readonly TopicDefinition[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = definitions.filter((def) => !existing.has(def.name));
    if (wanted.length === 0) return;
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: wanted.map((def) => ({
          topic: def.name,
          numPartitions: def.partitions,
          replicationFactor: 1,
          configEntries: Object.entries(def.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
        })),
      })
      .catch((err: Error) => {
        if (!/already exists/i.test(err.message)) throw err;
      });
  } finally {
    await admin.disconnect();
  }
}

/** Creates the group's DLQ and re-drive topics (docs/adr/0043) when they are missing. */
export async function ensureGroupTopics(kafka: Kafka, groupId: string): Promise<void> {
  await ensureTopics(kafka, [dlqTopicDefinition(groupId), redriveTopicDefinition(groupId)]);
}

/** Where a dead-lettered message was read and why it is dead-lettered. */
export interface DeadLetterCause {
  topic: string;
  partition: number;
  reason: string;
  code: string;
  attempts: number;
}

/** The original bytes, key and headers, plus why and from where. Sent with acks=all before the offset moves. */
export async function deadLetter(producer: Producer, group: { groupId: string; kafkaGroupId?: string }, message: KafkaMessage, cause: DeadLetterCause): Promise<void> {
  const { groupId } = group;
  const headers: IHeaders = {
    ...(message.headers ?? {}),
    'dlq-reason': cause.reason,
    'dlq-error-code': cause.code,
    'dlq-original-topic': cause.topic,
    'dlq-original-partition': String(cause.partition),
    'dlq-original-offset': message.offset,
    'dlq-consumer-group': groupId,
    // The Kafka group, with its deployment's prefix: whose dead letter it is on a shared broker (ADR 0043).
    'dlq-kafka-group': group.kafkaGroupId ?? groupId,
    'dlq-attempts': String(cause.attempts),
    'dlq-failed-at': new Date().toISOString(),
  };
  await producer.send({
    topic: dlqTopicFor(groupId),
    acks: -1,
    messages: [{ key: message.key, value: message.value, headers }],
  });
}
