import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { FakeProviderServer, graphError, jsonResponse, type FakeResponse, type RecordedRequest, type WebhookAnswer } from './fake-server';

/*
 * A fake of the WhatsApp Business Cloud API, written from Meta's documentation and independent
 * of @pengaduan/channels: it signs, builds and parses with node:crypto and its own code, so a
 * bug in the adapter cannot hide behind the same bug here.
 */

export interface FakeWhatsAppOptions {
  appSecret: string;
  accessToken: string;
  /** Meta's example phone number id by default. */
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  webhookUrl?: string;
  now?: () => Date;
  autoReceipts?: boolean;
}

/** A message the platform sent through the fake. */
export interface FakeWhatsAppSent {
  id: string;
  /** As the platform gave it in `to`. */
  to: string;
  type: 'text' | 'template';
  text?: string;
  template?: { name: string; language: string; parameters: string[] };
  at: Date;
}

type Status = 'sent' | 'delivered' | 'read' | 'failed';

const WINDOW_MS = 24 * 60 * 60 * 1000;
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/**
 * Plays WhatsApp for the platform: posts signed `messages` webhooks as a complainant's phone
 * would cause them, and serves the Graph endpoints the adapters call (send, media metadata,
 * media download) with Meta's answers, including 131047 outside the 24-hour window.
 */
export class FakeWhatsApp extends FakeProviderServer {
  webhookUrl: string | undefined;
  now: () => Date;
  autoReceipts: boolean;
  readonly phoneNumberId: string;
  readonly sent: FakeWhatsAppSent[] = [];
  private downloads = 0;
  private readonly displayPhoneNumber: string;
  private readonly lastInbound = new Map<string, Date>();
  private readonly media = new Map<string, { bytes: Buffer; mimeType: string }>();

  constructor(private readonly options: FakeWhatsAppOptions) {
    super();
    this.phoneNumberId = options.phoneNumberId ?? '106540352242922';
    this.displayPhoneNumber = options.displayPhoneNumber ?? '15550783881';
    this.webhookUrl = options.webhookUrl;
    this.now = options.now ?? (() => new Date());
    this.autoReceipts = options.autoReceipts ?? false;
  }

  /** How many times the media bytes were downloaded. */
  get mediaDownloads(): number {
    return this.downloads;
  }

  sign(body: string | Buffer): string {
    return `sha256=${createHmac('sha256', this.options.appSecret).update(body).digest('hex')}`;
  }

  async sendText(from: string, text: string, opts: { name?: string; messageId?: string; timestamp?: Date } = {}): Promise<{ messageId: string; answer: WebhookAnswer }> {
    return this.inbound(from, { type: 'text', text: { body: text } }, opts);
  }

  async sendImage(from: string, media: { bytes: Buffer; mimeType: string; caption?: string }, opts: { messageId?: string } = {}): Promise<{ messageId: string; mediaId: string; answer: WebhookAnswer }> {
    const mediaId = this.storeMedia(media);
    // The webhook states the digest in base64, as the Cloud API has been seen to (the docs show hex; the metadata GET gives hex).
    const sha256 = createHash('sha256').update(media.bytes).digest('base64');
    const image = { ...(media.caption ? { caption: media.caption } : {}), mime_type: media.mimeType, sha256, id: mediaId };
    return { ...(await this.inbound(from, { type: 'image', image }, opts)), mediaId };
  }

  async sendAudio(from: string, media: { bytes: Buffer; mimeType: string }, opts: { messageId?: string } = {}): Promise<{ messageId: string; mediaId: string; answer: WebhookAnswer }> {
    const mediaId = this.storeMedia(media);
    const sha256 = createHash('sha256').update(media.bytes).digest('base64');
    return { ...(await this.inbound(from, { type: 'audio', audio: { mime_type: media.mimeType, sha256, id: mediaId, voice: true } }, opts)), mediaId };
  }

  async sendLocation(from: string, location: { latitude: number; longitude: number; name?: string; address?: string }, opts: { messageId?: string } = {}): Promise<{ messageId: string; answer: WebhookAnswer }> {
    return this.inbound(from, { type: 'location', location }, opts);
  }

