import type { TopicPartitions } from 'kafkajs';
import { unknownTopic, type EmbeddedBus } from '../bus';

/** The key of a topic's partition in the consumer's maps: `topic:partition`. */
export const tp = (topic: string, partition: number) => `${topic}:${partition}`;

/** A `topic:partition` key read back (a topic name may itself hold colons: the last one splits). */
export function fromTp(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf(':');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}

/** `topic:partition` keys grouped by topic, as kafkajs' `paused()` answers. */
export function byTopic(keys: Iterable<string>): TopicPartitions[] {
  const grouped = new Map<string, number[]>();
  for (const key of keys) {
    const { topic, partition } = fromTp(key);
    const list = grouped.get(topic) ?? [];
    list.push(partition);
    grouped.set(topic, list);
  }
  return [...grouped].map(([topic, partitions]) => ({ topic, partitions }));
}

/** Creates the subscribed topics named that do not exist, or refuses them when `autoCreate` is false. */
export async function ensureTopics(bus: EmbeddedBus, topics: (string | RegExp)[], autoCreate: boolean): Promise<void> {
  const existing = await bus.listTopics();
  for (const t of topics) {
    if (typeof t !== 'string') continue;
    if (!existing.includes(t)) {
      if (!autoCreate) throw unknownTopic(t);
      await bus.createTopics([{ name: t, partitions: 1 }]);
    }
  }
}

/** A subscription as `subscribe` took it. */
export interface Subscription {
  topics: (string | RegExp)[];
  fromBeginning: boolean;
}

/** The topic names the subscriptions match among `existing`, and for each whether it is read from the beginning (the last subscription naming it wins). */
export function subscribedTopics(subscriptions: Subscription[], existing: string[]): { topics: string[]; fromBeginning: Map<string, boolean> } {
  const topics: string[] = [];
  const fromBeginning = new Map<string, boolean>();
  for (const s of subscriptions) {
    for (const t of s.topics) {
      for (const name of typeof t === 'string' ? [t] : existing.filter((e) => t.test(e))) {
        if (!topics.includes(name)) topics.push(name);
        fromBeginning.set(name, s.fromBeginning);
      }
    }
  }
  return { topics, fromBeginning };
}

/** Records grouped by partition, each group in the order fetched. */
export function byPartition<R extends { topic: string; partition: number }>(records: R[]): R[][] {
  const groups = new Map<string, R[]>();
  for (const r of records) {
    const key = tp(r.topic, r.partition);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.values()];
}
