import type { ProviderSendOutcome, ProviderSendRequest } from './provider';
import { firstAccountOf } from './settings';

/**
 * What the SMS providers share: plain text only (no templates), sent from one of the office's
 * numbers. A subclass posts the message to its provider's API.
 */
export abstract class SmsOutbound<S extends { readonly numbers: ReadonlyMap<string, string> }> {
  readonly channel = 'SMS' as const;
  readonly supportsTemplates = false;

  constructor(protected readonly settings: S) {}

  /** The first of our numbers (or sender ids) that belongs to the office. */
  accountFor(officeCode: string): string | undefined {
    return firstAccountOf(this.settings.numbers, officeCode);
  }

  /**
   * The request's text and the number to send it from (the one it names, else our first), or the
   * permanent failure when it asks for a template or names a number that is not ours.
   */
  protected smsToSend(request: ProviderSendRequest): { from: string; text: string } | ProviderSendOutcome {
    if (request.text === undefined || request.template) return { kind: 'failed', errorCode: 'SMS.TEMPLATE_UNSUPPORTED', retryable: false };
    const from = request.accountId ?? this.settings.numbers.keys().next().value;
    if (!from || !this.settings.numbers.has(from)) return { kind: 'failed', errorCode: 'SMS.UNKNOWN_ACCOUNT', retryable: false };
    return { from, text: request.text };
  }
}
