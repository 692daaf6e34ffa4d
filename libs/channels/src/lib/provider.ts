import type { Channel } from '@pengaduan/sop';

/**
 * The providers the platform speaks to. Each has a webhook at `/webhooks/<provider>` on the
 * platform's public base URL (intake), and all but the web form an outbound adapter
 * (notification).
 */
export const PROVIDERS = ['whatsapp', 'messenger', 'instagram', 'twilio', 'infobip', 'telegram', 'web-form'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** The channel a provider's messages come in over (and its answers go out over). */
export const PROVIDER_CHANNEL: Record<ProviderId, Channel> = {
  whatsapp: 'WHATSAPP',
  messenger: 'FACEBOOK',
  instagram: 'INSTAGRAM',
  twilio: 'SMS',
  infobip: 'SMS',
  telegram: 'TELEGRAM',
  'web-form': 'WEB',
};

// ---------------------------------------------------------------------------------------------
// Inbound: a webhook request as it reached the platform, and what it says.
// ---------------------------------------------------------------------------------------------

/** A webhook request exactly as received: the raw bytes are what signatures are computed over. */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  /**
   * The URL the provider called, as the provider saw it: the platform's public base URL plus
   * the path and query (Twilio signs this URL, so it must not be the internal address).
   */
  publicUrl: string;
  /** The path below `/webhooks/<provider>`, `''` for the webhook itself (e.g. `/status`). */
  subpath: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Query parameters (first value of each). */
  query: Readonly<Record<string, string | undefined>>;
  /** The body's bytes, never re-serialised. */
  rawBody: Buffer;
}

/** The answer to a webhook's subscription handshake (Meta's `hub.challenge`). */
export interface HandshakeAnswer {
  status: 200 | 403;
  /** The challenge echoed back, as plain text; empty when refused. */
  body: string;
}

/** Whether a request is from the provider. A refusal names why (for the log and the counters), never a secret. */
export type VerifyOutcome = { ok: true } | { ok: false; status: 401 | 403; reason: 'MISSING_SIGNATURE' | 'BAD_SIGNATURE' | 'MISSING_CREDENTIALS' | 'BAD_CREDENTIALS' };

/** One message of a complainant, as a provider delivered it. Personal data: `sender`, `senderName`, `text`, `location`. */
export interface InboundMessage {
  provider: ProviderId;
  channel: Channel;
  /** The provider's id of the message (WhatsApp `wamid…`, Twilio `SM…`, Telegram `<chat>:<message_id>`): unique per provider. */
  providerMessageId: string;
  /**
   * The account of ours it was sent to: the WhatsApp phone number id, the Facebook page id, the
   * Instagram account id, our SMS number, the Telegram bot. Maps to an office.
   */
  accountId: string;
  /** How to answer the sender on this channel: E.164 number, page-scoped id, Telegram chat id. */
  sender: string;
  /** The sender's display name, when the provider gives one. */
  senderName?: string;
  /** When the message reached the provider (its timestamp), else when it reached us. */
  sentAt: Date;
  /** The text, or the caption of a media message. */
  text?: string;
  media: InboundMedia[];
  location?: { latitude: number; longitude: number; name?: string; address?: string };
}

/** A photo, voice note, video or document attached to a message, to be fetched the provider's way. */
export interface InboundMedia {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker';
  /** WhatsApp media id, Telegram file id, or the URL Twilio/Meta/Infobip give. */
  ref: string;
  /** As the provider states it (checked again on the bytes' response). */
  mimeType?: string;
  /** SHA-256 the provider states (WhatsApp: base64 or hex of the file), compared with the fetched bytes. */
  sha256?: string;
  fileName?: string;
}

/** How far an outbound message got. Only moves forward: queued < sent < delivered < read; failed stands apart. */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/** A provider's delivery receipt for a message we sent. No personal data. */
export interface DeliveryReceipt {
  provider: ProviderId;
  /** The id the provider answered our send with. */
  providerMessageId: string;
  status: DeliveryStatus;
  /** The provider's time of the status, else when it reached us. */
  at: Date;
  /** `<CHANNEL>.<provider code>` for a failure, e.g. `WHATSAPP.131047`. */
  errorCode?: string;
}

/** What one webhook request carried. */
export interface ParsedWebhook {
  messages: InboundMessage[];
  receipts: DeliveryReceipt[];
  /** Entries deliberately passed over (echoes of our own sends, reactions, unsupported kinds), counted not stored. */
  ignored: number;
}

/** The body is not what the provider sends (malformed JSON, wrong shape): 400, and the raw request is quarantined. */
export class WebhookPayloadError extends Error {
  readonly code = 'WEBHOOK.MALFORMED';
  constructor(readonly reason: string) {
    super(`malformed webhook: ${reason}`);
    this.name = 'WebhookPayloadError';
  }
}

