import { ServiceRuntime } from '@pengaduan/messaging';
import { Clock, type Logger } from '@pengaduan/runtime';
import { RateLimitKeys } from './rate-limit-keys';

/** A limit of the public endpoints: at most `max` counted attempts per fixed window. */
export interface RateLimit {
  /** What is counted, e.g. `tracking:address`; also part of each row's key. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/** One counted attempt. */
export interface RateLimitHit {
  limit: RateLimit;
  /** The stored key (an HMAC, never the value itself). */
  key: string;
  windowStart: Date;
  /** Attempts in the window, this one included. */
  count: number;
  /** Whether this attempt is within the limit. */
  allowed: boolean;
  /** Whole seconds until the window ends (at least 1): the Retry-After of a refusal. */
  retryAfterSeconds: number;
}

/** How often one replica deletes a bucket's ended windows. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The public endpoints' rate limits, counted in Postgres (`public_rate_limit`) so that every
 * replica and a restarted gateway share them. Fixed windows aligned to the epoch; each
 * attempt is one atomic upsert-increment, so concurrent requests can never slip past the
 * limit. Ended windows are deleted now and then, by whichever replica counts next.
 */
export class PublicRateLimits {
  private readonly lastSweep = new Map<string, number>();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly keys: RateLimitKeys,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Counts an attempt against `limit` for `value` (an address, a tracking number). */
  async hit(limit: RateLimit, value: string): Promise<RateLimitHit> {
    const now = this.clock.now();
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const key = this.keys.of(limit.bucket, value);
    const [row] = (await this.runtime.dataSource.query(
      `INSERT INTO public_rate_limit (bucket, key, window_start, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = public_rate_limit.count + 1
       RETURNING count`,
      [limit.bucket, key, windowStart],
    )) as { count: number }[];
    const count = row?.count ?? 1;
    await this.sweep(limit, windowStart, now);
    return {
      limit,
      key,
      windowStart,
      count,
      allowed: count <= limit.max,
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)),
    };
  }

  /** Takes an attempt back (one that turned out not to count, such as a right verifier). */
  async undo(hit: RateLimitHit): Promise<void> {
    await this.runtime.dataSource.query(
      'UPDATE public_rate_limit SET count = count - 1 WHERE bucket = $1 AND key = $2 AND window_start = $3 AND count > 0',
      [hit.limit.bucket, hit.key, hit.windowStart],
    );
  }

  private async sweep(limit: RateLimit, currentWindow: Date, now: Date): Promise<void> {
    const last = this.lastSweep.get(limit.bucket);
    if (last !== undefined && now.getTime() - last < SWEEP_EVERY_MS && now.getTime() >= last) return;
    this.lastSweep.set(limit.bucket, now.getTime());
    try {
      await this.runtime.dataSource.query('DELETE FROM public_rate_limit WHERE bucket = $1 AND window_start < $2', [limit.bucket, currentWindow]);
    } catch (err) {
      // Only housekeeping: the next sweep deletes them.
      this.logger.warn({ bucket: limit.bucket, err: { message: (err as Error).message } }, 'could not delete ended rate-limit windows');
    }
  }
}
