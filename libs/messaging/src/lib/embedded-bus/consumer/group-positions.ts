import type { Logger } from 'pino';
import type { EmbeddedBus } from '../bus';
import { fromTp, tp } from './topic-partitions';

/**
 * Where a group member stands in each partition it reads, by `topic:partition`: the next offset
 * to hand over, taken from the group's committed offsets when it joins and committed as it moves.
 */
export class GroupPositions {
  private readonly next = new Map<string, string>();

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly groupId: string,
    private readonly logger: Logger,
    /** Called after a position was committed (the consumer's COMMIT_OFFSETS event). */
    private readonly committed: (topic: string, partition: number, offset: string) => void,
  ) {}

  get(key: string): string | undefined {
    return this.next.get(key);
  }

  set(key: string, offset: string): void {
    this.next.set(key, offset);
  }

  entries(): [string, string][] {
    return [...this.next];
  }

  /** The partitions of `topic` this consumer reads (known once it joined). */
  partitionsOf(topic: string): number[] {
    return [...this.next.keys()].map(fromTp).filter((k) => k.topic === topic).map((k) => k.partition);
  }

  /** Positions from the committed offsets, else the beginning or the end of each partition. */
  async join(topics: string[], fromBeginning: Map<string, boolean>): Promise<void> {
    this.next.clear();
    const committed = await this.bus.committedOffsets(this.groupId, topics);
    for (const topic of topics) {
      for (const o of await this.bus.topicOffsets(topic)) {
        const key = tp(topic, o.partition);
        this.next.set(key, committed.get(key) ?? (fromBeginning.get(topic) ? o.low : o.high));
      }
    }
  }

  /** Moves the partition's position on, committing it when `commit`. */
  async advance(key: string, topic: string, partition: number, next: string, commit: boolean): Promise<void> {
    this.next.set(key, next);
    if (!commit) return;
    try {
      await this.bus.commit(this.groupId, [{ topic, partition, offset: next }]);
      this.committed(topic, partition, next);
    } catch (err) {
      // The record stays uncommitted: after a restart it is delivered again (at-least-once).
      this.logger.warn({ err: { message: (err as Error).message }, groupId: this.groupId, topic, partition, offset: next }, 'embedded bus offset commit failed');
    }
  }
}
