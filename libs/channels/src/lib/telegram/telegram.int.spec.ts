import { FakeTelegram } from '@pengaduan/testing';
import type { TelegramSettings } from '../settings';
import { TelegramInbound } from './telegram.inbound';
import { TelegramMediaFetcher } from './telegram.media';
import { TelegramOutbound } from './telegram.outbound';
import { webhookEndpoint, type WebhookEndpoint } from '../__fixtures__/webhook-endpoint';

const TOKEN = '7000000001:AAH-int-test-token';
const SECRET = 'int_secret-token';
const CHAT = 424242;


describe('Telegram against the fake', () => {
  let fake: FakeTelegram;
  let settings: TelegramSettings;
  let outbound: TelegramOutbound;
  let site: WebhookEndpoint;

  beforeEach(async () => {
    fake = await new FakeTelegram({ botToken: TOKEN, secretToken: SECRET }).start();
    settings = { botToken: TOKEN, webhookSecret: SECRET, office: 'JKT', apiUrl: fake.url };
    outbound = new TelegramOutbound(settings);
    site = await webhookEndpoint(new TelegramInbound(settings), '/webhooks/telegram');
    fake.webhookUrl = site.webhookUrl;
  });
  afterEach(async () => {
    await fake.stop();
    await site.close();
  });

  const send = (recipient = String(CHAT)) => outbound.send({ recipient, accountId: 'bot', text: 'Pengaduan Anda diterima', idempotencyKey: 'n-1' });
  const tgError = (code: number, description: string, parameters?: object) => ({ status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } });

  it('sends: the fake receives the token path and the JSON body', async () => {
    const outcome = await send();
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: `${CHAT}:${fake.sent[0].messageId}` });
    const [req] = fake.requestsTo(`/bot${TOKEN}/sendMessage`);
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body.toString())).toEqual({ chat_id: CHAT, text: 'Pengaduan Anda diterima' });
    expect(fake.sent[0]).toMatchObject({ chatId: String(CHAT), text: 'Pengaduan Anda diterima' });
  });

  it('is rate limited (429, retry_after) and then recovers', async () => {
    fake.failNext(1, tgError(429, 'Too Many Requests: retry after 3', { retry_after: 3 }));
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'TELEGRAM.429', retryable: true, retryAfterMs: 3000 });
    expect(await send()).toMatchObject({ kind: 'accepted' });
    expect(fake.sent).toHaveLength(1);
  });

  it('treats a 5xx as retryable', async () => {
    fake.failNext(1, tgError(502, 'Bad Gateway'));
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'TELEGRAM.502', retryable: true });
  });

  it('treats a blocked bot (403) and an unknown chat (400) as final', async () => {
    fake.failNext(1, tgError(403, 'Forbidden: bot was blocked by the user'));
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'TELEGRAM.403', retryable: false, retryAfterMs: undefined });
    expect(await send('@no_such_chat')).toMatchObject({ kind: 'failed', errorCode: 'TELEGRAM.400', retryable: false });
  });

  it('treats a wrong token as final', async () => {
    const wrong = new TelegramOutbound({ ...settings, botToken: '1:wrong' });
    expect(await wrong.send({ recipient: String(CHAT), text: 'x', idempotencyKey: 'n-2' })).toMatchObject({ kind: 'failed', errorCode: 'TELEGRAM.401', retryable: false });
  });

  it('reports a network error when Telegram cannot be reached', async () => {
    await fake.stop();
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'TELEGRAM.NETWORK', retryable: true });
  });

  it('an incoming text is authenticated by the secret header and read', async () => {
    const { providerMessageId, answer } = await fake.sendText(CHAT, 'Paspor saya hilang', { firstName: 'Rina' });
    expect(answer.status).toBe(200);
    expect(site.parsed[0].messages[0]).toMatchObject({ providerMessageId, accountId: 'bot', sender: String(CHAT), senderName: 'Rina', text: 'Paspor saya hilang' });
    expect((await fake.postRaw('{"update_id":1}', { secret: null })).status).toBe(401);
    expect((await fake.postRaw('{"update_id":1}', { secret: 'wrong' })).status).toBe(403);
  });

  it('a photo is fetched as its largest size, with the exact bytes', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('bukti-foto-'.repeat(20)), Buffer.from([0xff, 0xd9])]);
    const { providerMessageId } = await fake.sendPhoto(CHAT, { bytes: jpeg, caption: 'Bukti' });
    const [message] = site.parsed[0].messages;
    expect(message).toMatchObject({ providerMessageId, text: 'Bukti' });
    const fetched = await new TelegramMediaFetcher(settings).fetch(message.media[0], message.accountId);
    expect(fetched.bytes.equals(jpeg)).toBe(true);
    // The download is served as octet-stream; the stated type is the better answer.
    expect(fetched.mimeType).toBe('image/jpeg');
    expect(fake.requestsTo(`/bot${TOKEN}/getFile`)[0].query.get('file_id')).toBe(message.media[0].ref);
  });

  it('a voice note is fetched through getFile with the exact bytes', async () => {
    const ogg = Buffer.from('OggS\u0000\u0002 voice note bytes');
    const file = fake.storeFile(ogg, 'voice', 'oga');
    const fetched = await new TelegramMediaFetcher(settings).fetch({ kind: 'audio', ref: file.fileId, mimeType: 'audio/ogg' }, 'bot');
    expect(fetched).toEqual({ bytes: ogg, mimeType: 'audio/ogg' });
  });

  it('media errors: an unknown file is final, a 5xx retryable', async () => {
    const fetcher = new TelegramMediaFetcher(settings);
    await expect(fetcher.fetch({ kind: 'image', ref: 'no-such-file' }, 'bot')).rejects.toMatchObject({ code: 'MEDIA.FETCH_FAILED', status: 400, retryable: false });
    const file = fake.storeFile(Buffer.from('x'));
    fake.failNext(1, tgError(500, 'Internal Server Error'));
    await expect(fetcher.fetch({ kind: 'document', ref: file.fileId }, 'bot')).rejects.toMatchObject({ status: 500, retryable: true });
    await expect(fetcher.fetch({ kind: 'document', ref: file.fileId }, 'bot')).resolves.toMatchObject({ bytes: Buffer.from('x') });
  });
});
