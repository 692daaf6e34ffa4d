import { dlqTopicDefinition, dlqTopicFor } from '@pengaduan/contracts';
import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';

/** Creates the group's DLQ topic when it is missing. */
export async function ensureDlqTopic(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const def = dlqTopicDefinition(groupId);
    const existing = await admin.listTopics();
    if (!existing.includes(def.name)) {
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: def.name,
              numPartitions: def.partitions,
              replicationFactor: 1,
              configEntries: Object.entries(def.config ?? {}).map(([name, value]) => ({ name, value: String(value) })),
            },
          ],
        })
        .catch((err: Error) => {
          if (!/already exists/i.test(err.message)) throw err;
        });
    }
  } finally {
    await admin.disconnect();
  }
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
export async function deadLetter(producer: Producer, groupId: string, message: KafkaMessage, cause: DeadLetterCause): Promise<void> {
  const headers: IHeaders = {
    ...(message.headers ?? {}),
    'dlq-reason': cause.reason,
    'dlq-error-code': cause.code,
    'dlq-original-topic': cause.topic,
    'dlq-original-partition': String(cause.partition),
    'dlq-original-offset': message.offset,
    'dlq-consumer-group': groupId,
    'dlq-attempts': String(cause.attempts),
    'dlq-failed-at': new Date().toISOString(),
  };
  await producer.send({
    topic: dlqTopicFor(groupId),
    acks: -1,
    messages: [{ key: message.key, value: message.value, headers }],
  });
}
