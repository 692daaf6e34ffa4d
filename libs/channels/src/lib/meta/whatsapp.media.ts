import { API_ANSWER_MAX_BYTES, guardedGet, mediaLimits, type FetchLimits, type MediaFetchLimits, type OutboundPolicy } from '../guarded-fetch';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher } from '../provider';
import { DEFAULT_MEDIA_HOSTS, type WhatsAppSettings } from '../settings';
import { normaliseSha256 } from './whatsapp.inbound';

/** The content type the provider served, or `undefined` when it sent none. */
export function contentTypeOf(headers: Headers): string | undefined {
  const raw = headers.get('content-type')?.trim();
  return raw ? raw : undefined;
}

interface MediaMetadata {
  url?: string;
  mime_type?: string;
  sha256?: string;
  file_size?: string | number;
  id?: string;
}

/**
 * WhatsApp media in two steps, as the Cloud API documents: `GET /{version}/{media-id}` (with the
 * system-user token) answers `{ url, mime_type, sha256, file_size, id }`; the URL is short-lived
 * (on lookaside.fbsbx.com) and needs the same bearer token. The token goes to Graph and to
 * WhatsApp's own media hosts only (`WHATSAPP_MEDIA_HOSTS`); any other URL is refused.
 */
export class WhatsAppMediaFetcher implements MediaFetcher {
  readonly provider = 'whatsapp' as const;
  private readonly policy: OutboundPolicy;
  private readonly limits: FetchLimits;

  constructor(
    private readonly settings: WhatsAppSettings,
    limits: MediaFetchLimits = {},
  ) {
    this.policy = { provider: 'whatsapp', configuredOrigins: [settings.graphUrl], allowedHosts: settings.mediaHosts ?? DEFAULT_MEDIA_HOSTS.whatsapp };
    this.limits = mediaLimits(limits);
  }

  async fetch(media: InboundMedia, accountId: string): Promise<FetchedMedia> {
    const credentials = { authorization: `Bearer ${this.settings.accessToken}` };
    // phone_number_id makes Graph check the media belongs to the number it was sent to.
    const metaUrl = `${this.settings.graphUrl}/${this.settings.graphVersion}/${encodeURIComponent(media.ref)}?phone_number_id=${encodeURIComponent(accountId)}`;
    const meta = await guardedGet(metaUrl, this.policy, this.limits, { step: 'media metadata', credentials, maxBytes: API_ANSWER_MAX_BYTES });
    let metadata: MediaMetadata;
    try {
      metadata = JSON.parse(meta.bytes.toString('utf8')) as MediaMetadata;
    } catch {
      throw new MediaFetchError('whatsapp', meta.status, true, 'whatsapp media metadata: not JSON');
    }
    if (typeof metadata?.url !== 'string' || !/^https?:\/\//.test(metadata.url)) {
      throw new MediaFetchError('whatsapp', meta.status, false, 'whatsapp media metadata: no download URL');
    }
    const file = await guardedGet(metadata.url, this.policy, this.limits, { step: 'media download', credentials, credentialsTo: 'allowed-hosts' });
    const statedSha256 = normaliseSha256(metadata.sha256) ?? normaliseSha256(media.sha256);
    return {
      bytes: file.bytes,
      mimeType: contentTypeOf(file.headers) ?? metadata.mime_type ?? media.mimeType ?? 'application/octet-stream',
      ...(statedSha256 ? { statedSha256 } : {}),
    };
  }
}
