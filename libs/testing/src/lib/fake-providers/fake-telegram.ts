import { randomBytes } from 'node:crypto';
import { FakeProviderServer, jsonResponse, type FakeResponse, type RecordedRequest, type WebhookAnswer } from './fake-server';

/*
 * A fake Telegram Bot API: `/bot<token>/sendMessage`, `/bot<token>/getFile` and file downloads
 * from `/file/bot<token>/<file_path>`, and Telegram's side of the webhook: one Update per POST
 * with the `X-Telegram-Bot-Api-Secret-Token` header.
 */

export interface FakeTelegramOptions {
  botToken: string;
  /** The secret_token the platform gave setWebhook. */
  secretToken: string;
  /** The platform's URL of /webhooks/telegram. */
  webhookUrl?: string;
}

export interface FakeTelegramFile {
  fileId: string;
  fileUniqueId: string;
  filePath: string;
  bytes: Buffer;
}

const BOT = { id: 7000000001, is_bot: true, first_name: 'Pengaduan Imigrasi', username: 'pengaduan_imigrasi_bot' };

function tgError(code: number, description: string, parameters?: Record<string, number>): FakeResponse {
  return jsonResponse(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
}

const fileId = () => `AgAC${randomBytes(24).toString('base64url')}`;

export class FakeTelegram extends FakeProviderServer {
  webhookUrl: string | undefined;
  readonly sent: { chatId: string; messageId: number; text: string; at: Date }[] = [];
  private readonly files = new Map<string, FakeTelegramFile>();
  private nextUpdateId = 500_000_000;
  private nextIncomingId = 1;
  private nextOutgoingId = 10_000;

  constructor(private readonly options: FakeTelegramOptions) {
    super();
    this.webhookUrl = options.webhookUrl;
  }

  /** A person writes to the bot in a private chat. */
  async sendText(chatId: number, text: string, opts: { messageId?: number; firstName?: string; updateId?: number } = {}): Promise<{ providerMessageId: string; updateId: number; answer: WebhookAnswer }> {
    const messageId = opts.messageId ?? this.nextIncomingId++;
    const updateId = opts.updateId ?? this.nextUpdateId++;
    const update = { update_id: updateId, message: { ...this.envelope(chatId, messageId, opts.firstName), text } };
    return { providerMessageId: `${chatId}:${messageId}`, updateId, answer: await this.postRaw(JSON.stringify(update)) };
  }

  /**
   * A person sends a photo. Telegram lists it in several sizes; the largest carries these exact
   * bytes, the smaller ones (thumbnails) other bytes, so fetching the wrong size shows.
   */
  async sendPhoto(chatId: number, photo: { bytes: Buffer; caption?: string }): Promise<{ providerMessageId: string; answer: WebhookAnswer }> {
    const messageId = this.nextIncomingId++;
    const sizes = [
      { w: 90, h: 67, bytes: Buffer.concat([Buffer.from('thumb-s:'), photo.bytes.subarray(0, 8)]) },
      { w: 1280, h: 960, bytes: photo.bytes },
      { w: 320, h: 240, bytes: Buffer.concat([Buffer.from('thumb-m:'), photo.bytes.subarray(0, 16)]) },
    ].map((s) => {
      const file = this.storeFile(s.bytes, 'photos', 'jpg');
      return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: s.bytes.length, width: s.w, height: s.h };
    });
    const update = { update_id: this.nextUpdateId++, message: { ...this.envelope(chatId, messageId), photo: sizes, ...(photo.caption ? { caption: photo.caption } : {}) } };
    return { providerMessageId: `${chatId}:${messageId}`, answer: await this.postRaw(JSON.stringify(update)) };
  }

  /** Stores a file the fake serves through getFile (voice notes, documents in tests); answers its file_id. */
  storeFile(bytes: Buffer, folder = 'documents', extension = 'bin'): FakeTelegramFile {
    const file: FakeTelegramFile = { fileId: fileId(), fileUniqueId: randomBytes(8).toString('base64url'), filePath: `${folder}/file_${this.files.size}.${extension}`, bytes };
    this.files.set(file.fileId, file);
    return file;
  }

  /** Posts a body as it is; `secret` replaces the secret header, `null` sends none. */
  async postRaw(body: string, opts: { secret?: string | null } = {}): Promise<WebhookAnswer> {
    if (!this.webhookUrl) throw new Error('FakeTelegram: webhookUrl is not set');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const secret = opts.secret === undefined ? this.options.secretToken : opts.secret;
    if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
    return this.postWebhook(this.webhookUrl, body, headers);
  }

  protected route(request: RecordedRequest): FakeResponse {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.path);
    if (download) {
      if (download[1] !== this.options.botToken) return tgError(401, 'Unauthorized');
      const file = [...this.files.values()].find((f) => f.filePath === download[2]);
      // Telegram serves downloads without a specific type.
      return file ? { status: 200, body: file.bytes, headers: { 'content-type': 'application/octet-stream' } } : tgError(404, 'Not Found');
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!call) return tgError(404, 'Not Found');
    if (call[1] !== this.options.botToken) return tgError(401, 'Unauthorized');
    const params = this.paramsOf(request);
    switch (call[2]) {
      case 'sendMessage':
        return this.sendMessage(params);
      case 'getFile':
        return this.getFile(params);
      default:
        return tgError(404, 'Not Found');
    }
  }

  private sendMessage(params: Record<string, unknown>): FakeResponse {
    const chatId = params.chat_id;
    if (chatId === undefined || chatId === '') return tgError(400, 'Bad Request: chat_id is empty');
    if (!/^-?\d+$/.test(String(chatId))) return tgError(400, 'Bad Request: chat not found');
    const text = typeof params.text === 'string' ? params.text : '';
    if (!text.trim()) return tgError(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return tgError(400, 'Bad Request: message is too long');
    const messageId = this.nextOutgoingId++;
    const at = new Date();
    this.sent.push({ chatId: String(chatId), messageId, text, at });
    return jsonResponse(200, {
      ok: true,
      result: { message_id: messageId, from: BOT, chat: { id: Number(chatId), type: 'private' }, date: Math.floor(at.getTime() / 1000), text },
    });
  }

  private getFile(params: Record<string, unknown>): FakeResponse {
    const file = typeof params.file_id === 'string' ? this.files.get(params.file_id) : undefined;
    if (!file) return tgError(400, 'Bad Request: invalid file_id');
    return jsonResponse(200, { ok: true, result: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.filePath } });
  }

  /** The Bot API takes parameters in the query string, a form or JSON. */
  private paramsOf(request: RecordedRequest): Record<string, unknown> {
    const params: Record<string, unknown> = Object.fromEntries(request.query);
    const type = request.headers['content-type'] ?? '';
    const body = request.body.toString('utf8');
    if (type.startsWith('application/json') && body) {
      try {
        Object.assign(params, JSON.parse(body) as Record<string, unknown>);
      } catch {
        // Telegram answers a bad body as missing parameters.
      }
    } else if (type.startsWith('application/x-www-form-urlencoded')) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    }
    return params;
  }

  private envelope(chatId: number, messageId: number, firstName = 'Budi') {
    return {
      message_id: messageId,
      from: { id: chatId, is_bot: false, first_name: firstName, language_code: 'id' },
      chat: { id: chatId, first_name: firstName, type: 'private' },
      date: Math.floor(Date.now() / 1000),
    };
  }
}
