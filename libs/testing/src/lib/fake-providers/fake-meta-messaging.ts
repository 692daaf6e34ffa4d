import { createHmac, randomBytes } from 'node:crypto';
import { FakeProviderServer, graphError, jsonResponse, type FakeResponse, type RecordedRequest, type WebhookAnswer } from './fake-server';

/*
 * A fake of the Messenger Platform (a Facebook page) or Instagram messaging, written from Meta's
 * documentation and independent of @pengaduan/channels (its own signing and parsing).
 */

export interface FakeMetaMessagingOptions {
  provider: 'messenger' | 'instagram';
  appSecret: string;
  /** The page id (Messenger) or Instagram professional account id. */
  accountId: string;
  accessToken: string;
  webhookUrl?: string;
  autoReceipts?: boolean;
}

/** A message the platform sent through the fake. */
export interface FakeMetaMessagingSent {
  id: string;
  recipient: string;
  text: string;
  at: Date;
}


/**
 * Plays Messenger or Instagram for the platform: posts signed `entry[].messaging[]` webhooks
 * (messages, echoes, deliveries) and serves the Send API and the attachments' CDN URLs.
 */
export class FakeMetaMessaging extends FakeProviderServer {
  webhookUrl: string | undefined;
  autoReceipts: boolean;
  readonly accountId: string;
  readonly sent: FakeMetaMessagingSent[] = [];
  private readonly attachments = new Map<string, { bytes: Buffer; mimeType: string }>();

  constructor(private readonly options: FakeMetaMessagingOptions) {
    super();
    this.accountId = options.accountId;
    this.webhookUrl = options.webhookUrl;
    this.autoReceipts = options.autoReceipts ?? false;
  }

  sign(body: string | Buffer): string {
    return `sha256=${createHmac('sha256', this.options.appSecret).update(body).digest('hex')}`;
  }

  async sendText(senderId: string, text: string, opts: { mid?: string } = {}): Promise<{ mid: string; answer: WebhookAnswer }> {
    const mid = opts.mid ?? this.newMid();
    const answer = await this.post([{ sender: { id: senderId }, recipient: { id: this.accountId }, timestamp: Date.now(), message: { mid, text } }]);
    return { mid, answer };
  }

  /** An image whose attachment URL is served by the fake (as Meta's CDN, no token needed). */
  async sendImage(senderId: string, media: { bytes: Buffer; mimeType: string }, opts: { mid?: string } = {}): Promise<{ mid: string; answer: WebhookAnswer }> {
    const mid = opts.mid ?? this.newMid();
    const key = randomBytes(12).toString('hex');
    this.attachments.set(key, { bytes: Buffer.from(media.bytes), mimeType: media.mimeType });
    const url = `${this.url}/cdn/${key}?_nc_sig=${randomBytes(6).toString('hex')}`;
    const message = { mid, attachments: [{ type: 'image', payload: { url } }] };
    const answer = await this.post([{ sender: { id: senderId }, recipient: { id: this.accountId }, timestamp: Date.now(), message }]);
    return { mid, answer };
  }

  /** The echo Meta sends of a message our own page (account) sent. */
  async sendEcho(recipientId: string, text: string): Promise<WebhookAnswer> {
    const message = { mid: this.newMid(), is_echo: true, app_id: 1517776481860111, text };
    return this.post([{ sender: { id: this.accountId }, recipient: { id: recipientId }, timestamp: Date.now(), message }]);
  }

  /** A delivery receipt naming these message ids (Messenger's `message_deliveries`). */
  async sendDelivery(mids: string[]): Promise<WebhookAnswer> {
    const person = this.sent.find((s) => mids.includes(s.id))?.recipient ?? '0';
    return this.post([{ sender: { id: person }, recipient: { id: this.accountId }, delivery: { mids, watermark: Date.now() } }]);
  }

  async postRaw(body: string | Buffer, opts: { signature?: string | null } = {}): Promise<WebhookAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature = opts.signature === undefined ? this.sign(body) : opts.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    if (!this.webhookUrl) throw new Error('FakeMetaMessaging has no webhookUrl to post to');
    return this.postWebhook(this.webhookUrl, body, headers);
  }

  protected route(request: RecordedRequest): FakeResponse {
    const cdn = /^\/cdn\/([0-9a-f]+)$/.exec(request.path);
    if (cdn && request.method === 'GET') {
      const file = this.attachments.get(cdn[1]);
      return file ? { status: 200, body: file.bytes, headers: { 'content-type': file.mimeType } } : { status: 404, body: 'Not Found' };
    }
    const send = /^\/(v[\d.]+)\/([^/]+)\/messages$/.exec(request.path);
    if (send && request.method === 'POST') return this.receiveSend(request, send[2]);
    return graphError(404, 100, 'Unknown path components');
  }

  private receiveSend(request: RecordedRequest, accountId: string): FakeResponse {
    // Graph takes the token as a bearer header or as access_token.
    const token = request.headers['authorization']?.replace(/^Bearer /, '') ?? request.query.get('access_token');
    if (token !== this.options.accessToken) return graphError(401, 190, 'Invalid OAuth access token.');
    if (accountId !== this.accountId) return graphError(400, 100, `Unsupported post request. Object with ID '${accountId}' does not exist`, { error_subcode: 33 });
    let body: { recipient?: { id?: unknown }; messaging_type?: unknown; message?: { text?: unknown } };
    try {
      body = JSON.parse(request.body.toString('utf8')) as typeof body;
    } catch {
      return graphError(400, 100, 'Invalid parameter');
    }
    const recipient = body.recipient?.id;
    const text = body.message?.text;
    if (typeof recipient !== 'string' || typeof body.messaging_type !== 'string') return graphError(400, 100, 'Invalid parameter');
    if (typeof text !== 'string' || text === '') return graphError(400, 100, 'Message cannot be empty, must provide valid attachment or text', { error_subcode: 2018034 });
    const id = this.newMid();
    this.sent.push({ id, recipient, text, at: new Date() });
    if (this.autoReceipts) {
      // Messenger sends delivery receipts; Instagram only "seen" (messaging_seen, naming the mid).
      const receipt = () =>
        this.options.provider === 'messenger'
          ? this.sendDelivery([id])
          : this.post([{ sender: { id: recipient }, recipient: { id: this.accountId }, timestamp: Date.now(), read: { mid: id } }]);
      setTimeout(() => void receipt().catch(() => undefined), 20);
    }
    return jsonResponse(200, { recipient_id: recipient, message_id: id });
  }

  private newMid(): string {
    return `m_${randomBytes(30).toString('base64url')}`;
  }

  private post(messaging: Record<string, unknown>[]): Promise<WebhookAnswer> {
    const body = { object: this.options.provider === 'messenger' ? 'page' : 'instagram', entry: [{ id: this.accountId, time: Date.now(), messaging }] };
    return this.postRaw(JSON.stringify(body));
  }
}

