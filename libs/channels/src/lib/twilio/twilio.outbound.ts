import { callProvider, httpFailure, jsonOf, retryAfterMs } from '../http';
import type { OutboundProvider, ProviderSendOutcome, ProviderSendRequest } from '../provider';
import { SmsOutbound } from '../sms-outbound';
import type { TwilioSettings } from '../settings';

/** Twilio's error body: `{code, message, more_info, status}`. */
interface TwilioError {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

/** Twilio codes that mean "later": 20429 too many requests. */
const RETRYABLE_CODES = new Set([20429]);

/** Basic credentials of the account: the REST API and media both take them. */
export function twilioBasicAuth(settings: Pick<TwilioSettings, 'accountSid' | 'authToken'>): string {
  return `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
}

/**
 * Sends SMS with Twilio's Message resource (`POST /2010-04-01/Accounts/{sid}/Messages.json`).
 * Twilio has no idempotency key: the caller sends each message at most once itself.
 */
export class TwilioOutbound extends SmsOutbound<TwilioSettings> implements OutboundProvider {
  readonly id = 'twilio' as const;

  async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
    const sms = this.smsToSend(request);
    if ('kind' in sms) return sms;
    const { from, text } = sms;
    const form = new URLSearchParams({ To: request.recipient, From: from, Body: text });
    if (request.statusCallbackUrl) form.set('StatusCallback', request.statusCallbackUrl);
    const url = `${this.settings.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(this.settings.accountSid)}/Messages.json`;
    const res = await callProvider(url, {
      method: 'POST',
      headers: { authorization: twilioBasicAuth(this.settings), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    if (res && res.status >= 200 && res.status < 300) {
      const sid = jsonOf<{ sid?: unknown }>(res.text)?.sid;
      // A 2xx without a sid is not an answer we can track receipts by.
      return typeof sid === 'string' && sid ? { kind: 'accepted', providerMessageId: sid } : { kind: 'failed', errorCode: 'SMS.BAD_ANSWER', retryable: true };
    }
    const error = res ? jsonOf<TwilioError>(res.text) : undefined;
    if (!res || typeof error?.code !== 'number' || !Number.isInteger(error.code)) return httpFailure(this.channel, res);
    return {
      kind: 'failed',
      errorCode: `SMS.${error.code}`,
      retryable: res.status === 429 || res.status >= 500 || RETRYABLE_CODES.has(error.code),
      retryAfterMs: retryAfterMs(res.headers),
    };
  }
}
