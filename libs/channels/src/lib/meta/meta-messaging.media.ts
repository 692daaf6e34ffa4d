import { guardedGet, mediaLimits, type FetchLimits, type MediaFetchLimits, type OutboundPolicy } from '../guarded-fetch';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { DEFAULT_MEDIA_HOSTS, type MetaMessagingSettings } from '../settings';
import { contentTypeOf } from './whatsapp.media';

/**
 * Messenger and Instagram attachments: the webhook's `payload.url` is a signed CDN URL that is
 * fetched as it is, without a token (the signature in the URL is the credential, and it expires).
 * Only Meta's CDN hosts (`MESSENGER_MEDIA_HOSTS`, `INSTAGRAM_MEDIA_HOSTS`) or the configured
 * Graph origin are fetched from: the URL is whatever the webhook says.
 */
export class MetaMessagingMediaFetcher implements MediaFetcher {
  private readonly policy: OutboundPolicy;
  private readonly limits: FetchLimits;

  constructor(
    readonly provider: 'messenger' | 'instagram',
    settings: Pick<MetaMessagingSettings, 'graphUrl' | 'mediaHosts'>,
    limits: MediaFetchLimits = {},
  ) {
    this.policy = { provider, configuredOrigins: [settings.graphUrl], allowedHosts: settings.mediaHosts ?? DEFAULT_MEDIA_HOSTS[provider] };
    this.limits = mediaLimits(limits);
  }

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    if (!/^https?:\/\//.test(media.ref)) throw new MediaFetchError(this.provider, undefined, false, `${this.provider} attachment: reference is not a URL`);
    const file = await guardedGet(media.ref, this.policy, this.limits, { step: 'attachment download' });
    // Meta states no hash for these attachments: nothing to compare the bytes with.
    return { bytes: file.bytes, mimeType: contentTypeOf(file.headers) ?? media.mimeType ?? 'application/octet-stream' };
  }
}
