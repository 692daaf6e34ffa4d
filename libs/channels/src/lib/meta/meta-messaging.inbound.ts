import { finiteNumber, instantOf, ownEntry } from '../provider-values';
import {
  PROVIDER_CHANNEL,
  UnknownAccountError,
  WebhookPayloadError,
  type DeliveryReceipt,
  type InboundMedia,
  type InboundMessage,
  type InboundProvider,
  type ParsedWebhook,
  type WebhookRequest,
} from '../provider';
import type { MetaMessagingSettings } from '../settings';
import { isJson, list, str, type Json } from './meta-json';
import { MetaWebhookInbound } from './meta-webhook';

/** Milliseconds since the epoch, as Messenger and Instagram send `timestamp`. */
const epochMs = (v: unknown): Date | undefined => instantOf(typeof v === 'number' ? v : undefined);

/** Attachment types whose `payload.url` is a file of the complainant's; `file` is a document. */
const ATTACHMENT_KINDS: Record<string, InboundMedia['kind']> = { image: 'image', audio: 'audio', video: 'video', file: 'document' };

/** Adds one attachment of a message to `parsed`: its location or its media, nothing for the kinds we do not take. */
function readAttachment(a: unknown, parsed: InboundMessage): void {
  if (!isJson(a)) throw new WebhookPayloadError('attachment is not an object');
  const type = str(a['type']);
  const payload = isJson(a['payload']) ? a['payload'] : {};
  if (type === 'location' && isJson(payload['coordinates'])) {
    const latitude = finiteNumber(payload['coordinates']['lat']);
    const longitude = finiteNumber(payload['coordinates']['long']);
    const name = str(a['title']);
    if (latitude !== undefined && longitude !== undefined) parsed.location = { latitude, longitude, ...(name ? { name } : {}) };
    return;
  }
  const kind = type ? ownEntry(ATTACHMENT_KINDS, type) : undefined;
  const url = str(payload['url']);
  if (!kind || !url) return; // fallback (a shared link), template, share, reel, story mention
  // Messenger sends a sticker as an image with a sticker_id.
  parsed.media.push({ kind: kind === 'image' && payload['sticker_id'] !== undefined ? 'sticker' : kind, ref: url });
}

/**
 * The inbound side of Messenger (a Facebook page, `object: "page"`) and Instagram messaging
 * (`object: "instagram"`): the same handshake, signature and `entry[].messaging[]` events.
 */
export class MetaMessagingInbound extends MetaWebhookInbound implements InboundProvider {
  private readonly object: 'page' | 'instagram';

  constructor(
    readonly id: 'messenger' | 'instagram',
    private readonly settings: MetaMessagingSettings,
  ) {
    super(settings);
    this.object = id === 'messenger' ? 'page' : 'instagram';
  }

  officeOf(accountId: string): string | undefined {
    return this.settings.accounts.get(accountId)?.office;
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    const entries = this.entriesOf(request, this.object);
    const out: ParsedWebhook = { messages: [], receipts: [], ignored: 0 };
    for (const entry of entries) {
      if (!isJson(entry)) throw new WebhookPayloadError('entry is not an object');
      const entryId = str(entry['id']);
      if (entryId && !this.officeOf(entryId)) throw new UnknownAccountError(this.id);
      for (const event of list(entry['messaging'], 'entry.messaging')) {
        if (!isJson(event)) throw new WebhookPayloadError('messaging event is not an object');
        this.readEvent(event, entryId, receivedAt, out);
      }
      // Handover-protocol copies for another app that owns the thread, and Instagram's comment
      // `changes`: not messages to this office's inbox.
      out.ignored += list(entry['standby'], 'entry.standby').length + list(entry['changes'], 'entry.changes').length;
    }
    return out;
  }

  private readEvent(event: Json, entryId: string | undefined, receivedAt: Date, out: ParsedWebhook): void {
    const sender = isJson(event['sender']) ? str(event['sender']['id']) : undefined;
    const recipient = isJson(event['recipient']) ? str(event['recipient']['id']) : undefined;
    const message = event['message'];
    const echo = isJson(message) && message['is_echo'] === true;
    // Ours is the recipient of what a person sends, the sender of an echo.
    const accountId = entryId ?? (echo ? sender : recipient);
    if (!accountId) throw new WebhookPayloadError('event without an account id');
    if (!this.officeOf(accountId)) throw new UnknownAccountError(this.id);
    const at = epochMs(event['timestamp']) ?? receivedAt;

    if (isJson(message)) {
      // Echoes are copies of what our page sent (through us or a person in the inbox): not complaints.
      if (echo) {
        out.ignored += 1;
        return;
      }
      if (!sender) throw new WebhookPayloadError('message without sender.id');
      const parsed = this.readMessage(message, accountId, sender, at);
      if (parsed) out.messages.push(parsed);
      else out.ignored += 1;
      return;
    }

    const delivery = event['delivery'];
    if (isJson(delivery)) {
      const mids = list(delivery['mids'], 'delivery.mids').map(str).filter((m): m is string => m !== undefined);
      // Older clients send only a watermark: no message id to attach a receipt to.
      if (mids.length === 0) out.ignored += 1;
      for (const mid of mids) out.receipts.push(this.receipt(mid, 'delivered', at));
      return;
    }

    const read = event['read'];
    if (isJson(read)) {
      // Instagram's messaging_seen names the message (`read.mid`). Messenger's message_reads gives
      // only a watermark ("everything sent before this time was read"), which matches no message
      // id without our send times, so it is counted and passed over.
      const mid = str(read['mid']);
      if (mid) out.receipts.push(this.receipt(mid, 'read', at));
      else out.ignored += 1;
      return;
    }

    // Reactions, postbacks, referrals, opt-ins, edits, policy notices…
    out.ignored += 1;
  }

  /** A person's message, or `undefined` when it carries nothing we take (a deleted or unsupported message, only a shared link). */
  private readMessage(message: Json, accountId: string, sender: string, sentAt: Date): InboundMessage | undefined {
    const mid = str(message['mid']);
    if (!mid) throw new WebhookPayloadError('message without mid');
    if (message['is_deleted'] === true || message['is_unsupported'] === true) return undefined;
    const parsed: InboundMessage = {
      provider: this.id,
      channel: PROVIDER_CHANNEL[this.id],
      providerMessageId: mid,
      accountId,
      sender,
      sentAt,
      media: [],
    };
    const text = str(message['text']);
    if (text) parsed.text = text;
    for (const a of list(message['attachments'], 'message.attachments')) readAttachment(a, parsed);
    return parsed.text || parsed.media.length > 0 || parsed.location ? parsed : undefined;
  }

  private receipt(mid: string, status: DeliveryReceipt['status'], at: Date): DeliveryReceipt {
    return { provider: this.id, providerMessageId: mid, status, at };
  }
}
