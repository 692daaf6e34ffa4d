import type { ProviderId } from '../provider';

/** WhatsApp Business Cloud API. */
export interface WhatsAppSettings {
  /** Phone number id (Meta's, not the number) → office code. */
  phoneNumbers: ReadonlyMap<string, string>;
  /** System-user access token: sends messages, fetches media. */
  accessToken: string;
  /** The Meta app's secret: `X-Hub-Signature-256` of every webhook. */
  appSecret: string;
  /** What we told Meta to send in `hub.verify_token` when subscribing the webhook. */
  verifyToken: string;
  graphUrl: string;
  graphVersion: string;
  /** Hosts the media download URL may be on besides `graphUrl` (default {@link DEFAULT_MEDIA_HOSTS}). */
  mediaHosts?: readonly string[];
}

/** Messenger (a Facebook page) or Instagram messaging: same Graph send API, same webhook scheme. */
export interface MetaMessagingSettings {
  /** Page id (Messenger) or Instagram account id → office code and the access token that sends for it. */
  accounts: ReadonlyMap<string, { office: string; accessToken: string }>;
  appSecret: string;
  verifyToken: string;
  graphUrl: string;
  graphVersion: string;
  /** Hosts attachment URLs may be on besides `graphUrl` (default {@link DEFAULT_MEDIA_HOSTS}). */
  mediaHosts?: readonly string[];
}

/** Twilio Programmable Messaging (SMS). */
export interface TwilioSettings {
  accountSid: string;
  /** Signs `X-Twilio-Signature` and authenticates our API calls. */
  authToken: string;
  /** Our SMS numbers (E.164) → office code. */
  numbers: ReadonlyMap<string, string>;
  apiUrl: string;
  /** Hosts Twilio's media URL may redirect to besides `apiUrl` (default {@link DEFAULT_MEDIA_HOSTS}). */
  mediaHosts?: readonly string[];
}

/** Infobip SMS, an Indonesian-market provider (local sender ids and numbers). */
export interface InfobipSettings {
  /** The account's own base URL, e.g. `https://xxxxx.api.infobip.com`. */
  baseUrl: string;
  /** `Authorization: App <key>` on our API calls. */
  apiKey: string;
  /** Our numbers or sender ids → office code. */
  numbers: ReadonlyMap<string, string>;
  /** Infobip calls our webhooks with HTTP Basic credentials we set in its portal. */
  webhookUsername: string;
  webhookPassword: string;
}

/** A Telegram bot. */
export interface TelegramSettings {
  botToken: string;
  /** Set with `setWebhook(secret_token)`; Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`. */
  webhookSecret: string;
  /** The office the bot answers for. */
  office: string;
  apiUrl: string;
  /** Hosts a file download may redirect to besides `apiUrl` (default {@link DEFAULT_MEDIA_HOSTS}). */
  mediaHosts?: readonly string[];
}

/** The public web form. */
export interface WebFormSettings {
  /** Offices whose complaints the form takes. */
  offices: readonly string[];
}

export interface ChannelSettings {
  /** The platform's public base URL (what providers call; Twilio signs it); required by Twilio and Infobip. */
  publicBaseUrl?: string;
  whatsapp?: WhatsAppSettings;
  messenger?: MetaMessagingSettings;
  instagram?: MetaMessagingSettings;
  twilio?: TwilioSettings;
  infobip?: InfobipSettings;
  telegram?: TelegramSettings;
  webForm?: WebFormSettings;
  /** The providers that are off, each with why. */
  off: { provider: ProviderId; reason: string }[];
}

/** The first of an office's accounts in a provider's `account → office` map, in configuration order. */
export function firstAccountOf<V>(accounts: ReadonlyMap<string, V>, officeCode: string, officeOf: (value: V) => string = (v) => v as unknown as string): string | undefined {
  for (const [account, value] of accounts) if (officeOf(value) === officeCode) return account;
  return undefined;
}
