import { finiteNumber, instantOf } from '../provider-values';
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
import type { WhatsAppSettings } from '../settings';
import { isJson, list, str, type Json } from './meta-json';
import { MetaWebhookInbound } from './meta-webhook';


const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const RECEIPT_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/**
 * A SHA-256 as lowercase hex. WhatsApp documents it as hex but has been seen sending the base64
 * of the digest (44 characters), so both are read; anything else is not a SHA-256 and is dropped.
 */
export function normaliseSha256(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase();
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const digest = Buffer.from(v, 'base64');
    if (digest.length === 32) return digest.toString('hex');
  }
  return undefined;
}

/** Unix seconds as WhatsApp sends them (a string), else `undefined`. */
function unixSeconds(v: unknown): Date | undefined {
  const n = finiteNumber(v);
  return instantOf(n === undefined ? undefined : n * 1000);
}

/**
 * The inbound side of the WhatsApp Business Cloud API: the `hub.challenge` handshake, the
 * `X-Hub-Signature-256` of the app secret, and the `messages` webhook field (messages of
 * complainants and the statuses of what we sent).
 */
export class WhatsAppInbound extends MetaWebhookInbound implements InboundProvider {
  readonly id = 'whatsapp' as const;

  constructor(private readonly settings: WhatsAppSettings) {
    super(settings);
  }

  officeOf(phoneNumberId: string): string | undefined {
    return this.settings.phoneNumbers.get(phoneNumberId);
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    const entries = this.entriesOf(request, 'whatsapp_business_account');
    const out: ParsedWebhook = { messages: [], receipts: [], ignored: 0 };
    for (const entry of entries) {
      if (!isJson(entry)) throw new WebhookPayloadError('entry is not an object');
      for (const change of list(entry['changes'], 'entry.changes')) {
        if (!isJson(change) || !isJson(change['value'])) throw new WebhookPayloadError('change without value');
        // Other fields (template status, account updates, echoes of the business app) are not complaints.
        if (change['field'] !== 'messages') {
          out.ignored += 1;
          continue;
        }
        this.readValue(change['value'], receivedAt, out);
      }
    }
    return out;
  }

  private readValue(value: Json, receivedAt: Date, out: ParsedWebhook): void {
    const metadata = value['metadata'];
    const accountId = isJson(metadata) ? str(metadata['phone_number_id']) : undefined;
    if (!accountId) throw new WebhookPayloadError('value without metadata.phone_number_id');
    if (!this.officeOf(accountId)) throw new UnknownAccountError('whatsapp');

    const contacts = list(value['contacts'], 'contacts').filter(isJson);
    const names = new Map<string, string>();
    for (const c of contacts) {
      const waId = str(c['wa_id']);
      const name = isJson(c['profile']) ? str(c['profile']['name']) : undefined;
      if (waId && name) names.set(waId, name);
    }
    // One contact per message is the norm; its name stands when `from` is written differently.
    const onlyName = contacts.length === 1 && isJson(contacts[0]['profile']) ? str(contacts[0]['profile']['name']) : undefined;

    for (const m of list(value['messages'], 'messages')) {
      if (!isJson(m)) throw new WebhookPayloadError('message is not an object');
      const message = this.readMessage(m, accountId, receivedAt);
      if (!message) {
        out.ignored += 1;
        continue;
      }
      const from = message.sender.slice(1);
      const name = names.get(from) ?? onlyName;
      out.messages.push(name ? { ...message, senderName: name } : message);
    }

    for (const s of list(value['statuses'], 'statuses')) {
      if (!isJson(s)) throw new WebhookPayloadError('status is not an object');
      const receipt = readStatus(s, receivedAt);
      if (receipt) out.receipts.push(receipt);
      else out.ignored += 1;
    }

    // Errors about the webhook itself (no message to attach them to): counted, not stored.
    out.ignored += list(value['errors'], 'errors').length;
  }

