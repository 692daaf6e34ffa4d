import type { Consumer, KafkaMessage } from 'kafkajs';
import { testKafka, uniqueSuffix } from './isolation';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function decode(topic: string, partition: number, m: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return { topic, partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers };
}

/**
 * Reads everything a topic receives from its beginning, with a group of its own, so a
 * test can assert what was (and was not) published.
 */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer?: Consumer;

  constructor(private readonly topics: string[]) {}

  async start(): Promise<this> {
    this.consumer = testKafka('test-reader').consumer({ groupId: `test-reader-${uniqueSuffix()}`, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    let joined!: () => void;
    const ready = new Promise<void>((r) => (joined = r));
    const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => joined());
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push(decode(topic, partition, message));
      },
    });
    await ready;
    off();
    return this;
  }

  /** Waits until at least `count` messages match, then returns them all. */
  async waitFor(predicate: (m: ReadMessage) => boolean, count = 1, timeoutMs = 20_000): Promise<ReadMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} matching message(s) on ${this.topics.join(',')}, saw ${found.length} of ${this.messages.length}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
