import type { ChannelSettings } from '@pengaduan/channels';

/**
 * Which offices a provider's quarantined requests belong to (docs/adr/0047): a request that
 * could not be read names no account, so it is attributed to every office with an account at
 * that provider in the configuration — one of them was written to. Answers the providers of an
 * office.
 */
export class ProblemMessageOffices {
  constructor(private readonly officesByProvider: ReadonlyMap<string, readonly string[]>) {}

  /** The attribution the channel settings give. */
  static of(settings: ChannelSettings): ProblemMessageOffices {
    const byProvider = new Map<string, readonly string[]>();
    const add = (provider: string, offices: Iterable<string>) => byProvider.set(provider, [...new Set(offices)]);
    if (settings.whatsapp) add('whatsapp', settings.whatsapp.phoneNumbers.values());
    if (settings.messenger) add('messenger', [...settings.messenger.accounts.values()].map((a) => a.office));
    if (settings.instagram) add('instagram', [...settings.instagram.accounts.values()].map((a) => a.office));
    if (settings.twilio) add('twilio', settings.twilio.numbers.values());
    if (settings.infobip) add('infobip', settings.infobip.numbers.values());
    if (settings.telegram) add('telegram', [settings.telegram.office]);
    if (settings.webForm) add('web-form', settings.webForm.offices);
    return new ProblemMessageOffices(byProvider);
  }

  /** The providers whose quarantined requests the office sees. */
  providersOf(officeCode: string): string[] {
    return [...this.officesByProvider].filter(([, offices]) => offices.includes(officeCode)).map(([provider]) => provider);
  }
}
