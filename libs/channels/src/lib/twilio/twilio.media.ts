import { guardedGet, mediaLimits, type FetchLimits, type MediaFetchLimits, type OutboundPolicy } from '../guarded-fetch';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { DEFAULT_MEDIA_HOSTS, type TwilioSettings } from '../settings';
import { twilioBasicAuth } from './twilio.outbound';

/**
 * Fetches an MMS attachment: a GET of the `MediaUrl<n>` Twilio gave, with the account's Basic
 * credentials (needed when media auth is on), following Twilio's redirect to the file on one of
 * `TWILIO_MEDIA_HOSTS` (the credentials stay behind).
 */
export class TwilioMediaFetcher implements MediaFetcher {
  readonly provider = 'twilio' as const;
  private readonly policy: OutboundPolicy;
  private readonly limits: FetchLimits;

  constructor(
    private readonly settings: TwilioSettings,
    limits: MediaFetchLimits = {},
  ) {
    this.policy = { provider: 'twilio', configuredOrigins: [settings.apiUrl], allowedHosts: settings.mediaHosts ?? DEFAULT_MEDIA_HOSTS.twilio };
    this.limits = mediaLimits(limits);
  }

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    let url: URL;
    try {
      url = new URL(media.ref);
    } catch {
      throw new MediaFetchError(this.provider, undefined, false, 'media reference is not a URL');
    }
    // The media URL itself is always on Twilio's API: that is where our credentials may go.
    if (url.origin !== new URL(this.settings.apiUrl).origin) throw new MediaFetchError(this.provider, undefined, false, 'media URL is not on the Twilio API host');
    const res = await guardedGet(url.href, this.policy, this.limits, { step: 'media download', credentials: { authorization: twilioBasicAuth(this.settings) } });
    return { bytes: res.bytes, mimeType: res.headers.get('content-type')?.split(';')[0].trim() || media.mimeType || 'application/octet-stream' };
  }
}
