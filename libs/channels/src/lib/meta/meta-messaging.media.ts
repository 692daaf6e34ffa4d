import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { contentTypeOf, fetchMediaBytes } from './whatsapp.media';

/**
 * Messenger and Instagram attachments: the webhook's `payload.url` is a signed CDN URL that is
 * fetched as it is, without a token (the signature in the URL is the credential, and it expires).
 */
export class MetaMessagingMediaFetcher implements MediaFetcher {
  constructor(readonly provider: 'messenger' | 'instagram') {}

  async fetch(media: InboundMedia, _accountId: string): Promise<FetchedMedia> {
    if (!/^https?:\/\//.test(media.ref)) throw new MediaFetchError(this.provider, undefined, false, `${this.provider} attachment: reference is not a URL`);
    const file = await fetchMediaBytes(this.provider, 'attachment download', media.ref);
    // Meta states no hash for these attachments: nothing to compare the bytes with.
    return { bytes: file.bytes, mimeType: contentTypeOf(file.headers) ?? media.mimeType ?? 'application/octet-stream' };
  }
}
