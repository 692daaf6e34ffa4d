import { MediaFetchError, sha256Hex, type InboundMedia, type MediaFetcher, type ProviderId } from '@pengaduan/channels';
import type { ServiceRuntime } from '@pengaduan/messaging';
import { PollingWorker, type Clock, type Logger } from '@pengaduan/runtime';

/** What intake keeps of attachments: which types, how large. */
export interface MediaPolicy {
  /** Content types accepted (without parameters), e.g. `image/jpeg`. */
  allowedTypes: readonly string[];
  maxBytes: number;
}

/** Photos, voice notes, short videos and PDFs: what complainants send as evidence. */
export const DEFAULT_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/amr',
  'video/mp4',
  'video/3gpp',
  'application/pdf',
] as const;

interface MediaRow {
  id: string;
  inbound_message_id: string;
  provider: ProviderId;
  account_id: string;
  kind: InboundMedia['kind'];
  ref: string;
  stated_mime_type: string | null;
  stated_sha256: string | null;
  attempts: number;
}

/** How long a claimed attachment is left to one replica before another may try it. */
const LEASE_MS = 2 * 60_000;

/**
 * Fetches each stored attachment the provider's way (WhatsApp: media id → URL → bytes with the
 * bearer token, which must happen within minutes of the webhook, so this runs as soon as the
 * message is stored), checks it (type allowlist, size limit, the provider's stated SHA-256) and
 * keeps it. A refused attachment is kept as REJECTED with the reason; a provider error is
 * retried with backoff (429, 5xx, network) and otherwise recorded as FAILED: never dropped.
 */
export class MediaFetchWorker extends PollingWorker {
  private readonly fetchers: ReadonlyMap<ProviderId, MediaFetcher>;

  constructor(
    private readonly runtime: ServiceRuntime,
    fetchers: readonly MediaFetcher[],
    private readonly policy: MediaPolicy,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: { pollMs?: number; maxAttempts?: number } = {},
  ) {
    super('media fetching', options.pollMs ?? 1_000, logger);
    this.fetchers = new Map(fetchers.map((f) => [f.provider, f]));
  }

  protected runDue(): Promise<number> {
    return this.processDue();
  }

  /** Fetches every attachment due now; answers how many were settled (stored, rejected or failed). */
  async processDue(): Promise<number> {
    let settled = 0;
    for (;;) {
      const now = this.clock.now();
      // Claimed by a lease rather than a lock held over the HTTP calls.
      // TypeORM answers an UPDATE … RETURNING as [rows, affected].
      const [rows] = (await this.runtime.dataSource.query(
        `UPDATE inbound_media SET attempts = attempts + 1, next_attempt_at = $2
          WHERE id = (SELECT id FROM inbound_media WHERE status = 'PENDING' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, inbound_message_id, provider, account_id, kind, ref, stated_mime_type, stated_sha256, attempts`,
        [now, new Date(now.getTime() + LEASE_MS)],
      )) as [MediaRow[], number];
      const media = rows[0];
      if (!media) return settled;
      if (await this.fetchOne(media)) settled += 1;
    }
  }

  /** True when the attachment is settled (stored, rejected, failed for good). */
  private async fetchOne(row: MediaRow): Promise<boolean> {
    const log = { mediaId: row.id, inboundId: row.inbound_message_id, provider: row.provider, kind: row.kind };
    const fetcher = this.fetchers.get(row.provider);
    if (!fetcher) {
      await this.settle(row.id, 'FAILED', `no media fetcher for ${row.provider}`);
      this.logger.error(log, 'attachment cannot be fetched: its provider is not configured any more');
      return true;
    }
    let fetched;
    try {
      fetched = await fetcher.fetch(
        { kind: row.kind, ref: row.ref, ...(row.stated_mime_type ? { mimeType: row.stated_mime_type } : {}), ...(row.stated_sha256 ? { sha256: row.stated_sha256 } : {}) },
        row.account_id,
      );
    } catch (err) {
      const retryable = err instanceof MediaFetchError ? err.retryable : true;
      // A MediaFetchError's message names at most a host and an address (never a URL, nor personal data): kept with the row, for whoever looks into it.
      const reason = err instanceof MediaFetchError ? `${err.code}${err.status ? ` HTTP ${err.status}` : ''}: ${err.message}`.slice(0, 500) : 'MEDIA.FETCH_FAILED';
      if (retryable && row.attempts < (this.options.maxAttempts ?? 6)) {
        const delayMs = Math.min(5 * 60_000, 1_000 * 2 ** (row.attempts - 1));
        await this.runtime.dataSource.query(`UPDATE inbound_media SET next_attempt_at = $2, reason = $3 WHERE id = $1`, [row.id, new Date(this.clock.now().getTime() + delayMs), reason]);
        this.logger.warn({ ...log, attempts: row.attempts, reason }, 'attachment not fetched yet; will try again');
        return false;
      }
      await this.settle(row.id, 'FAILED', reason);
      this.logger.error({ ...log, attempts: row.attempts, reason }, 'attachment could not be fetched');
      return true;
    }
    const mimeType = fetched.mimeType.split(';')[0].trim().toLowerCase();
    const sha256 = sha256Hex(fetched.bytes);
    // Every digest the provider stated must match: the signed webhook's as well as the download's metadata.
    const stated = [fetched.statedSha256, row.stated_sha256].filter((d): d is string => !!d).map((d) => d.toLowerCase());
    const refusal = !this.policy.allowedTypes.includes(mimeType)
      ? `TYPE_NOT_ALLOWED ${mimeType}`
      : fetched.bytes.length > this.policy.maxBytes
        ? `TOO_LARGE ${fetched.bytes.length} bytes`
        : stated.some((d) => d !== sha256)
          ? 'CHECKSUM_MISMATCH'
          : undefined;
    if (refusal) {
      await this.runtime.dataSource.query(`UPDATE inbound_media SET status = 'REJECTED', reason = $2, mime_type = $3, size_bytes = $4, sha256 = $5, fetched_at = $6 WHERE id = $1`, [
        row.id,
        refusal,
        mimeType,
        fetched.bytes.length,
        sha256,
        this.clock.now(),
      ]);
      this.logger.warn({ ...log, reason: refusal }, 'attachment refused');
      return true;
    }
    await this.runtime.dataSource.query(
      `UPDATE inbound_media SET status = 'STORED', reason = NULL, mime_type = $2, size_bytes = $3, sha256 = $4, content = $5, fetched_at = $6 WHERE id = $1`,
      [row.id, mimeType, fetched.bytes.length, sha256, fetched.bytes, this.clock.now()],
    );
    this.logger.info({ ...log, sizeBytes: fetched.bytes.length }, 'attachment stored');
    return true;
  }

  private async settle(id: string, status: 'FAILED', reason: string): Promise<void> {
    await this.runtime.dataSource.query(`UPDATE inbound_media SET status = $2, reason = $3 WHERE id = $1`, [id, status, reason]);
  }
}
