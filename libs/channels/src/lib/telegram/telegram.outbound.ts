import { callProvider, jsonOf } from '../http';
import type { OutboundProvider, ProviderSendOutcome, ProviderSendRequest } from '../provider';
import type { TelegramSettings } from '../settings';
import { TELEGRAM_ACCOUNT } from './telegram.inbound';

/** The Bot API's envelope: `{ok:true, result}` or `{ok:false, error_code, description, parameters}`. */
export interface TelegramAnswer<T> {
  ok?: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** `chat_id` as the Bot API takes it: the integer id, or the string it came as (`@channel`). */
export function telegramChatId(recipient: string): number | string {
  const n = Number(recipient);
  return /^-?\d+$/.test(recipient) && Number.isSafeInteger(n) ? n : recipient;
}

/**
 * Sends text with the Bot API's `sendMessage`. The bot token is part of the URL, so the URL is
 * never logged or put in an error.
 *
 * Telegram has no delivery receipts: once `sendMessage` answers `ok`, the message is in the
 * chat, and the caller treats an accepted send as delivered.
 */
export class TelegramOutbound implements OutboundProvider {
  readonly id = 'telegram' as const;
  readonly channel = 'TELEGRAM' as const;
  readonly supportsTemplates = false;

  constructor(private readonly settings: TelegramSettings) {}

  /** The bot, for the office it answers for. */
  accountFor(officeCode: string): string | undefined {
    return officeCode === this.settings.office ? TELEGRAM_ACCOUNT : undefined;
  }

  async send(request: ProviderSendRequest): Promise<ProviderSendOutcome> {
    if (request.text === undefined || request.template) return { kind: 'failed', errorCode: 'TELEGRAM.TEMPLATE_UNSUPPORTED', retryable: false };
    if (request.accountId !== undefined && request.accountId !== TELEGRAM_ACCOUNT) return { kind: 'failed', errorCode: 'TELEGRAM.UNKNOWN_ACCOUNT', retryable: false };
    const res = await callProvider(`${this.settings.apiUrl}/bot${this.settings.botToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ chat_id: telegramChatId(request.recipient), text: request.text }),
    });
    if (!res) return { kind: 'failed', errorCode: 'TELEGRAM.NETWORK', retryable: true };
    const answer = jsonOf<SendMessageAnswer>(res.text);
    if (res.status >= 200 && res.status < 300 && answer?.ok === true) return acceptedOutcome(answer);
    return refusalOutcome(answer, res.status);
  }
}

type SendMessageAnswer = TelegramAnswer<{ message_id?: number; chat?: { id?: number } }>;

/** An `ok` answer: accepted under the chat's and message's ids, which together name the message. */
function acceptedOutcome(answer: SendMessageAnswer): ProviderSendOutcome {
  const messageId = answer.result?.message_id;
  const chatId = answer.result?.chat?.id;
  if (!Number.isInteger(messageId) || typeof chatId !== 'number') return { kind: 'failed', errorCode: 'TELEGRAM.BAD_ANSWER', retryable: true };
  return { kind: 'accepted', providerMessageId: `${chatId}:${messageId as number}` };
}

function refusalOutcome(answer: SendMessageAnswer | undefined, status: number): ProviderSendOutcome {
  // error_code mirrors the HTTP status (429 flood wait, 403 blocked by the user, 400 chat not found).
  const code = Number.isInteger(answer?.error_code) ? (answer?.error_code as number) : status;
  const retryAfter = answer?.parameters?.retry_after;
  return {
    kind: 'failed',
    errorCode: `TELEGRAM.${code}`,
    retryable: code === 429 || code >= 500,
    retryAfterMs: typeof retryAfter === 'number' && retryAfter >= 0 ? Math.round(retryAfter * 1000) : undefined,
  };
}
