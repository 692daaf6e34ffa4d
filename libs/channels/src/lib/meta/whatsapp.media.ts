import { PROVIDER_TIMEOUT_MS } from '../http';
import { MediaFetchError, type FetchedMedia, type InboundMedia, type MediaFetcher, type ProviderId } from '../provider';
import type { WhatsAppSettings } from '../settings';
import { normaliseSha256 } from './whatsapp.inbound';

/** A provider's answer with its body as bytes (`callProvider` reads text, which would corrupt media). */
interface BytesResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/**
 * One GET of media bytes with a timeout. Throws {@link MediaFetchError}: retryable for network
 * errors, timeouts, 429 and 5xx; not for other statuses (404, a refused token). The message names
 * the step and the status only, never the URL (it can carry signed parameters).
 */
export async function fetchMediaBytes(provider: ProviderId, step: string, url: string, headers: Record<string, string> = {}): Promise<BytesResponse> {
  let res: Response;
  let bytes: Buffer;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    bytes = Buffer.from(await res.arrayBuffer());
  } catch {
    throw new MediaFetchError(provider, undefined, true, `${provider} ${step}: network error or timeout`);
  }
  if (res.status < 200 || res.status >= 300) {
    const retryable = res.status === 429 || res.status >= 500;
    throw new MediaFetchError(provider, res.status, retryable, `${provider} ${step}: HTTP ${res.status}`);
  }
  return { status: res.status, headers: res.headers, bytes };
}

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
 * and needs the same bearer token.
 */
export class WhatsAppMediaFetcher implements MediaFetcher {
  readonly provider = 'whatsapp' as const;

  constructor(private readonly settings: WhatsAppSettings) {}

  async fetch(media: InboundMedia, accountId: string): Promise<FetchedMedia> {
    const auth = { authorization: `Bearer ${this.settings.accessToken}` };
    // phone_number_id makes Graph check the media belongs to the number it was sent to.
    const metaUrl = `${this.settings.graphUrl}/${this.settings.graphVersion}/${encodeURIComponent(media.ref)}?phone_number_id=${encodeURIComponent(accountId)}`;
    const meta = await fetchMediaBytes('whatsapp', 'media metadata', metaUrl, auth);
    let metadata: MediaMetadata;
    try {
      metadata = JSON.parse(meta.bytes.toString('utf8')) as MediaMetadata;
    } catch {
      throw new MediaFetchError('whatsapp', meta.status, true, 'whatsapp media metadata: not JSON');
    }
    if (typeof metadata?.url !== 'string' || !/^https?:\/\//.test(metadata.url)) {
      throw new MediaFetchError('whatsapp', meta.status, false, 'whatsapp media metadata: no download URL');
    }
    const file = await fetchMediaBytes('whatsapp', 'media download', metadata.url, auth);
    const statedSha256 = normaliseSha256(metadata.sha256) ?? normaliseSha256(media.sha256);
    return {
      bytes: file.bytes,
      mimeType: contentTypeOf(file.headers) ?? metadata.mime_type ?? media.mimeType ?? 'application/octet-stream',
      ...(statedSha256 ? { statedSha256 } : {}),
    };
  }
}
