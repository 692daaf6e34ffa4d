import type { ProviderId } from '../provider';
import { CHANNEL_VARIABLES, type MediaProvider } from './channel-variables';
import type { ChannelSettings } from './provider-settings';
import { hostPatternsOf, OFFICE, officeValue, parsePairs, urlOf } from './value-parsers';

/*
 * Every provider credential comes from the environment. A provider none of whose variables is
 * set is off (and the services say so at start-up); one that is set only in part is an error
 * naming what is missing, so a typo never leaves a channel silently deaf.
 */

/** Configuration that cannot be used, every problem named. */
export class ChannelSettingsError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid channel configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ChannelSettingsError';
  }
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
