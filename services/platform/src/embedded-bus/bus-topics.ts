import { PLATFORM_GROUP_TOPICS, TOPIC_DEFINITIONS } from '@pengaduan/contracts';
import type { Kafka } from 'kafkajs';

/**
 * Creates the platform's topics on the embedded bus from the checked-in definition
 * (libs/contracts/src/lib/topic-definitions.json), as deploy/local/topics.mjs does on Kafka: the
 * complaint stream and each service group's DLQ. Existing topics are left as they are.
 * Answers the names it created.
 */
export async function createBusTopics(kafka: Kafka): Promise<string[]> {
  const all = [...TOPIC_DEFINITIONS, ...PLATFORM_GROUP_TOPICS];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = all.filter((t) => !existing.has(t.name));
    if (wanted.length > 0) {
      await admin.createTopics({
        topics: wanted.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    return wanted.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
