import type { MediaFetchLimits } from './guarded-fetch';
import { InfobipInbound, InfobipOutbound } from './infobip';
import { MetaMessagingInbound, MetaMessagingMediaFetcher, MetaMessagingOutbound, WhatsAppInbound, WhatsAppMediaFetcher, WhatsAppOutbound } from './meta';
import type { InboundProvider, MediaFetcher, OutboundProvider } from './provider';
import type { ChannelSettings } from './settings';
import { TelegramInbound, TelegramMediaFetcher, TelegramOutbound } from './telegram';
import { TwilioInbound, TwilioMediaFetcher, TwilioOutbound } from './twilio';

/** The webhooks of every configured provider (intake adds the web form, which is its own). */
export function inboundProviders(s: ChannelSettings): InboundProvider[] {
  const all: (InboundProvider | undefined)[] = [
    s.whatsapp && new WhatsAppInbound(s.whatsapp),
    s.messenger && new MetaMessagingInbound('messenger', s.messenger),
    s.instagram && new MetaMessagingInbound('instagram', s.instagram),
    s.twilio && new TwilioInbound(s.twilio),
    s.infobip && new InfobipInbound(s.infobip),
    s.telegram && new TelegramInbound(s.telegram),
  ];
  return all.filter((p): p is InboundProvider => p !== undefined);
}

/**
 * The media fetchers of every configured provider that sends attachments (Infobip SMS has none),
 * each fetching only through the guarded client, within `limits` (MEDIA_MAX_BYTES …).
 */
export function mediaFetchers(s: ChannelSettings, limits: MediaFetchLimits = {}): MediaFetcher[] {
  const all: (MediaFetcher | undefined)[] = [
    s.whatsapp && new WhatsAppMediaFetcher(s.whatsapp, limits),
    s.messenger && new MetaMessagingMediaFetcher('messenger', s.messenger, limits),
    s.instagram && new MetaMessagingMediaFetcher('instagram', s.instagram, limits),
    s.twilio && new TwilioMediaFetcher(s.twilio, limits),
    s.telegram && new TelegramMediaFetcher(s.telegram, limits),
  ];
  return all.filter((f): f is MediaFetcher => f !== undefined);
}

/** The senders of every configured provider. */
export function outboundProviders(s: ChannelSettings): OutboundProvider[] {
  const all: (OutboundProvider | undefined)[] = [
    s.whatsapp && new WhatsAppOutbound(s.whatsapp),
    s.messenger && new MetaMessagingOutbound('messenger', s.messenger),
    s.instagram && new MetaMessagingOutbound('instagram', s.instagram),
    s.twilio && new TwilioOutbound(s.twilio),
    s.infobip && new InfobipOutbound(s.infobip),
    s.telegram && new TelegramOutbound(s.telegram),
  ];
  return all.filter((p): p is OutboundProvider => p !== undefined);
}
