import { createHmac, randomBytes } from 'node:crypto';
import { FakeProviderServer, jsonResponse, type FakeResponse, type RecordedRequest, type WebhookAnswer } from './fake-server';

/*
 * A fake Twilio (Programmable Messaging): the Message resource our adapter sends with, the
 * media our adapter fetches, and Twilio's side of the webhooks (incoming SMS, status callbacks)
 * signed with X-Twilio-Signature. It signs with node:crypto on its own, never with the
 * adapter's code, so an adapter bug cannot hide in the fake.
 */

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Our E.164 number, e.g. '+6281100001111'. */
  number: string;
  /** The platform's public URL of /webhooks/twilio: where incoming SMS go, and what is signed. */
  webhookUrl?: string;
  /** After accepting a send, post 'sent' then 'delivered' to its StatusCallback (~20 ms later). */
  autoReceipts?: boolean;
}

export type FakeTwilioStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read';

interface StoredMedia {
  bytes: Buffer;
  contentType: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string): FakeResponse {
  return jsonResponse(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export class FakeTwilio extends FakeProviderServer {
  webhookUrl: string | undefined;
  autoReceipts: boolean;
  readonly sent: { sid: string; to: string; from: string; body: string; statusCallback?: string; at: Date }[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private readonly pending = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FakeTwilioOptions) {
    super();
    this.webhookUrl = options.webhookUrl;
    this.autoReceipts = options.autoReceipts ?? false;
  }

  /** X-Twilio-Signature of a POST to `url` with `params`. */
  sign(url: string, params: Record<string, string>): string {
    const data = Object.keys(params)
      .sort()
      .reduce((acc, name) => acc + name + params[name], url);
    return createHmac('sha1', this.options.authToken).update(data).digest('base64');
  }

  /** A complainant texts our number, optionally with MMS media (served by this fake at their MediaUrl). */
  async sendSms(from: string, body: string, opts: { messageSid?: string; media?: { bytes: Buffer; contentType: string }[] } = {}): Promise<{ messageSid: string; answer: WebhookAnswer }> {
    const url = this.requireWebhookUrl();
    const messageSid = opts.messageSid ?? sid(opts.media?.length ? 'MM' : 'SM');
    const params: Record<string, string> = {
      ToCountry: 'ID',
      SmsMessageSid: messageSid,
      NumMedia: String(opts.media?.length ?? 0),
      SmsSid: messageSid,
      SmsStatus: 'received',
      Body: body,
      FromCountry: 'ID',
      To: this.options.number,
      NumSegments: '1',
      MessageSid: messageSid,
      AccountSid: this.options.accountSid,
      From: from,
      ApiVersion: '2010-04-01',
    };
    (opts.media ?? []).forEach((m, i) => {
      const mediaSid = sid('ME');
      this.media.set(mediaSid, m);
      params[`MediaContentType${i}`] = m.contentType;
      params[`MediaUrl${i}`] = `${this.url}/2010-04-01/Accounts/${this.options.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
    });
    return { messageSid, answer: await this.postSigned(url, params) };
  }

  /**
   * Posts a form body as it is. The signature is computed over `url` (default the webhook URL)
   * and the body's parameters unless given; `null` sends none.
   */
  async postRaw(body: string, opts: { signature?: string | null; url?: string } = {}): Promise<WebhookAnswer> {
    const url = opts.url ?? this.requireWebhookUrl();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const signature = opts.signature === undefined ? this.sign(url, Object.fromEntries(new URLSearchParams(body))) : opts.signature;
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return this.postWebhook(url, body, headers);
  }

  /** Status callbacks for a message the platform sent, in order, to that send's StatusCallback. */
  async sendStatuses(messageSid: string, statuses: FakeTwilioStatus[], opts: { errorCode?: string } = {}): Promise<WebhookAnswer[]> {
    const message = this.sent.find((m) => m.sid === messageSid);
    if (!message) throw new Error(`FakeTwilio: no message ${messageSid} was sent`);
    if (!message.statusCallback) throw new Error(`FakeTwilio: message ${messageSid} was sent without a StatusCallback`);
    const answers: WebhookAnswer[] = [];
    for (const status of statuses) {
      const params: Record<string, string> = {
        AccountSid: this.options.accountSid,
        ApiVersion: '2010-04-01',
        From: message.from,
        MessageSid: messageSid,
        MessageStatus: status,
        SmsSid: messageSid,
        SmsStatus: status,
        To: message.to,
      };
      if (status === 'undelivered' || status === 'failed') params.ErrorCode = opts.errorCode ?? '30003';
      answers.push(await this.postSigned(message.statusCallback, params));
    }
    return answers;
  }

  override async stop(): Promise<void> {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    await super.stop();
  }

  protected route(request: RecordedRequest): FakeResponse {
    const expected = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    const contentPath = /^\/media-content\/(ME[0-9a-f]{32})$/.exec(request.path);
    // Where Twilio redirects a media URL to: the file itself, no credentials needed.
    if (request.method === 'GET' && contentPath) {
      const m = this.media.get(contentPath[1]);
      return m ? { status: 200, body: m.bytes, headers: { 'content-type': m.contentType } } : twilioError(404, 20404, 'The requested resource was not found');
    }
    if (request.headers['authorization'] !== expected) return twilioError(401, 20003, 'Authenticate');
    const prefix = `/2010-04-01/Accounts/${this.options.accountSid}`;
    const mediaPath = new RegExp(`^${prefix}/Messages/M[MS][0-9a-f]{32}/Media/(ME[0-9a-f]{32})$`).exec(request.path);
    if (request.method === 'GET' && mediaPath) {
      if (!this.media.has(mediaPath[1])) return twilioError(404, 20404, 'The requested resource was not found');
      return { status: 302, headers: { location: `${this.url}/media-content/${mediaPath[1]}` } };
    }
    if (request.method === 'POST' && request.path === `${prefix}/Messages.json`) return this.createMessage(request);
    return twilioError(404, 20404, 'The requested resource was not found');
  }

  private createMessage(request: RecordedRequest): FakeResponse {
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return twilioError(400, 20001, 'Unsupported content type');
    const form = new URLSearchParams(request.body.toString('utf8'));
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    const body = form.get('Body') ?? '';
    const statusCallback = form.get('StatusCallback') ?? undefined;
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number is not a valid phone number.`);
    if (from !== this.options.number) return twilioError(400, 21606, "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    const messageSid = sid('SM');
    const at = new Date();
    this.sent.push({ sid: messageSid, to, from, body, ...(statusCallback ? { statusCallback } : {}), at });
    if (this.autoReceipts && statusCallback) {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        // The platform may be gone by then: a lost receipt is what a real provider does too.
        this.sendStatuses(messageSid, ['sent', 'delivered']).catch(() => undefined);
      }, 20);
      this.pending.add(timer);
    }
    return jsonResponse(201, {
      sid: messageSid,
      account_sid: this.options.accountSid,
      api_version: '2010-04-01',
      body,
      date_created: at.toUTCString(),
      date_sent: null,
      date_updated: at.toUTCString(),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      status: 'queued',
      to,
      uri: `/2010-04-01/Accounts/${this.options.accountSid}/Messages/${messageSid}.json`,
    });
  }

  private postSigned(url: string, params: Record<string, string>): Promise<WebhookAnswer> {
    return this.postWebhook(url, new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': this.sign(url, params),
      'user-agent': 'TwilioProxy/1.1',
    });
  }

  private requireWebhookUrl(): string {
    if (!this.webhookUrl) throw new Error('FakeTwilio: webhookUrl is not set');
    return this.webhookUrl;
  }
}
