import { hostPatternProblem } from './guarded-fetch/host-patterns';
import type { ProviderId } from './provider';

/*
 * Every provider credential comes from the environment. A provider none of whose variables is
 * set is off (and the services say so at start-up); one that is set only in part is an error
 * naming what is missing, so a typo never leaves a channel silently deaf.
 */

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

/** The first of an office's accounts in a provider's `account → office` map, in configuration order. */
export function firstAccountOf<V>(accounts: ReadonlyMap<string, V>, officeCode: string, officeOf: (value: V) => string = (v) => v as unknown as string): string | undefined {
  for (const [account, value] of accounts) if (officeOf(value) === officeCode) return account;
  return undefined;
}

/** Configuration that cannot be used, every problem named. */
export class ChannelSettingsError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid channel configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ChannelSettingsError';
  }
}

const OFFICE = /^[A-Z]{2,6}$/;

/** Reads `key=value,key=value`; the value is everything after the first `=`. */
export function parsePairs(raw: string, env: string, problems: string[], checkValue?: (v: string) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = item.indexOf('=');
    const key = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    const problem = !key || !value ? 'expected <id>=<value>' : checkValue?.(value);
    if (problem) problems.push(`${env}: "${at > 0 ? key : item}" ${problem}`);
    else out.set(key, value);
  }
  if (out.size === 0 && problems.length === 0) problems.push(`${env}: expected at least one <id>=<value>`);
  return out;
}

const officeValue = (v: string) => (OFFICE.test(v) ? undefined : `office "${v}" is not 2-6 capital letters`);

