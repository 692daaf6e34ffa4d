import type { ConsumerConfig } from 'kafkajs';

/**
 * The partitions whose handler failed, each waiting with backoff (`retry.initialRetryTime`
 * doubling, at most `retry.maxRetryTime`) before its records are handed over again.
 */
export class HandlerFailures {
  private readonly byPartition = new Map<string, { count: number; notBefore: number }>();

  constructor(private readonly retry: NonNullable<ConsumerConfig['retry']>) {}

  /** Counts a failure of the partition's handler: the failures before it, and how long the partition waits. */
  record(key: string): { previous: number; count: number; delay: number } {
    const previous = this.byPartition.get(key)?.count ?? 0;
    const count = previous + 1;
    const delay = Math.min(this.retry.maxRetryTime ?? 30_000, (this.retry.initialRetryTime ?? 300) * 2 ** Math.min(previous, 16));
    this.byPartition.set(key, { count, notBefore: Date.now() + delay });
    return { previous, count, delay };
  }

  /** Whether the partition's records may be handed over at `now`. */
  isDue(key: string, now: number): boolean {
    return (this.byPartition.get(key)?.notBefore ?? 0) <= now;
  }

  /** When the first waiting partition is due, or `latest` if none is before it. */
  nextRetry(now: number, latest: number): number {
    return Math.min(...[...this.byPartition.values()].map((f) => f.notBefore).filter((t) => t > now), latest);
  }

  /** The partition's handler succeeded. */
  forget(key: string): void {
    this.byPartition.delete(key);
  }

  clear(): void {
    this.byPartition.clear();
  }
}