/** The request names an account (phone number id, page id, number) that no office of ours has: refused (403), nothing stored. */
export class UnknownAccountError extends Error {
  readonly code = 'WEBHOOK.UNKNOWN_ACCOUNT';
  constructor(readonly provider: ProviderId) {
    super(`${provider} webhook for an account no office is configured with`);
    this.name = 'UnknownAccountError';
  }
}

/** How the platform answers a webhook it has stored (Twilio expects TwiML, the others anything 2xx). */
export interface WebhookAck {
  contentType: string;
  body: string;
}

/**
 * The inbound side of one provider: verifies a request came from it and reads what it says.
 * Pure: no I/O, so every scheme is unit-tested against the provider's documented examples.
 */
export interface InboundProvider {
  readonly id: ProviderId;
  /** The office each of our accounts belongs to (`accountId` → office code). */
  officeOf(accountId: string): string | undefined;
  /** Meta's GET subscription handshake; absent for providers without one. */
  handshake?(request: WebhookRequest): HandshakeAnswer;
  /** Checks the signature or credentials over the raw bytes, in constant time. */
  verify(request: WebhookRequest): VerifyOutcome;
  /** Reads a verified request. Throws {@link WebhookPayloadError} (400) or {@link UnknownAccountError} (403). */
  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook;
  /** What to answer once stored. */
  readonly ack: WebhookAck;
}

// ---------------------------------------------------------------------------------------------
// Media: the provider's way from a media reference to bytes.
// ---------------------------------------------------------------------------------------------

/** The bytes of one attachment as the provider served them. */
export interface FetchedMedia {
  bytes: Buffer;
  /** The content type the provider served (or stated). */
  mimeType: string;
  /** The SHA-256 the provider stated for the file, as lowercase hex, when it states one. */
  statedSha256?: string;
}

/** A media fetch that failed: `retryable` for 429/5xx/timeouts, not for 404 or a refused token. */
export class MediaFetchError extends Error {
  readonly code = 'MEDIA.FETCH_FAILED';
  constructor(
    readonly provider: ProviderId,
    readonly status: number | undefined,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

export interface MediaFetcher {
  readonly provider: ProviderId;
  /** Fetches one attachment of a message received on `accountId`. Throws {@link MediaFetchError}. */
  fetch(media: InboundMedia, accountId: string): Promise<FetchedMedia>;
}

// ---------------------------------------------------------------------------------------------
// Outbound: one message to one recipient over one provider.
// ---------------------------------------------------------------------------------------------

/** An approved message template (WhatsApp's message templates) with its parameters in order. */
export interface ProviderTemplate {
  name: string;
  /** BCP 47 language code as approved at the provider, e.g. `id`. */
  language: string;
  parameters: string[];
}

/** One message for a provider to send. `recipient` is personal data: never logged or stored. */
export interface ProviderSendRequest {
  /** E.164 number, page-scoped id, Telegram chat id. */
  recipient: string;
  /** The office's account to send from (phone number id, page id, number); the adapter's default when absent. */
  accountId?: string;
  /** Free-form text. Exactly one of `text` and `template`. */
  text?: string;
  template?: ProviderTemplate;
  /** Stable per message; sent where the provider supports it (Infobip `messageId`, Twilio none: we keep at most once ourselves). */
  idempotencyKey: string;
  /** Where the provider posts this message's delivery receipts, for providers that take it per message (Twilio, Infobip). */
  statusCallbackUrl?: string;
}

/** What the provider answered. */
export type ProviderSendOutcome =
  | { kind: 'accepted'; providerMessageId: string }
  | {
      kind: 'failed';
      /** `<CHANNEL>.<provider code>`, e.g. `WHATSAPP.131047`, `SMS.21610`, `TELEGRAM.429`; `<CHANNEL>.HTTP_503`, `<CHANNEL>.NETWORK`. */
      errorCode: string;
      /** 429 and 5xx and network errors: the same message may go later. */
      retryable: boolean;
      /** The provider's own wait (Retry-After, Telegram's `retry_after`), in ms. */
      retryAfterMs?: number;
      /** WhatsApp: free-form text refused because the 24-hour customer-service window is closed (131047). */
      windowClosed?: boolean;
    };

export interface OutboundProvider {
  readonly id: ProviderId;
  readonly channel: Channel;
  /** Whether it can send an approved template (WhatsApp) rather than only free-form text. */
  readonly supportsTemplates: boolean;
  /** The office's account to send from (its phone number id, page id, number), when it has one on this provider. */
  accountFor(officeCode: string): string | undefined;
  send(request: ProviderSendRequest): Promise<ProviderSendOutcome>;
}
