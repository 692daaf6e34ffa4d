import { constantTimeEqual } from '../crypto';
import {
  UnknownAccountError,
  WebhookPayloadError,
  type DeliveryReceipt,
  type DeliveryStatus,
  type InboundMessage,
  type InboundProvider,
  type ParsedWebhook,
  type VerifyOutcome,
  type WebhookAck,
  type WebhookRequest,
} from '../provider';
import type { InfobipSettings } from '../settings';

/** Infobip's status or error object. */
interface InfobipStatus {
  groupId?: number;
  groupName?: string;
  id?: number;
  name?: string;
  description?: string;
  permanent?: boolean;
}

/** One forwarded SMS (the MO_JSON_2 format). */
interface InfobipIncoming {
  messageId?: unknown;
  from?: unknown;
  to?: unknown;
  text?: unknown;
  cleanText?: unknown;
  keyword?: unknown;
  receivedAt?: unknown;
}

/** One delivery report. */
interface InfobipReport {
  bulkId?: unknown;
  messageId?: unknown;
  to?: unknown;
  sentAt?: unknown;
  doneAt?: unknown;
  status?: InfobipStatus;
  error?: InfobipStatus;
}

/** Status groups (https://www.infobip.com/docs/essentials/api-essentials/response-status-and-error-codes). */
const GROUP = { PENDING: 1, UNDELIVERABLE: 2, DELIVERED: 3, EXPIRED: 4, REJECTED: 5 } as const;
/** DELIVERED_TO_OPERATOR is in the DELIVERED group but intermediate: the handset has not confirmed yet. */
const DELIVERED_TO_OPERATOR = 2;

/** Infobip writes numbers in international format without `+`; sender ids are letters. */
export function infobipAddress(value: string): string {
  return value.replace(/^\+/, '');
}

/** Infobip's `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (offset as `+0000`), or `undefined`. */
function infobipDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Infobip SMS webhooks: incoming SMS forwarded to our URL (subpath `''`) and the delivery
 * reports of the messages we send (subpath `/reports`, the `notifyUrl` of each send). Infobip
 * signs nothing: it calls us with the HTTP Basic credentials we configured in its portal.
 */
export class InfobipInbound implements InboundProvider {
  readonly id = 'infobip' as const;
  readonly ack: WebhookAck = { contentType: 'text/plain', body: '' };
  /** Our numbers as Infobip writes them → the key they are configured under. */
  private readonly accounts: Map<string, string>;

  constructor(private readonly settings: InfobipSettings) {
    this.accounts = new Map([...settings.numbers.keys()].map((n) => [infobipAddress(n), n]));
  }

  officeOf(accountId: string): string | undefined {
    return this.settings.numbers.get(accountId);
  }

  verify(request: WebhookRequest): VerifyOutcome {
    const header = request.headers['authorization'];
    const match = header ? /^basic\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return { ok: false, status: 401, reason: 'MISSING_CREDENTIALS' };
    const given = Buffer.from(match[1], 'base64');
    const expected = Buffer.from(`${this.settings.webhookUsername}:${this.settings.webhookPassword}`, 'utf8');
    return constantTimeEqual(given, expected) ? { ok: true } : { ok: false, status: 403, reason: 'BAD_CREDENTIALS' };
  }

  parse(request: WebhookRequest, receivedAt: Date): ParsedWebhook {
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw new WebhookPayloadError('not JSON');
    }
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) throw new WebhookPayloadError('results missing');
    if (request.subpath === '') return { messages: results.map((r) => this.message(r as InfobipIncoming, receivedAt)), receipts: [], ignored: 0 };
    if (request.subpath === '/reports') return this.reports(results as InfobipReport[], receivedAt);
    throw new WebhookPayloadError('unknown webhook path');
  }

  private message(result: InfobipIncoming, receivedAt: Date): InboundMessage {
    if (typeof result !== 'object' || result === null) throw new WebhookPayloadError('result not an object');
    const messageId = str(result.messageId);
    const from = str(result.from);
    const to = str(result.to);
    if (!messageId || !from || !to) throw new WebhookPayloadError('messageId, from or to missing');
    const accountId = this.accounts.get(infobipAddress(to));
    if (!accountId) throw new UnknownAccountError(this.id);
    return {
      provider: this.id,
      channel: 'SMS',
      providerMessageId: messageId,
      accountId,
      // Answers go back to an E.164 number; an alphanumeric sender stays as it is.
      sender: /^\d+$/.test(from) ? `+${from}` : from,
      sentAt: infobipDate(result.receivedAt) ?? receivedAt,
      // The whole text: a keyword is part of what the complainant wrote.
      text: str(result.text),
      // Inbound SMS carries no media.
      media: [],
    };
  }

  private reports(results: InfobipReport[], receivedAt: Date): ParsedWebhook {
    const receipts: DeliveryReceipt[] = [];
    let ignored = 0;
    for (const report of results) {
      if (typeof report !== 'object' || report === null) throw new WebhookPayloadError('result not an object');
      const messageId = str(report.messageId);
      const group = report.status?.groupId;
      if (!messageId || typeof group !== 'number') throw new WebhookPayloadError('messageId or status missing');
      const status = this.statusOf(report.status as InfobipStatus);
      if (!status) {
        ignored += 1;
        continue;
      }
      const receipt: DeliveryReceipt = { provider: this.id, providerMessageId: messageId, status, at: infobipDate(report.doneAt) ?? infobipDate(report.sentAt) ?? receivedAt };
      if (status === 'failed') {
        // The error names the cause (EC_ABSENT_SUBSCRIBER…); id 0 is NO_ERROR, so then the status does.
        const id = report.error?.id && Number.isInteger(report.error.id) ? report.error.id : report.status?.id;
        receipt.errorCode = `SMS.INFOBIP_${Number.isInteger(id) ? id : `GROUP_${group}`}`;
      }
      receipts.push(receipt);
    }
    return { messages: [], receipts, ignored };
  }

  private statusOf(status: InfobipStatus): DeliveryStatus | undefined {
    switch (status.groupId) {
      // A report in PENDING means Infobip has passed the message on to the operator: sent. (That
      // Infobip accepted it was known from the send's answer already.)
      case GROUP.PENDING:
        return 'sent';
      case GROUP.DELIVERED:
        return status.id === DELIVERED_TO_OPERATOR ? 'sent' : 'delivered';
      case GROUP.UNDELIVERABLE:
      case GROUP.EXPIRED:
      case GROUP.REJECTED:
        return 'failed';
      default:
        return undefined;
    }
  }
}
