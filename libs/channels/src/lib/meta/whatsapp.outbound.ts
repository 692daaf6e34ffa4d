import { callProvider, httpFailure, jsonOf, retryAfterMs } from '../http';
import type { OutboundProvider, ProviderSendOutcome, ProviderSendRequest } from '../provider';
import { firstAccountOf, type WhatsAppSettings } from '../settings';

/** A Graph API error body: `{ error: { message, type, code, error_subcode, fbtrace_id, error_data } }`. */
export interface GraphError {
  error?: { code?: number | string; error_subcode?: number | string; message?: string; type?: string; fbtrace_id?: string };
}

/** The number of a Graph error code, when the body is one. */
export function graphErrorCode(text: string): { code: number; subcode?: number } | undefined {
  const error = jsonOf<GraphError>(text)?.error;
  const code = Number(error?.code);
  if (!error || !Number.isInteger(code)) return undefined;
  const subcode = Number(error.error_subcode);
  return Number.isInteger(subcode) && subcode > 0 ? { code, subcode } : { code };
}

/** Free-form text refused: the 24-hour customer-service window is closed (a template is needed). */
const WINDOW_CLOSED = 131047;
/** Throughput (130429), pair rate (131056), WABA/app rate limits (80007, 4): the same message may go later. */
const RATE_LIMITED = new Set([130429, 131056, 80007, 4]);
/** "Something went wrong" (131000), service unavailable (131016), Graph's unknown/temporary errors (1, 2). */
const TRANSIENT = new Set([131000, 131016, 1, 2]);

type Failed = Extract<ProviderSendOutcome, { kind: 'failed' }>;

/**
 * Sends over the WhatsApp Business Cloud API: `POST /{version}/{phone-number-id}/messages` with
 * the system-user token. Free-form text inside the 24-hour window, an approved template outside.
 * The Cloud API takes no idempotency key; the caller keeps at most once.
 */
export class WhatsAppOutbound implements OutboundProvider {
  readonly id = 'whatsapp' as const;
  readonly channel = 'WHATSAPP' as const;
  readonly supportsTemplates = true;

  constructor(private readonly settings: WhatsAppSettings) {}

  accountFor(officeCode: string): string | undefined {
    return firstAccountOf(this.settings.phoneNumbers, officeCode);
  }

  async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
    const accountId = request.accountId ?? this.settings.phoneNumbers.keys().next().value;
    if (!accountId || !this.settings.phoneNumbers.has(accountId)) return { kind: 'failed', errorCode: 'WHATSAPP.UNKNOWN_ACCOUNT', retryable: false };
    const payload = this.payload(request);
    if (!payload) return { kind: 'failed', errorCode: 'WHATSAPP.INVALID_REQUEST', retryable: false };

    const url = `${this.settings.graphUrl}/${this.settings.graphVersion}/${encodeURIComponent(accountId)}/messages`;
    const res = await callProvider(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.settings.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (!res) return httpFailure('WHATSAPP', res);
    if (res.status >= 200 && res.status < 300) {
      const id = jsonOf<{ messages?: { id?: string }[] }>(res.text)?.messages?.[0]?.id;
      // A 2xx without a wamid cannot be tracked (no receipt will match): treat it as a provider fault.
      return id ? { kind: 'accepted', providerMessageId: id } : { kind: 'failed', errorCode: 'WHATSAPP.NO_MESSAGE_ID', retryable: true };
    }
    const error = graphErrorCode(res.text);
    if (!error) return httpFailure('WHATSAPP', res);
    return this.failure(error.code, res.status, res.headers);
  }

  private failure(code: number, status: number, headers: Headers): Failed {
    const errorCode = `WHATSAPP.${code}`;
    if (code === WINDOW_CLOSED) return { kind: 'failed', errorCode, retryable: false, windowClosed: true };
    if (RATE_LIMITED.has(code) || status === 429) return { kind: 'failed', errorCode, retryable: true, retryAfterMs: retryAfterMs(headers) };
    if (TRANSIENT.has(code) || status >= 500) return { kind: 'failed', errorCode, retryable: true, retryAfterMs: retryAfterMs(headers) };
    return { kind: 'failed', errorCode, retryable: false };
  }

  /** The Cloud API's message body: text, or a template with its body parameters in order. */
  private payload(request: ProviderSendRequest): Record<string, unknown> | undefined {
    // The API takes the number's digits (a leading `+` is tolerated, but not everywhere).
    const to = request.recipient.replace(/^\+/, '');
    const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
    if (request.template && request.text === undefined) {
      const { name, language, parameters } = request.template;
      return {
        ...base,
        type: 'template',
        template: {
          name,
          language: { code: language },
          components: parameters.length > 0 ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] : [],
        },
      };
    }
    if (request.text !== undefined && !request.template) return { ...base, type: 'text', text: { preview_url: false, body: request.text } };
    return undefined;
  }
}
