import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { PROVIDER_TIMEOUT_MS } from '../http';
import type { TwilioSettings } from '../settings';
import { twilioBasicAuth } from './twilio.outbound';

/**
 * Fetches an MMS attachment: a GET of the `MediaUrl<n>` Twilio gave, with the account's Basic
 * credentials (needed when media auth is on), following Twilio's redirect to the file.
 */
export class TwilioMediaFetcher implements MediaFetcher {
  readonly provider = 'twilio' as const;

  constructor(private readonly settings: TwilioSettings) {}

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    let url: URL;
    try {
      url = new URL(media.ref);
    } catch {
      throw new MediaFetchError(this.provider, undefined, false, 'media reference is not a URL');
    }
    // Our credentials only ever go to Twilio's API host; fetch drops them on a cross-origin redirect.
    if (url.origin !== new URL(this.settings.apiUrl).origin) throw new MediaFetchError(this.provider, undefined, false, 'media URL is not on the Twilio API host');
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: twilioBasicAuth(this.settings) }, redirect: 'follow', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    } catch {
      throw new MediaFetchError(this.provider, undefined, true, 'media fetch failed: network');
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new MediaFetchError(this.provider, res.status, res.status === 429 || res.status >= 500, `media fetch failed: HTTP ${res.status}`);
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await res.arrayBuffer());
    } catch {
      throw new MediaFetchError(this.provider, res.status, true, 'media fetch failed: body cut off');
    }
    return { bytes, mimeType: res.headers.get('content-type')?.split(';')[0].trim() || media.mimeType || 'application/octet-stream' };
  }
}