function urlOf(raw: string, env: string, problems: string[]): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${env}: "${raw}" is not an http(s) URL`);
    return raw;
  }
}

/** Reads `host,*.domain,…` (lower-cased), naming each pattern that cannot be used. */
function hostPatternsOf(raw: string, env: string, problems: string[]): string[] {
  const patterns = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const p of patterns) {
    const problem = hostPatternProblem(p);
    if (problem) problems.push(`${env}: "${p}" ${problem}`);
  }
  return patterns;
}

/** Reads every provider's settings from the environment. Throws {@link ChannelSettingsError}. */
export function channelSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelSettings {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : CHANNEL_VARIABLES.find((x) => x.env === name)?.default;
  };
  const settings: ChannelSettings = { off: [] };
  const publicBaseUrl = value('PUBLIC_BASE_URL');
  if (publicBaseUrl) settings.publicBaseUrl = urlOf(publicBaseUrl, 'PUBLIC_BASE_URL', problems);
  const graphUrl = urlOf(value('META_GRAPH_URL') as string, 'META_GRAPH_URL', problems);
  const graphVersion = value('META_GRAPH_VERSION') as string;
  const mediaHosts = (provider: MediaProvider) => {
    const env = `${provider.toUpperCase()}_MEDIA_HOSTS`;
    return hostPatternsOf(value(env) as string, env, problems);
  };

  /** The provider's required variables: all of them, or none (off). */
  const required = (provider: ProviderId, names: string[]): Record<string, string> | undefined => {
    const set = names.filter((n) => env[n]?.trim());
    if (set.length === 0) {
      settings.off.push({ provider, reason: `${names.join(', ')} not set` });
      return undefined;
    }
    const missing = names.filter((n) => !env[n]?.trim());
    if (missing.length > 0) {
      problems.push(`${provider} is configured in part: ${missing.join(', ')} missing`);
      return undefined;
    }
    return Object.fromEntries(names.map((n) => [n, (env[n] as string).trim()]));
  };

  const wa = required('whatsapp', ['WHATSAPP_PHONE_NUMBERS', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN']);
  if (wa) {
    settings.whatsapp = {
      phoneNumbers: parsePairs(wa.WHATSAPP_PHONE_NUMBERS, 'WHATSAPP_PHONE_NUMBERS', problems, officeValue),
      accessToken: wa.WHATSAPP_ACCESS_TOKEN,
      appSecret: wa.WHATSAPP_APP_SECRET,
      verifyToken: wa.WHATSAPP_VERIFY_TOKEN,
      graphUrl,
      graphVersion,
      mediaHosts: mediaHosts('whatsapp'),
    };
  }

  const meta = (provider: 'messenger' | 'instagram', prefix: 'MESSENGER' | 'INSTAGRAM', accountsVar: string, tokensVar: string) => {
    const m = required(provider, [accountsVar, tokensVar, `${prefix}_APP_SECRET`, `${prefix}_VERIFY_TOKEN`]);
    if (!m) return undefined;
    const offices = parsePairs(m[accountsVar], accountsVar, problems, officeValue);
    const tokens = parsePairs(m[tokensVar], tokensVar, problems);
    const accounts = new Map<string, { office: string; accessToken: string }>();
    for (const [id, office] of offices) {
      const accessToken = tokens.get(id);
      if (!accessToken) problems.push(`${tokensVar}: no token for ${id}`);
      else accounts.set(id, { office, accessToken });
    }
    return { accounts, appSecret: m[`${prefix}_APP_SECRET`], verifyToken: m[`${prefix}_VERIFY_TOKEN`], graphUrl, graphVersion, mediaHosts: mediaHosts(provider) };
  };
  settings.messenger = meta('messenger', 'MESSENGER', 'MESSENGER_PAGES', 'MESSENGER_PAGE_TOKENS');
  settings.instagram = meta('instagram', 'INSTAGRAM', 'INSTAGRAM_ACCOUNTS', 'INSTAGRAM_ACCESS_TOKENS');

  const tw = required('twilio', ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_NUMBERS']);
  if (tw) {
    if (!publicBaseUrl) problems.push('twilio needs PUBLIC_BASE_URL: Twilio signs the URL it calls');
    settings.twilio = {
      accountSid: tw.TWILIO_ACCOUNT_SID,
      authToken: tw.TWILIO_AUTH_TOKEN,
      numbers: parsePairs(tw.TWILIO_NUMBERS, 'TWILIO_NUMBERS', problems, officeValue),
      apiUrl: urlOf(value('TWILIO_API_URL') as string, 'TWILIO_API_URL', problems),
      mediaHosts: mediaHosts('twilio'),
    };
  }

  const ib = required('infobip', ['INFOBIP_BASE_URL', 'INFOBIP_API_KEY', 'INFOBIP_NUMBERS', 'INFOBIP_WEBHOOK_USERNAME', 'INFOBIP_WEBHOOK_PASSWORD']);
  if (ib) {
    if (!publicBaseUrl) problems.push('infobip needs PUBLIC_BASE_URL: its delivery reports are sent there');
    settings.infobip = {
      baseUrl: urlOf(ib.INFOBIP_BASE_URL, 'INFOBIP_BASE_URL', problems),
      apiKey: ib.INFOBIP_API_KEY,
      numbers: parsePairs(ib.INFOBIP_NUMBERS, 'INFOBIP_NUMBERS', problems, officeValue),
      webhookUsername: ib.INFOBIP_WEBHOOK_USERNAME,
      webhookPassword: ib.INFOBIP_WEBHOOK_PASSWORD,
    };
  }

  const tg = required('telegram', ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_OFFICE']);
  if (tg) {
    if (!OFFICE.test(tg.TELEGRAM_OFFICE)) problems.push(`TELEGRAM_OFFICE: office "${tg.TELEGRAM_OFFICE}" is not 2-6 capital letters`);
    // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in secret_token.
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(tg.TELEGRAM_WEBHOOK_SECRET)) problems.push('TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ -');
    settings.telegram = {
      botToken: tg.TELEGRAM_BOT_TOKEN,
      webhookSecret: tg.TELEGRAM_WEBHOOK_SECRET,
      office: tg.TELEGRAM_OFFICE,
      apiUrl: urlOf(value('TELEGRAM_API_URL') as string, 'TELEGRAM_API_URL', problems),
      mediaHosts: mediaHosts('telegram'),
    };
  }

  const web = env.WEB_FORM_OFFICES?.trim();
  if (!web) settings.off.push({ provider: 'web-form', reason: 'WEB_FORM_OFFICES not set' });
  else {
    const offices = web.split(',').map((s) => s.trim()).filter(Boolean);
    for (const o of offices) if (!OFFICE.test(o)) problems.push(`WEB_FORM_OFFICES: office "${o}" is not 2-6 capital letters`);
    settings.webForm = { offices };
  }

  if (problems.length > 0) throw new ChannelSettingsError(problems);
  return settings;
}

/** One line per provider for the start-up log: on (with its accounts' count) or off (with why). No secret. */
export function describeChannelSettings(s: ChannelSettings): { provider: ProviderId; state: 'on' | 'off'; detail: string }[] {
  const on: { provider: ProviderId; state: 'on'; detail: string }[] = [];
  if (s.whatsapp) on.push({ provider: 'whatsapp', state: 'on', detail: `${s.whatsapp.phoneNumbers.size} phone number(s)` });
  if (s.messenger) on.push({ provider: 'messenger', state: 'on', detail: `${s.messenger.accounts.size} page(s)` });
  if (s.instagram) on.push({ provider: 'instagram', state: 'on', detail: `${s.instagram.accounts.size} account(s)` });
  if (s.twilio) on.push({ provider: 'twilio', state: 'on', detail: `${s.twilio.numbers.size} number(s)` });
  if (s.infobip) on.push({ provider: 'infobip', state: 'on', detail: `${s.infobip.numbers.size} number(s)` });
  if (s.telegram) on.push({ provider: 'telegram', state: 'on', detail: `office ${s.telegram.office}` });
  if (s.webForm) on.push({ provider: 'web-form', state: 'on', detail: `office(s) ${s.webForm.offices.join(', ')}` });
  return [...on, ...s.off.map((o) => ({ provider: o.provider, state: 'off' as const, detail: o.reason }))];
}
