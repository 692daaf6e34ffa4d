import { finiteNumber, instantOf } from '../provider-values';
import { constantTimeEqual } from '../crypto';
import { WebhookPayloadError, type InboundMedia, type InboundMessage, type InboundProvider, type ParsedWebhook, type VerifyOutcome, type WebhookAck, type WebhookRequest } from '../provider';
import type { TelegramSettings } from '../settings';

/** The one bot of a deployment: Telegram's updates do not name the bot, so its account id is fixed. */
export const TELEGRAM_ACCOUNT = 'bot';

interface TgFile {
  file_id?: unknown;
  file_unique_id?: unknown;
  file_size?: unknown;
  mime_type?: unknown;
  file_name?: unknown;
}
interface TgPhotoSize extends TgFile {
  width?: unknown;
  height?: unknown;
}
interface TgMessage {
  message_id?: unknown;
  from?: { id?: unknown; is_bot?: unknown; first_name?: unknown; last_name?: unknown; username?: unknown };
  chat?: { id?: unknown; type?: unknown };
  date?: unknown;
  text?: unknown;
  caption?: unknown;
  photo?: unknown;
  voice?: TgFile;
  audio?: TgFile;
  video?: TgFile;
  video_note?: TgFile;
  document?: TgFile;
  sticker?: TgFile;
  location?: { latitude?: unknown; longitude?: unknown };
  venue?: { location?: { latitude?: unknown; longitude?: unknown }; title?: unknown; address?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** One attachment, when the file object has an id. */
function file(kind: InboundMedia['kind'], f: TgFile | undefined, mimeType?: string): InboundMedia[] {
  const ref = str(f?.file_id);
  if (!ref) return [];
  const media: InboundMedia = { kind, ref };
  const mime = str(f?.mime_type) ?? mimeType;
  if (mime) media.mimeType = mime;
  const fileName = str(f?.file_name);
  if (fileName) media.fileName = fileName;
  return [media];
}

/** The largest of a photo's sizes (by pixels, then bytes): Telegram lists thumbnails too. */
function largestPhoto(photo: unknown): TgPhotoSize | undefined {
  if (!Array.isArray(photo)) return undefined;
  const sizes = photo.filter((p): p is TgPhotoSize => typeof p === 'object' && p !== null && !!str((p as TgPhotoSize).file_id));
  const area = (p: TgPhotoSize) => num(p.width) * num(p.height);
  return sizes.reduce<TgPhotoSize | undefined>((best, p) => (!best || area(p) > area(best) || (area(p) === area(best) && num(p.file_size) > num(best.file_size)) ? p : best), undefined);
}

/**
 * A Telegram bot's webhook: one Update per request, authenticated by the `secret_token` given to
 * `setWebhook`, which Telegram sends back in `X-Telegram-Bot-Api-Secret-Token`. Only new
 * messages in private chats from people are read; edits, channel posts, callbacks, group
 * messages and bots' messages are ignored.
 */
export class TelegramInbound implements InboundProvider {
  readonly id = 'telegram' as const;
  readonly ack: WebhookAck = { contentType: 'text/plain', body: '' };

  constructor(private readonly settings: TelegramSettings) {}

  officeOf(accountId: string): string | undefined {
    return accountId === TELEGRAM_ACCOUNT ? this.settings.office : undefined;
  }

  verify(request: WebhookRequest): VerifyOutcome {
    const given = request.headers['x-telegram-bot-api-secret-token'];
    if (!given) return { ok: false, status: 401, reason: 'MISSING_CREDENTIALS' };
    return constantTimeEqual(given, this.settings.webhookSecret) ? { ok: true } : { ok: false, status: 403, reason: 'BAD_CREDENTIALS' };
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    const update = updateOf(request.rawBody);
    const ignore: ParsedWebhook = { messages: [], receipts: [], ignored: 1 };
    // edited_message, channel_post, callback_query, my_chat_member…: not a new complaint message.
    if (update.message === undefined) return ignore;
    const m = update.message as TgMessage;
    if (typeof m !== 'object' || m === null || !Number.isInteger(m.message_id) || typeof m.chat?.id !== 'number') throw new WebhookPayloadError('message_id or chat missing');
    // Bots never complain; in groups an answer would be read by everyone in them.
    if (m.from?.is_bot === true || m.chat.type !== 'private') return ignore;

    const media = mediaOf(m);
    const location = locationOf(m);
    const text = str(m.text) ?? str(m.caption);
    // A contact, poll, dice…: nothing we can file.
    if (!text && media.length === 0 && !location) return ignore;

    const name = senderNameOf(m);
    const message: InboundMessage = {
      provider: this.id,
      channel: 'TELEGRAM',
      providerMessageId: `${m.chat.id}:${m.message_id as number}`,
      accountId: TELEGRAM_ACCOUNT,
      sender: String(m.chat.id),
      sentAt: instantOf(typeof m.date === 'number' ? m.date * 1000 : undefined) ?? receivedAt,
      media,
    };
    if (name) message.senderName = name;
    if (text) message.text = text;
    if (location) message.location = location;
    return { messages: [message], receipts: [], ignored: 0 };
  }
}

/** The Update a webhook carries, refused when it is not JSON or has no `update_id`. */
function updateOf(rawBody: Buffer): { update_id?: unknown; message?: unknown } {
  let update: { update_id?: unknown; message?: unknown };
  try {
    update = JSON.parse(rawBody.toString('utf8')) as typeof update;
  } catch {
    throw new WebhookPayloadError('not JSON');
  }
  if (typeof update !== 'object' || update === null || !Number.isInteger(update.update_id)) throw new WebhookPayloadError('update_id missing');
  return update;
}

/** Every file of a message, with the MIME type Telegram's own encodings imply where it names none. */
function mediaOf(m: TgMessage): InboundMedia[] {
  return [
    // Telegram re-encodes every photo as JPEG.
    ...file('image', largestPhoto(m.photo), 'image/jpeg'),
    ...file('audio', m.voice, 'audio/ogg'),
    ...file('audio', m.audio),
    ...file('video', m.video),
    ...file('video', m.video_note, 'video/mp4'),
    ...file('document', m.document),
    ...file('sticker', m.sticker, 'image/webp'),
  ];
}

/** The sender's first and last names as one, empty when Telegram gave neither. */
function senderNameOf(m: TgMessage): string {
  return [str(m.from?.first_name), str(m.from?.last_name)].filter(Boolean).join(' ');
}

/** A shared location or venue, when it has both coordinates. */
function locationOf(m: TgMessage): InboundMessage['location'] {
  const point = m.location ?? m.venue?.location;
  const latitude = typeof point?.latitude === 'number' ? finiteNumber(point.latitude) : undefined;
  const longitude = typeof point?.longitude === 'number' ? finiteNumber(point.longitude) : undefined;
  if (latitude === undefined || longitude === undefined) return undefined;
  return { latitude, longitude, ...(str(m.venue?.title) ? { name: str(m.venue?.title) } : {}), ...(str(m.venue?.address) ? { address: str(m.venue?.address) } : {}) };
}