  /** One message of a complainant, or `undefined` for a kind we do not take (reaction, unsupported, system, contacts, order…). */
  private readMessage(m: Json, accountId: string, receivedAt: Date): InboundMessage | undefined {
    const id = str(m['id']);
    const from = str(m['from']);
    const type = str(m['type']);
    if (!id || !from || !type) throw new WebhookPayloadError('message without id, from or type');
    const message: InboundMessage = {
      provider: 'whatsapp',
      channel: PROVIDER_CHANNEL.whatsapp,
      providerMessageId: id,
      accountId,
      // WhatsApp ids are the number's digits; we answer (and store) E.164.
      sender: from.startsWith('+') ? from : `+${from}`,
      sentAt: unixSeconds(m['timestamp']) ?? receivedAt,
      media: [],
    };
    const content = m[type];
    if (!isJson(content)) return undefined;
    return CONTENT_READERS.get(type)?.(content, message, type);
  }
}

/** Reads the content of one message type into the message, or `undefined` when it carries nothing we take. */
type ContentReader = (content: Json, message: InboundMessage, type: string) => InboundMessage | undefined;

const readText: ContentReader = (content, message) => {
  const text = str(content['body']);
  return text ? { ...message, text } : undefined;
};

const readMedia: ContentReader = (content, message, type) => {
  const ref = str(content['id']);
  if (!ref) throw new WebhookPayloadError('media without id');
  const media: InboundMedia = { kind: type as InboundMedia['kind'], ref };
  const mimeType = str(content['mime_type']);
  const sha256 = normaliseSha256(str(content['sha256']));
  const fileName = str(content['filename']);
  if (mimeType) media.mimeType = mimeType;
  if (sha256) media.sha256 = sha256;
  if (fileName) media.fileName = fileName;
  const caption = str(content['caption']);
  return { ...message, media: [media], ...(caption ? { text: caption } : {}) };
};

const readLocation: ContentReader = (content, message) => {
  const latitude = finiteNumber(content['latitude']);
  const longitude = finiteNumber(content['longitude']);
  if (latitude === undefined || longitude === undefined) throw new WebhookPayloadError('location without coordinates');
  const name = str(content['name']);
  const address = str(content['address']);
  return { ...message, location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
};

// A tap on a quick-reply button of a template, or on a reply button or list row: its label is what they said.
const readButton: ContentReader = (content, message) => {
  const text = str(content['text']);
  return text ? { ...message, text } : undefined;
};

const readInteractive: ContentReader = (content, message) => {
  const reply = content['button_reply'] ?? content['list_reply'];
  const text = isJson(reply) ? str(reply['title']) : undefined;
  return text ? { ...message, text } : undefined;
};

/** The message types we take; a Map, so a type named like an object's own property (`constructor`) finds nothing. */
const CONTENT_READERS = new Map<string, ContentReader>([
  ['text', readText],
  ...MEDIA_KINDS.map((kind): [string, ContentReader] => [kind, readMedia]),
  ['location', readLocation],
  ['button', readButton],
  ['interactive', readInteractive],
]);

/** A status of a message we sent; `undefined` for statuses that are not receipts (`deleted`, `warning`). */
function readStatus(s: Json, receivedAt: Date): DeliveryReceipt | undefined {
  const id = str(s['id']);
  const status = str(s['status']);
  if (!id || !status) throw new WebhookPayloadError('status without id or status');
  if (!(RECEIPT_STATUSES as readonly string[]).includes(status)) return undefined;
  const receipt: DeliveryReceipt = {
    provider: 'whatsapp',
    providerMessageId: id,
    status: status as DeliveryReceipt['status'],
    at: unixSeconds(s['timestamp']) ?? receivedAt,
  };
  if (status === 'failed') {
    const first = list(s['errors'], 'status.errors').find(isJson);
    const code = first ? str(first['code']) : undefined;
    receipt.errorCode = `WHATSAPP.${code && /^\d+$/.test(code) ? code : 'UNKNOWN'}`;
  }
  return receipt;
}
