import { ownEntry } from '../provider-values';
import {
  UnknownAccountError,
  WebhookPayloadError,
  type DeliveryReceipt,
  type DeliveryStatus,
  type InboundMedia,
  type InboundProvider,
  type ParsedWebhook,
  type VerifyOutcome,
  type WebhookAck,
  type WebhookRequest,
} from '../provider';
import type { TwilioSettings } from '../settings';
import { formParams, verifyTwilioSignature } from './twilio-signature';

/** Twilio's status callback values → ours; statuses not listed (`receiving`, `scheduled`, `canceled`…) are ignored. */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

/** The kind of an attachment from the content type Twilio states. */
function mediaKind(contentType: string | undefined): InboundMedia['kind'] {
  if (contentType?.startsWith('image/')) return 'image';
  if (contentType?.startsWith('audio/')) return 'audio';
  if (contentType?.startsWith('video/')) return 'video';
  return 'document';
}

/**
 * Twilio Programmable Messaging webhooks: the incoming-message webhook of our numbers (subpath
 * `''`) and the status callbacks of the messages we send (subpath `/status`), both
 * form-encoded POSTs signed with `X-Twilio-Signature` over the public URL.
 */
export class TwilioInbound implements InboundProvider {
  readonly id = 'twilio' as const;
  /** Twilio expects TwiML; an empty `<Response>` sends no automatic reply. */
  readonly ack: WebhookAck = { contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' };

  constructor(private readonly settings: TwilioSettings) {}

  officeOf(accountId: string): string | undefined {
    return this.settings.numbers.get(accountId);
  }

  verify(request: WebhookRequest): VerifyOutcome {
    return verifyTwilioSignature(this.settings, request.publicUrl, request);
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    const contentType = request.headers['content-type'];
    if (contentType && !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new WebhookPayloadError('not form-encoded');
    }
    const params = new Map<string, string>();
    // Twilio sends each name once; the first value wins should one repeat.
    for (const [name, value] of formParams(request.rawBody)) if (!params.has(name)) params.set(name, value);
    const messageSid = params.get('MessageSid') ?? params.get('SmsSid');
    if (!messageSid) throw new WebhookPayloadError('MessageSid missing');
    // A signed request for another account means a Twilio account (or subaccount) is pointed at
    // us that we are not configured for: the account is unknown, not the body malformed.
    if (params.get('AccountSid') !== this.settings.accountSid) throw new UnknownAccountError(this.id);

    if (request.subpath === '/status') return this.receipt(params, messageSid, receivedAt);
    if (request.subpath !== '') throw new WebhookPayloadError('unknown webhook path');

    const to = params.get('To');
    if (!to || !this.settings.numbers.has(to)) throw new UnknownAccountError(this.id);
    const from = params.get('From');
    if (!from) throw new WebhookPayloadError('From missing');
    const numMedia = Number(params.get('NumMedia') ?? '0');
    if (!Number.isInteger(numMedia) || numMedia < 0) throw new WebhookPayloadError('NumMedia not a count');
    const media: InboundMedia[] = [];
    for (let i = 0; i < numMedia; i++) {
      const url = params.get(`MediaUrl${i}`);
      if (!url) throw new WebhookPayloadError(`MediaUrl${i} missing`);
      const mimeType = params.get(`MediaContentType${i}`) || undefined;
      media.push({ kind: mediaKind(mimeType), ref: url, mimeType });
    }
    const body = params.get('Body');
    return {
      messages: [
        {
          provider: this.id,
          channel: 'SMS',
          providerMessageId: messageSid,
          accountId: to,
          sender: from,
          // The incoming-message webhook carries no timestamp.
          sentAt: receivedAt,
          text: body ? body : undefined,
          media,
        },
      ],
      receipts: [],
      ignored: 0,
    };
  }

  private receipt(params: Map<string, string>, messageSid: string, receivedAt: Date): ParsedWebhook {
    const raw = params.get('MessageStatus') ?? params.get('SmsStatus');
    if (!raw) throw new WebhookPayloadError('MessageStatus missing');
    const status = ownEntry(STATUS, raw);
    if (!status) return { messages: [], receipts: [], ignored: 1 };
    const receipt: DeliveryReceipt = {
      provider: this.id,
      providerMessageId: messageSid,
      status,
      // RawDlrDoneDate has minute precision and no time zone: not worth more than our clock.
      at: receivedAt,
    };
    if (status === 'failed') {
      const code = params.get('ErrorCode');
      // Only digits reach the code, whatever the body says.
      receipt.errorCode = code && /^\d{1,10}$/.test(code) ? `SMS.${code}` : `SMS.${raw.toUpperCase()}`;
    }
    return { messages: [], receipts: [receipt], ignored: 0 };
  }
}
