import type { ProviderId } from '../provider';

/** One variable the channels read, for `.env.example` and the configuration test. */
export interface ChannelVariable {
  env: string;
  provider: ProviderId | 'all';
  description: string;
  /** A secret: from a secret store, never committed. */
  secret: boolean;
  default?: string;
}

const META_GRAPH_URL = 'https://graph.facebook.com';

/** The providers that serve attachments. */
export type MediaProvider = 'whatsapp' | 'messenger' | 'instagram' | 'twilio' | 'telegram';

/**
 * The hosts each provider serves media from, as documented (a configured API origin is always
 * allowed too): WhatsApp's media URL is on lookaside.fbsbx.com; Messenger's and Instagram's
 * attachment URLs on Meta's CDNs; Twilio's media URL redirects to mms.twiliocdn.com; Telegram
 * serves files from its API host. Their addresses must be public (docs/adr/0021).
 */
export const DEFAULT_MEDIA_HOSTS: Readonly<Record<MediaProvider, readonly string[]>> = {
  whatsapp: ['*.fbsbx.com', '*.fbcdn.net', '*.whatsapp.net'],
  messenger: ['*.fbsbx.com', '*.fbcdn.net'],
  instagram: ['*.fbsbx.com', '*.fbcdn.net', '*.cdninstagram.com'],
  twilio: ['api.twilio.com', '*.twiliocdn.com'],
  telegram: ['api.telegram.org'],
};

const mediaHostsVariable = (provider: MediaProvider): ChannelVariable => ({
  env: `${provider.toUpperCase()}_MEDIA_HOSTS`,
  provider,
  secret: false,
  default: DEFAULT_MEDIA_HOSTS[provider].join(','),
  description: `hosts ${provider} media may be fetched from besides its API URL: host or *.domain, comma-separated; every address they resolve to must be public`,
});
const META_GRAPH_VERSION = 'v23.0';

/** Every variable, in the order `.env.example` lists them. */
export const CHANNEL_VARIABLES: readonly ChannelVariable[] = [
  { env: 'PUBLIC_BASE_URL', provider: 'all', secret: false, description: 'the platform’s public base URL, as providers call it (Twilio signs it; receipts are sent to it)' },
  { env: 'META_GRAPH_URL', provider: 'all', secret: false, default: META_GRAPH_URL, description: 'Meta Graph API base URL (WhatsApp, Messenger, Instagram)' },
  { env: 'META_GRAPH_VERSION', provider: 'all', secret: false, default: META_GRAPH_VERSION, description: 'Meta Graph API version' },
  { env: 'WHATSAPP_PHONE_NUMBERS', provider: 'whatsapp', secret: false, description: 'phone number ids and their offices: <phone number id>=<OFFICE>,…' },
  { env: 'WHATSAPP_ACCESS_TOKEN', provider: 'whatsapp', secret: true, description: 'system-user access token of the WhatsApp Business account' },
  { env: 'WHATSAPP_APP_SECRET', provider: 'whatsapp', secret: true, description: 'Meta app secret that signs WhatsApp webhooks (X-Hub-Signature-256)' },
  { env: 'WHATSAPP_VERIFY_TOKEN', provider: 'whatsapp', secret: true, description: 'verify token of the webhook subscription (hub.verify_token)' },
  mediaHostsVariable('whatsapp'),
  { env: 'MESSENGER_PAGES', provider: 'messenger', secret: false, description: 'Facebook page ids and their offices: <page id>=<OFFICE>,…' },
  { env: 'MESSENGER_PAGE_TOKENS', provider: 'messenger', secret: true, description: 'page access tokens: <page id>=<token>,…' },
  { env: 'MESSENGER_APP_SECRET', provider: 'messenger', secret: true, description: 'Meta app secret that signs Messenger webhooks' },
  { env: 'MESSENGER_VERIFY_TOKEN', provider: 'messenger', secret: true, description: 'verify token of the Messenger webhook subscription' },
  mediaHostsVariable('messenger'),
  { env: 'INSTAGRAM_ACCOUNTS', provider: 'instagram', secret: false, description: 'Instagram professional account ids and their offices: <account id>=<OFFICE>,…' },
  { env: 'INSTAGRAM_ACCESS_TOKENS', provider: 'instagram', secret: true, description: 'access tokens that send for each account: <account id>=<token>,…' },
  { env: 'INSTAGRAM_APP_SECRET', provider: 'instagram', secret: true, description: 'Meta app secret that signs Instagram webhooks' },
  { env: 'INSTAGRAM_VERIFY_TOKEN', provider: 'instagram', secret: true, description: 'verify token of the Instagram webhook subscription' },
  mediaHostsVariable('instagram'),
  { env: 'TWILIO_ACCOUNT_SID', provider: 'twilio', secret: false, description: 'Twilio account SID (AC…)' },
  { env: 'TWILIO_AUTH_TOKEN', provider: 'twilio', secret: true, description: 'Twilio auth token: signs X-Twilio-Signature, authenticates API calls' },
  { env: 'TWILIO_NUMBERS', provider: 'twilio', secret: false, description: 'our Twilio SMS numbers and their offices: <E.164>=<OFFICE>,…' },
  { env: 'TWILIO_API_URL', provider: 'twilio', secret: false, default: 'https://api.twilio.com', description: 'Twilio REST API base URL' },
  mediaHostsVariable('twilio'),
  { env: 'INFOBIP_BASE_URL', provider: 'infobip', secret: false, description: 'the Infobip account’s base URL (https://<id>.api.infobip.com)' },
  { env: 'INFOBIP_API_KEY', provider: 'infobip', secret: true, description: 'Infobip API key (Authorization: App <key>)' },
  { env: 'INFOBIP_NUMBERS', provider: 'infobip', secret: false, description: 'our Infobip numbers or sender ids and their offices: <number>=<OFFICE>,…' },
  { env: 'INFOBIP_WEBHOOK_USERNAME', provider: 'infobip', secret: false, description: 'HTTP Basic user Infobip calls our webhooks with' },
  { env: 'INFOBIP_WEBHOOK_PASSWORD', provider: 'infobip', secret: true, description: 'HTTP Basic password Infobip calls our webhooks with' },
  { env: 'TELEGRAM_BOT_TOKEN', provider: 'telegram', secret: true, description: 'Telegram bot token from BotFather' },
  { env: 'TELEGRAM_WEBHOOK_SECRET', provider: 'telegram', secret: true, description: 'the secret_token given to setWebhook (X-Telegram-Bot-Api-Secret-Token)' },
  { env: 'TELEGRAM_OFFICE', provider: 'telegram', secret: false, description: 'the office the Telegram bot answers for' },
  { env: 'TELEGRAM_API_URL', provider: 'telegram', secret: false, default: 'https://api.telegram.org', description: 'Telegram Bot API base URL' },
  mediaHostsVariable('telegram'),
  { env: 'WEB_FORM_OFFICES', provider: 'web-form', secret: false, description: 'offices whose complaints the public web form takes: <OFFICE>,…' },
];
