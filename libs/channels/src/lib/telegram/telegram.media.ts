import { API_ANSWER_MAX_BYTES, guardedGet, mediaLimits, type FetchLimits, type MediaFetchLimits, type OutboundPolicy } from '../guarded-fetch';
import { jsonOf } from '../http';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { DEFAULT_MEDIA_HOSTS, type TelegramSettings } from '../settings';
import type { TelegramAnswer } from './telegram.outbound';

/** What a download serves when it does not know better; the stated type is then more use. */
const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream']);

/**
 * Fetches a Telegram file: `getFile` turns the file id into a `file_path`, valid for at least
 * an hour, which is then downloaded from `/file/bot<token>/<file_path>`. The Bot API serves
 * files up to 20 MB; a larger one is refused by `getFile` (not retryable).
 */
export class TelegramMediaFetcher implements MediaFetcher {
  readonly provider = 'telegram' as const;
  private readonly policy: OutboundPolicy;
  private readonly limits: FetchLimits;

  constructor(
    private readonly settings: TelegramSettings,
    limits: MediaFetchLimits = {},
  ) {
    this.policy = { provider: 'telegram', configuredOrigins: [settings.apiUrl], allowedHosts: settings.mediaHosts ?? DEFAULT_MEDIA_HOSTS.telegram };
    this.limits = mediaLimits(limits);
  }

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    const base = this.settings.apiUrl;
    const token = this.settings.botToken;
    // The Bot API explains a refusal in JSON (error_code), so every status's answer is read.
    const res = await guardedGet(`${base}/bot${token}/getFile?file_id=${encodeURIComponent(media.ref)}`, this.policy, this.limits, {
      step: 'getFile',
      headers: { accept: 'application/json' },
      answerStatus: () => true,
      maxBytes: API_ANSWER_MAX_BYTES,
    });
    const answer = jsonOf<TelegramAnswer<{ file_path?: string }>>(res.bytes.toString('utf8'));
    const filePath = answer?.result?.file_path;
    if (res.status !== 200 || answer?.ok !== true || typeof filePath !== 'string' || !filePath) {
      const status = Number.isInteger(answer?.error_code) ? (answer?.error_code as number) : res.status;
      throw new MediaFetchError(this.provider, status, status === 429 || status >= 500, `getFile failed: HTTP ${status}`);
    }
    // file_path is Telegram's own relative path (`photos/file_0.jpg`): kept as it is. The token
    // is in the path, so the file is only ever asked of the configured API origin.
    const file = await guardedGet(`${base}/file/bot${token}/${filePath}`, this.policy, this.limits, { step: 'file download' });
    const served = file.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
    return { bytes: file.bytes, mimeType: served && !GENERIC.has(served) ? served : media.mimeType ?? served ?? 'application/octet-stream' };
  }
}