  /** Posts a body as it is; signed correctly unless `signature` says otherwise (`null`: no header). */
  async postRaw(body: string | Buffer, opts: { signature?: string | null; contentType?: string } = {}): Promise<WebhookAnswer> {
    const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
    const signature = opts.signature === undefined ? this.sign(body) : opts.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    return this.postWebhook(this.target(), body, headers);
  }

  /** One signed `statuses` webhook per status, in the order given. */
  async sendStatuses(messageId: string, statuses: Status[], opts: { errorCode?: number } = {}): Promise<WebhookAnswer[]> {
    const recipient = this.sent.find((s) => s.id === messageId)?.to.replace(/^\+/, '') ?? '0';
    const answers: WebhookAnswer[] = [];
    for (const status of statuses) {
      const code = opts.errorCode ?? 131026;
      const item: Record<string, unknown> = { id: messageId, status, timestamp: this.unix(this.now()), recipient_id: recipient };
      if (status === 'failed') {
        item['errors'] = [{ code, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'Message failed to send.' }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }];
      }
      answers.push(await this.postRaw(JSON.stringify(this.envelope({ statuses: [item] }))));
    }
    return answers;
  }

  protected route(request: RecordedRequest): FakeResponse {
    const download = /^\/media-download\/([^/]+)$/.exec(request.path);
    if (download && request.method === 'GET') return this.download(request, download[1]);
    const send = /^\/(v[\d.]+)\/([^/]+)\/messages$/.exec(request.path);
    if (send && request.method === 'POST') return this.receiveSend(request, send[2]);
    const mediaInfo = /^\/(v[\d.]+)\/([^/]+)$/.exec(request.path);
    if (mediaInfo && request.method === 'GET') return this.mediaMetadata(request, mediaInfo[2]);
    return graphError(404, 100, 'Unknown path components');
  }

  private authorised(request: RecordedRequest): boolean {
    return request.headers['authorization'] === `Bearer ${this.options.accessToken}`;
  }

  private receiveSend(request: RecordedRequest, phoneNumberId: string): FakeResponse {
    if (!this.authorised(request)) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (phoneNumberId !== this.phoneNumberId) {
      return graphError(400, 100, `Unsupported post request. Object with ID '${phoneNumberId}' does not exist`, { error_subcode: 33 });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return graphError(400, 100, 'Invalid parameter');
    }
    const to = typeof body['to'] === 'string' ? body['to'] : '';
    if (body['messaging_product'] !== 'whatsapp' || !to) return graphError(400, 100, 'Invalid parameter');
    const at = this.now();
    const id = `wamid.${randomBytes(24).toString('base64')}`;
    const refusal =
      body['type'] === 'text' ? this.recordText(body, id, to, at) : body['type'] === 'template' ? this.recordTemplate(body, id, to, at) : graphError(400, 100, 'Invalid parameter');
    if (refusal) return refusal;
    if (this.autoReceipts) {
      setTimeout(() => void this.sendStatuses(id, ['sent', 'delivered']).catch(() => undefined), 20);
    }
    return jsonResponse(200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }], messages: [{ id }] });
  }

  /** Records a text send, or refuses it (no body, or outside the 24-hour window WhatsApp allows free text in). */
  private recordText(body: Record<string, unknown>, id: string, to: string, at: Date): FakeResponse | undefined {
    const text = (body['text'] as { body?: unknown } | undefined)?.body;
    if (typeof text !== 'string' || text === '') return graphError(400, 100, 'Invalid parameter');
    const last = this.lastInbound.get(to.replace(/^\+/, ''));
    if (!last || at.getTime() - last.getTime() > WINDOW_MS) {
      return graphError(400, 131047, '(#131047) Re-engagement message', {
        error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
      });
    }
    this.sent.push({ id, to, type: 'text', text, at });
    return undefined;
  }

  /** Records a template send with its body parameters, or refuses one without a name or language. */
  private recordTemplate(body: Record<string, unknown>, id: string, to: string, at: Date): FakeResponse | undefined {
    const template = body['template'] as { name?: unknown; language?: { code?: unknown }; components?: { type?: string; parameters?: { type?: string; text?: unknown }[] }[] } | undefined;
    if (typeof template?.name !== 'string' || typeof template.language?.code !== 'string') return graphError(400, 100, 'Invalid parameter');
    const bodyComponent = template.components?.find((c) => c.type === 'body');
    const parameters = (bodyComponent?.parameters ?? []).map((p) => String(p.text));
    this.sent.push({ id, to, type: 'template', template: { name: template.name, language: template.language.code, parameters }, at });
    return undefined;
  }

  private mediaMetadata(request: RecordedRequest, mediaId: string): FakeResponse {
    if (!this.authorised(request)) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const phoneNumberId = request.query.get('phone_number_id');
    if (phoneNumberId !== null && phoneNumberId !== this.phoneNumberId) return graphError(400, 100, 'Invalid parameter');
    const media = this.media.get(mediaId);
    if (!media) return graphError(404, 100, `Unsupported get request. Object with ID '${mediaId}' does not exist`, { error_subcode: 33 });
    return jsonResponse(200, {
      messaging_product: 'whatsapp',
      url: `${this.url}/media-download/${mediaId}`,
      mime_type: media.mimeType,
      sha256: createHash('sha256').update(media.bytes).digest('hex'),
      file_size: String(media.bytes.length),
      id: mediaId,
    });
  }

  private download(request: RecordedRequest, mediaId: string): FakeResponse {
    if (!this.authorised(request)) return { status: 401, body: 'Unauthorized' };
    const media = this.media.get(mediaId);
    if (!media) return { status: 404, body: 'Not Found' };
    this.downloads += 1;
    return { status: 200, body: media.bytes, headers: { 'content-type': media.mimeType } };
  }

  private storeMedia(media: { bytes: Buffer; mimeType: string }): string {
    const id = digits(16);
    this.media.set(id, { bytes: Buffer.from(media.bytes), mimeType: media.mimeType });
    return id;
  }

  /**
   * The body of a webhook carrying one text message, exactly as {@link sendText} posts it, for a
   * caller that posts it itself (a load test, a redelivery); sign it with {@link sign}.
   */
  textWebhookBody(from: string, text: string, opts: { name?: string; messageId?: string; timestamp?: Date } = {}): { body: string; messageId: string } {
    return this.messageBody(from, { type: 'text', text: { body: text } }, opts);
  }

  private messageBody(from: string, content: Record<string, unknown>, opts: { name?: string; messageId?: string; timestamp?: Date }): { body: string; messageId: string } {
    const wa = from.replace(/^\+/, '');
    const messageId = opts.messageId ?? `wamid.${randomBytes(24).toString('base64')}`;
    const value = {
      contacts: [{ profile: { name: opts.name ?? 'Pelapor Uji' }, wa_id: wa }],
      messages: [{ from: wa, id: messageId, timestamp: this.unix(opts.timestamp ?? this.now()), ...content }],
    };
    return { body: JSON.stringify(this.envelope(value)), messageId };
  }

  private async inbound(from: string, content: Record<string, unknown>, opts: { name?: string; messageId?: string; timestamp?: Date }): Promise<{ messageId: string; answer: WebhookAnswer }> {
    // The window opens when the complainant writes, whatever the platform then answers.
    this.lastInbound.set(from.replace(/^\+/, ''), opts.timestamp ?? this.now());
    const { body, messageId } = this.messageBody(from, content, opts);
    const answer = await this.postRaw(body);
    return { messageId, answer };
  }

  private envelope(value: Record<string, unknown>): Record<string, unknown> {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              value: { messaging_product: 'whatsapp', metadata: { display_phone_number: this.displayPhoneNumber, phone_number_id: this.phoneNumberId }, ...value },
              field: 'messages',
            },
          ],
        },
      ],
    };
  }

  private unix(at: Date): string {
    return String(Math.floor(at.getTime() / 1000));
  }

  private target(): string {
    if (!this.webhookUrl) throw new Error('FakeWhatsApp has no webhookUrl to post to');
    return this.webhookUrl;
  }
}
