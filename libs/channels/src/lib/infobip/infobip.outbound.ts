import { sha256Hex } from '../crypto';
import { callProvider, httpFailure, jsonOf, retryAfterMs, type ProviderResponse } from '../http';
import type { OutboundProvider, ProviderSendOutcome, ProviderSendRequest } from '../provider';
import { SmsOutbound } from '../sms-outbound';
import type { InfobipSettings } from '../settings';
import { infobipAddress } from './infobip.inbound';

/** Infobip's answer to a send. */
interface InfobipSendAnswer {
  bulkId?: string;
  messages?: { to?: string; messageId?: string; status?: { groupId?: number; groupName?: string; id?: number; name?: string } }[];
}

/** Infobip's error body. */
interface InfobipErrorAnswer {
  requestError?: { serviceException?: { messageId?: string; text?: string } };
}

const REJECTED_GROUP = 5;

/**
 * The `messageId` we give Infobip for a message: the idempotency key itself when it is short
 * and plain, else a digest of it. The same message always gets the same id, so a retried send
 * is recognisable at Infobip and its delivery reports name the id we already hold.
 */
export function infobipMessageId(idempotencyKey: string): string {
  return /^[A-Za-z0-9._:-]{1,64}$/.test(idempotencyKey) ? idempotencyKey : `pg-${sha256Hex(idempotencyKey).slice(0, 40)}`;
}

/**
 * Sends SMS with Infobip's "send SMS message" API, `POST /sms/2/text/advanced`, with
 * `Authorization: App <key>`. Infobip now documents `/sms/3/messages` as current and marks v2
 * deprecated; v2 is still served, and its `notifyUrl`/report shapes are the ones the inbound
 * side reads. Moving to v3 changes the body (`sender`, `content.text`, `webhooks.delivery.url`).
 */
export class InfobipOutbound extends SmsOutbound<InfobipSettings> implements OutboundProvider {
  readonly id = 'infobip' as const;

  async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
    const sms = this.smsToSend(request);
    if ('kind' in sms) return sms;
    const { from, text } = sms;
    const messageId = infobipMessageId(request.idempotencyKey);
    const message: Record<string, unknown> = {
      destinations: [{ to: infobipAddress(request.recipient), messageId }],
      from: infobipAddress(from),
      text,
    };
    if (request.statusCallbackUrl) Object.assign(message, { notifyUrl: request.statusCallbackUrl, notifyContentType: 'application/json' });
    const res = await callProvider(`${this.settings.baseUrl}/sms/2/text/advanced`, {
      method: 'POST',
      headers: { authorization: `App ${this.settings.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ messages: [message] }),
    });
    if (res && res.status >= 200 && res.status < 300) return sendOutcome(res.text, messageId);
    return refusalOutcome(this.channel, res);
  }
}

/** What a 2xx answer says of the one message sent. */
function sendOutcome(text: string, messageId: string): ProviderSendOutcome {
  const answer = jsonOf<InfobipSendAnswer>(text)?.messages?.[0];
  if (!answer) return { kind: 'failed', errorCode: 'SMS.BAD_ANSWER', retryable: true };
  // A 200 can still reject the one message (bad destination, no credit): that is final.
  if (answer.status?.groupId === REJECTED_GROUP) {
    return { kind: 'failed', errorCode: `SMS.INFOBIP_${Number.isInteger(answer.status.id) ? answer.status.id : 'REJECTED'}`, retryable: false };
  }
  return { kind: 'accepted', providerMessageId: typeof answer.messageId === 'string' && answer.messageId ? answer.messageId : messageId };
}

/** A failed call (no answer or a non-2xx one), with Infobip's own error code where it gave a plain one. */
function refusalOutcome(channel: InfobipOutbound['channel'], res: ProviderResponse | undefined): ProviderSendOutcome {
  const code = res ? jsonOf<InfobipErrorAnswer>(res.text)?.requestError?.serviceException?.messageId : undefined;
  // Only a plain upper-case code reaches ours (UNAUTHORIZED, BAD_REQUEST, TOO_MANY_REQUESTS…).
  if (!res || typeof code !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return httpFailure(channel, res);
  return { kind: 'failed', errorCode: `SMS.INFOBIP_${code}`, retryable: res.status === 429 || res.status >= 500, retryAfterMs: retryAfterMs(res.headers) };
}
