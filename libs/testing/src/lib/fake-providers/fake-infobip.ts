import { randomBytes } from 'node:crypto';
import { FakeProviderServer, jsonResponse, type FakeResponse, type RecordedRequest, type WebhookAnswer } from './fake-server';

/*
 * A fake Infobip SMS: `POST /sms/2/text/advanced` with `Authorization: App <key>`, and Infobip's
 * side of the webhooks (incoming SMS in the MO_JSON_2 format, delivery reports to each message's
 * notifyUrl), called with the HTTP Basic credentials configured for the platform.
 */

export interface FakeInfobipOptions {
  apiKey: string;
  /** Our number (E.164 or Infobip's digits-only form). */
  number: string;
  /** The platform's URL for incoming SMS. */
  webhookUrl?: string;
  webhookUsername: string;
  webhookPassword: string;
  /** After accepting a send, post a DELIVERED report to its notifyUrl (~20 ms later). */
  autoReceipts?: boolean;
}

export type FakeInfobipStatus = 'PENDING' | 'DELIVERED' | 'UNDELIVERABLE' | 'EXPIRED' | 'REJECTED';

interface InfobipStatusObject {
  groupId: number;
  groupName: string;
  id: number;
  name: string;
  description: string;
}

/** Representative statuses of each group, with the error that goes with them. */
const STATUSES: Record<FakeInfobipStatus, { status: InfobipStatusObject; error: InfobipStatusObject & { permanent: boolean } }> = {
  PENDING: {
    status: { groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE', description: 'Message sent to next instance' },
    error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
  },
  DELIVERED: {
    status: { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' },
    error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
  },
  UNDELIVERABLE: {
    status: { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' },
    error: { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false },
  },
  EXPIRED: {
    status: { groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED', description: 'Message expired' },
    error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
  },
  REJECTED: {
    status: { groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK', description: 'Network is forbidden' },
    error: { groupId: 0, groupName: 'OK', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false },
  },
};

const PENDING_ACCEPTED: InfobipStatusObject = { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'Message sent to next instance' };
const REJECTED_DESTINATION: InfobipStatusObject = { groupId: 5, groupName: 'REJECTED', id: 52, name: 'REJECTED_DESTINATION', description: 'Invalid destination address.' };

/** One message of a send request, as a client may write it (checked before use). */
interface SendPayloadMessage {
  destinations?: { to?: unknown; messageId?: unknown }[];
  from?: unknown;
  text?: unknown;
  notifyUrl?: unknown;
}

/** The answer for one destination of a send. */
interface DestinationAnswer {
  to: string;
  status: InfobipStatusObject;
  messageId: string;
}

/** Infobip writes numbers without `+`. */
const digits = (n: string) => n.replace(/^\+/, '');

function serviceException(status: number, messageId: string, text: string): FakeResponse {
  return jsonResponse(status, { requestError: { serviceException: { messageId, text } } });
}

/** Infobip's timestamp form: `2024-05-01T10:00:00.000+0000`. */
const infobipTime = (d: Date) => d.toISOString().replace('Z', '+0000');

export interface FakeInfobipSent {
  messageId: string;
  /** The recipient as E.164 (Infobip's wire form has no `+`). */
  to: string;
  from: string;
  text: string;
  notifyUrl?: string;
  at: Date;
}

export class FakeInfobip extends FakeProviderServer {
  webhookUrl: string | undefined;
  autoReceipts: boolean;
  readonly sent: FakeInfobipSent[] = [];
  private readonly bulks = new Map<string, string>();
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FakeInfobipOptions) {
    super();
    this.webhookUrl = options.webhookUrl;
    this.autoReceipts = options.autoReceipts ?? false;
  }

  private get basicAuth(): string {
    return `Basic ${Buffer.from(`${this.options.webhookUsername}:${this.options.webhookPassword}`).toString('base64')}`;
  }

  /** A complainant texts our number: forwarded to the webhook URL as Infobip does. */
  async sendSms(from: string, text: string, opts: { messageId?: string } = {}): Promise<{ messageId: string; answer: WebhookAnswer }> {
    const messageId = opts.messageId ?? String(BigInt(`0x${randomBytes(7).toString('hex')}`));
    const words = text.trim().split(/\s+/);
    const body = {
      results: [
        {
          messageId,
          from: digits(from),
          to: digits(this.options.number),
          text,
          cleanText: words.slice(1).join(' '),
          keyword: words[0]?.toUpperCase() ?? '',
          receivedAt: infobipTime(new Date()),
          smsCount: 1,
          price: { pricePerMessage: 0, currency: 'IDR' },
          callbackData: '',
        },
      ],
      messageCount: 1,
      pendingMessageCount: 0,
    };
    return { messageId, answer: await this.postRaw(JSON.stringify(body)) };
  }

  /** Posts a body as it is to the webhook URL; `auth` replaces the Basic header, `null` sends none. */
  async postRaw(body: string, opts: { auth?: string | null } = {}): Promise<WebhookAnswer> {
    if (!this.webhookUrl) throw new Error('FakeInfobip: webhookUrl is not set');
    return this.postJson(this.webhookUrl, body, opts.auth === undefined ? this.basicAuth : opts.auth);
  }

  /** Delivery reports for a message the platform sent, in order, to that send's notifyUrl. */
  async sendReports(messageId: string, statuses: FakeInfobipStatus[]): Promise<WebhookAnswer[]> {
    const message = this.sent.find((m) => m.messageId === messageId);
    if (!message) throw new Error(`FakeInfobip: no message ${messageId} was sent`);
    if (!message.notifyUrl) throw new Error(`FakeInfobip: message ${messageId} was sent without a notifyUrl`);
    const answers: WebhookAnswer[] = [];
    for (const s of statuses) {
      const { status, error } = STATUSES[s];
      const report = {
        bulkId: this.bulks.get(messageId),
        messageId,
        to: digits(message.to),
        sentAt: infobipTime(message.at),
        doneAt: infobipTime(new Date()),
        smsCount: 1,
        mccMnc: '51010',
        price: { pricePerMessage: 350, currency: 'IDR' },
        status,
        error,
      };
      answers.push(await this.postJson(message.notifyUrl, JSON.stringify({ results: [report] }), this.basicAuth));
    }
    return answers;
  }

  override async stop(): Promise<void> {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    await super.stop();
  }

  protected route(request: RecordedRequest): FakeResponse {
    if (request.headers['authorization'] !== `App ${this.options.apiKey}`) return serviceException(401, 'UNAUTHORIZED', 'Invalid login details');
    if (request.method !== 'POST' || request.path !== '/sms/2/text/advanced') return serviceException(404, 'NOT_FOUND', 'Requested URL not found: ' + request.path);
    let payload: { messages?: SendPayloadMessage[] };
    try {
      payload = JSON.parse(request.body.toString('utf8')) as typeof payload;
    } catch {
      return serviceException(400, 'BAD_REQUEST', 'Bad request');
    }
    if (!Array.isArray(payload?.messages) || payload.messages.length === 0) return serviceException(400, 'BAD_REQUEST', 'Bad request');
    const bulkId = `BULK-${randomBytes(8).toString('hex')}`;
    const answers: DestinationAnswer[] = [];
    for (const m of payload.messages) {
      if (typeof m.text !== 'string' || !m.text || typeof m.from !== 'string' || !Array.isArray(m.destinations) || m.destinations.length === 0) {
        return serviceException(400, 'BAD_REQUEST', 'Bad request');
      }
      for (const d of m.destinations) answers.push(this.acceptDestination({ from: m.from, text: m.text, notifyUrl: m.notifyUrl }, d, bulkId));
    }
    return jsonResponse(200, { bulkId, messages: answers });
  }

  /** Records one destination of a message as sent (and schedules its report), or rejects a destination that is not a number. */
  private acceptDestination(m: { from: string; text: string; notifyUrl?: unknown }, d: { to?: unknown; messageId?: unknown }, bulkId: string): DestinationAnswer {
    const to = typeof d.to === 'string' ? d.to : '';
    const messageId = typeof d.messageId === 'string' && d.messageId ? d.messageId : randomBytes(10).toString('hex');
    // Infobip takes international format without `+`; anything else is not a destination.
    if (!/^[1-9]\d{6,14}$/.test(to)) return { to, status: REJECTED_DESTINATION, messageId };
    const notifyUrl = typeof m.notifyUrl === 'string' ? m.notifyUrl : undefined;
    this.sent.push({ messageId, to: `+${to}`, from: m.from, text: m.text, ...(notifyUrl ? { notifyUrl } : {}), at: new Date() });
    this.bulks.set(messageId, bulkId);
    if (this.autoReceipts && notifyUrl) {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        this.sendReports(messageId, ['DELIVERED']).catch(() => undefined);
      }, 20);
      this.pending.add(timer);
    }
    return { to, status: PENDING_ACCEPTED, messageId };
  }

  private postJson(url: string, body: string, auth: string | null): Promise<WebhookAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Infobip' };
    if (auth !== null) headers['authorization'] = auth;
    return this.postWebhook(url, body, headers);
  }
}
