import { callProvider, jsonOf, PROVIDER_TIMEOUT_MS } from '../http';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import type { TelegramSettings } from '../settings';
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

  constructor(private readonly settings: TelegramSettings) {}

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    const base = this.settings.apiUrl;
    const token = this.settings.botToken;
    const res = await callProvider(`${base}/bot${token}/getFile?file_id=${encodeURIComponent(media.ref)}`, { method: 'GET', headers: { accept: 'application/json' } });
    if (!res) throw new MediaFetchError(this.provider, undefined, true, 'getFile failed: network');
    const answer = jsonOf<TelegramAnswer<{ file_path?: string }>>(res.text);
    const filePath = answer?.result?.file_path;
    if (res.status !== 200 || answer?.ok !== true || typeof filePath !== 'string' || !filePath) {
      const status = Number.isInteger(answer?.error_code) ? (answer?.error_code as number) : res.status;
      throw new MediaFetchError(this.provider, status, status === 429 || status >= 500, `getFile failed: HTTP ${status}`);
    }
    let file: Response;
    try {
      // file_path is Telegram's own relative path (`photos/file_0.jpg`): kept as it is.
      file = await fetch(`${base}/file/bot${token}/${filePath}`, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    } catch {
      throw new MediaFetchError(this.provider, undefined, true, 'file download failed: network');
    }
    if (!file.ok) {
      await file.body?.cancel();
      throw new MediaFetchError(this.provider, file.status, file.status === 429 || file.status >= 500, `file download failed: HTTP ${file.status}`);
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await file.arrayBuffer());
    } catch {
      throw new MediaFetchError(this.provider, file.status, true, 'file download failed: body cut off');
    }
    const served = file.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
    return { bytes, mimeType: served && !GENERIC.has(served) ? served : media.mimeType ?? served ?? 'application/octet-stream' };
  }
}
