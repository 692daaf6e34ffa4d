import { callProvider, httpFailure, jsonOf, retryAfterMs } from '../http';
import { PROVIDER_CHANNEL, type OutboundProvider, type ProviderSendOutcome, type ProviderSendRequest } from '../provider';
import { firstAccountOf, type MetaMessagingSettings } from '../settings';
import { graphErrorCode } from './whatsapp.outbound';

/**
 * Code 10 ("permission") with these subcodes: the message was sent outside the allowed window
 * (24 hours after the person's last message, without a message tag). 2018278 is Messenger's
 * current subcode, 2018065 its older one, 2534022 Instagram's.
 */
const WINDOW_SUBCODES = new Set([2018278, 2018065, 2534022]);
/** Application (4), user (17), page (32) and API (613) request limits, Messenger's send limit (80006). */
const RATE_LIMITED = new Set([4, 17, 32, 613, 80006]);
/** Graph's unknown and temporary errors (1, 2) and Messenger's "temporary send message failure" (1200). */
const TRANSIENT = new Set([1, 2, 1200]);

type Failed = Extract<ProviderSendOutcome, { kind: 'failed' }>;

/**
 * Sends over the Messenger Platform Send API, which Instagram messaging shares:
 * `POST /{version}/{page-id or instagram-account-id}/messages` with
 * `{ recipient: { id }, messaging_type: 'RESPONSE', message: { text } }`. Free-form text only,
 * inside the 24-hour window. The account's token goes in the `Authorization` header (Graph takes
 * it there as well as in `access_token`), so it never appears in a URL or an access log.
 */
export class MetaMessagingOutbound implements OutboundProvider {
  readonly channel: 'FACEBOOK' | 'INSTAGRAM';
  readonly supportsTemplates = false;

  constructor(
    readonly id: 'messenger' | 'instagram',
    private readonly settings: MetaMessagingSettings,
  ) {
    this.channel = PROVIDER_CHANNEL[id] as 'FACEBOOK' | 'INSTAGRAM';
  }

  accountFor(officeCode: string): string | undefined {
    return firstAccountOf(this.settings.accounts, officeCode, (a) => a.office);
  }

  async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
    const accountId = request.accountId ?? this.settings.accounts.keys().next().value;
    const account = accountId ? this.settings.accounts.get(accountId) : undefined;
    if (!accountId || !account) return { kind: 'failed', errorCode: `${this.channel}.UNKNOWN_ACCOUNT`, retryable: false };
    if (request.template || request.text === undefined) return { kind: 'failed', errorCode: `${this.channel}.TEMPLATE_UNSUPPORTED`, retryable: false };

    const url = `${this.settings.graphUrl}/${this.settings.graphVersion}/${encodeURIComponent(accountId)}/messages`;
    const res = await callProvider(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${account.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: request.recipient }, messaging_type: 'RESPONSE', message: { text: request.text } }),
    });
    if (!res) return httpFailure(this.channel, res);
    if (res.status >= 200 && res.status < 300) {
      const id = jsonOf<{ message_id?: string }>(res.text)?.message_id;
      return id ? { kind: 'accepted', providerMessageId: id } : { kind: 'failed', errorCode: `${this.channel}.NO_MESSAGE_ID`, retryable: true };
    }
    const error = graphErrorCode(res.text);
    if (!error) return httpFailure(this.channel, res);
    return this.failure(error.code, error.subcode, res.status, res.headers);
  }

  /** `<CHANNEL>.<code>`, or `<CHANNEL>.<code>.<subcode>` when Graph gives one (the subcode is what tells code 10s apart). */
  private failure(code: number, subcode: number | undefined, status: number, headers: Headers): Failed {
    const errorCode = `${this.channel}.${code}${subcode ? `.${subcode}` : ''}`;
    if (code === 10 && subcode !== undefined && WINDOW_SUBCODES.has(subcode)) return { kind: 'failed', errorCode, retryable: false, windowClosed: true };
    if (RATE_LIMITED.has(code) || status === 429) return { kind: 'failed', errorCode, retryable: true, retryAfterMs: retryAfterMs(headers) };
    if (TRANSIENT.has(code) || status >= 500) return { kind: 'failed', errorCode, retryable: true, retryAfterMs: retryAfterMs(headers) };
    return { kind: 'failed', errorCode, retryable: false };
  }
}
