import type { Logger } from 'pino';

export interface BackoffOptions {
  /** First delay in ms. */
  initialMs?: number;
  /** Longest delay in ms. */
  maxMs?: number;
  /** Stops retrying (the promise rejects with the abort reason) once aborted. */
  signal?: AbortSignal;
}

/** Exponential backoff with full jitter: attempt n waits a random time up to min(max, initial·2ⁿ). */
export function backoffDelay(attempt: number, { initialMs = 200, maxMs = 10_000 }: BackoffOptions = {}): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.max(initialMs / 2, Math.random() * ceiling);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `fn` until it succeeds, waiting with backoff between attempts and logging each
 * failure. For start-up dependencies (Postgres, Kafka) that may come up after the service.
 */
export async function retryUntilSuccess<T>(
  what: string,
  fn: () => Promise<T>,
  logger: Logger,
  options: BackoffOptions = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason;
      const delay = backoffDelay(attempt, options);
      logger.warn({ err: { message: (err as Error).message }, attempt: attempt + 1, retryInMs: Math.round(delay) }, `${what} failed; retrying`);
      await sleep(delay, options.signal);
    }
  }
}
