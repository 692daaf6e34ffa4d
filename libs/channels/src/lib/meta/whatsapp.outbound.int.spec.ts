import { FakeWhatsApp } from '@pengaduan/testing';
import { sha256Hex } from '../crypto';
import { webhookEndpoint, type WebhookEndpoint } from '../__fixtures__/webhook-endpoint';
import { MediaFetchError, type ProviderSendRequest } from '../provider';
import type { WhatsAppSettings } from '../settings';
import { WhatsAppInbound } from './whatsapp.inbound';
import { WhatsAppMediaFetcher } from './whatsapp.media';
import { WhatsAppOutbound } from './whatsapp.outbound';

/*
 * The WhatsApp adapters over real HTTP against FakeWhatsApp. The fake's webhooks go to a small
 * receiver that verifies and parses them with WhatsAppInbound, so the fake (signing with its own
 * code) and the adapter check each other.
 */
const APP_SECRET = 'wa-app-secret-int';
const TOKEN = 'EAAG-system-user-token';
const NUMBER = '6281234567890';
const HOUR = 60 * 60 * 1000;

let fake: FakeWhatsApp;
let rx: WebhookEndpoint;
let settings: WhatsAppSettings;

beforeEach(async () => {
  fake = await new FakeWhatsApp({ appSecret: APP_SECRET, accessToken: TOKEN }).start();
  settings = {
    phoneNumbers: new Map([[fake.phoneNumberId, 'BLP']]),
    accessToken: TOKEN,
    appSecret: APP_SECRET,
    verifyToken: 'verify',
    graphUrl: fake.url,
    graphVersion: 'v23.0',
  };
  rx = await webhookEndpoint(new WhatsAppInbound(settings), '/webhooks/whatsapp');
  fake.webhookUrl = rx.webhookUrl;
});

afterEach(async () => {
  await fake.stop();
  await rx.close();
});

const text = (over: Partial<ProviderSendRequest> = {}): ProviderSendRequest => ({ recipient: `+${NUMBER}`, text: 'Pengaduan Anda telah kami terima.', idempotencyKey: 'k-1', ...over });

describe('WhatsAppOutbound', () => {
  it('sends free-form text inside the window: path, bearer token and body as the Cloud API documents', async () => {
    const { answer } = await fake.sendText(NUMBER, 'Paspor saya belum jadi');
    expect(answer.status).toBe(200);
    const outbound = new WhatsAppOutbound(settings);
    expect(outbound.accountFor('BLP')).toBe(fake.phoneNumberId);
    expect(outbound.accountFor('JKT')).toBeUndefined();

    const outcome = await outbound.send(text({ accountId: fake.phoneNumberId }));

    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: fake.sent[0].id });
    expect(fake.sent[0].id).toMatch(/^wamid\./);
    const [request] = fake.requestsTo(`/v23.0/${fake.phoneNumberId}/messages`);
    expect(request.method).toBe('POST');
    expect(request.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body.toString())).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: NUMBER,
      type: 'text',
      text: { preview_url: false, body: 'Pengaduan Anda telah kami terima.' },
    });
    expect(fake.sent[0]).toMatchObject({ to: NUMBER, type: 'text', text: 'Pengaduan Anda telah kami terima.' });
  });

  it('sends an approved template with its body parameters in order, window or not', async () => {
    const outbound = new WhatsAppOutbound(settings);
    const outcome = await outbound.send({ recipient: `+${NUMBER}`, template: { name: 'pengaduan_diterima', language: 'id', parameters: ['BLP-2026-000123', '3 hari kerja'] }, idempotencyKey: 'k-2' });

    expect(outcome.kind).toBe('accepted');
    const body = JSON.parse(fake.requests[0].body.toString());
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: NUMBER,
      type: 'template',
      template: {
        name: 'pengaduan_diterima',
        language: { code: 'id' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'BLP-2026-000123' }, { type: 'text', text: '3 hari kerja' }] }],
      },
    });
    expect(fake.sent[0].template).toEqual({ name: 'pengaduan_diterima', language: 'id', parameters: ['BLP-2026-000123', '3 hari kerja'] });
  });

  it('maps 131047 (window closed) to a non-retryable windowClosed failure without personal data', async () => {
    const outbound = new WhatsAppOutbound(settings);
    const never = await outbound.send(text());
    expect(never).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.131047', retryable: false, windowClosed: true });

    await fake.sendText(NUMBER, 'Halo', { timestamp: new Date(Date.now() - 25 * HOUR) });
    const stale = await outbound.send(text());
    expect(stale).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.131047', retryable: false, windowClosed: true });
    expect(JSON.stringify([never, stale])).not.toContain(NUMBER.slice(2));
    expect(fake.sent).toEqual([]);

    // The fake's clock moves the window: 23 hours after writing it is still open.
    await fake.sendText(NUMBER, 'Halo lagi', { timestamp: new Date(Date.now() - 23 * HOUR) });
    expect((await outbound.send(text())).kind).toBe('accepted');
  });

  it('maps a 429 rate limit (130429) to retryable with Retry-After, and succeeds when it clears', async () => {
    await fake.sendText(NUMBER, 'Halo');
    fake.failNext(1, { status: 429, body: { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam' } }, headers: { 'retry-after': '2' } });
    const outbound = new WhatsAppOutbound(settings);

    expect(await outbound.send(text())).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.130429', retryable: true, retryAfterMs: 2000 });
    expect((await outbound.send(text())).kind).toBe('accepted');
    expect(fake.requestsTo(/\/messages$/)).toHaveLength(2);
  });

  it('treats the pair rate limit (131056) as retryable even on a 400', async () => {
    fake.failNext(1, { status: 400, body: { error: { message: '(#131056) (Business Account, Consumer Account) pair rate limit hit', type: 'OAuthException', code: 131056, fbtrace_id: 'x' } } });
    const outcome = await new WhatsAppOutbound(settings).send(text());
    expect(outcome).toMatchObject({ kind: 'failed', errorCode: 'WHATSAPP.131056', retryable: true });
  });

  it('maps 5xx and transient Graph codes to retryable', async () => {
    const outbound = new WhatsAppOutbound(settings);
    fake.failNext(1, { status: 503, body: 'Service Unavailable' });
    expect(await outbound.send(text())).toMatchObject({ kind: 'failed', errorCode: 'WHATSAPP.HTTP_503', retryable: true });
    fake.failNext(1, { status: 500, body: { error: { message: '(#131000) Something went wrong', type: 'OAuthException', code: 131000, fbtrace_id: 'x' } } });
    expect(await outbound.send(text())).toMatchObject({ kind: 'failed', errorCode: 'WHATSAPP.131000', retryable: true });
    fake.failNext(1, { status: 400, body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, fbtrace_id: 'x' } } });
    expect(await outbound.send(text())).toMatchObject({ kind: 'failed', errorCode: 'WHATSAPP.2', retryable: true });
  });

  it('maps a network error (provider down) to WHATSAPP.NETWORK, retryable', async () => {
    await fake.stop();
    expect(await new WhatsAppOutbound(settings).send(text())).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.NETWORK', retryable: true });
  });

  it('maps a refused token to a non-retryable WHATSAPP.190, and refuses an account it does not have without calling', async () => {
    const wrongToken = await new WhatsAppOutbound({ ...settings, accessToken: 'expired' }).send(text());
    expect(wrongToken).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.190', retryable: false });

    const before = fake.requests.length;
    expect(await new WhatsAppOutbound(settings).send(text({ accountId: '999' }))).toEqual({ kind: 'failed', errorCode: 'WHATSAPP.UNKNOWN_ACCOUNT', retryable: false });
    expect(fake.requests.length).toBe(before);
  });
});

describe('WhatsAppMediaFetcher', () => {
  it('fetches in two steps with the bearer token; bytes and stated sha256 are those of the file', async () => {
    const bytes = Buffer.from('\xff\xd8\xff\xe0 foto paspor rusak', 'latin1');
    const { mediaId, answer } = await fake.sendImage(NUMBER, { bytes, mimeType: 'image/jpeg', caption: 'Foto paspor' });
    expect(answer.status).toBe(200);
    const [media] = rx.parsed[0].messages[0].media;
    // The webhook stated the digest in base64; the adapter normalised it.
    expect(media).toEqual({ kind: 'image', ref: mediaId, mimeType: 'image/jpeg', sha256: sha256Hex(bytes) });

    const fetched = await new WhatsAppMediaFetcher(settings).fetch(media, fake.phoneNumberId);

    expect(fetched.bytes.equals(bytes)).toBe(true);
    expect(fetched.mimeType).toBe('image/jpeg');
    expect(fetched.statedSha256).toBe(sha256Hex(bytes));
    const [metadata] = fake.requestsTo(`/v23.0/${mediaId}`);
    expect(metadata.query.get('phone_number_id')).toBe(fake.phoneNumberId);
    expect(metadata.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const [download] = fake.requestsTo(`/media-download/${mediaId}`);
    expect(download.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(fake.mediaDownloads).toBe(1);
  });

  it('fetches a voice note', async () => {
    const bytes = Buffer.from('OggS voice note');
    const { mediaId } = await fake.sendAudio(NUMBER, { bytes, mimeType: 'audio/ogg' });
    const fetched = await new WhatsAppMediaFetcher(settings).fetch({ kind: 'audio', ref: mediaId }, fake.phoneNumberId);
    expect(fetched).toEqual({ bytes, mimeType: 'audio/ogg', statedSha256: sha256Hex(bytes) });
  });

  it('fails without retry for an unknown media id (404) and with retry for 429, 5xx and network errors', async () => {
    const fetcher = new WhatsAppMediaFetcher(settings);
    const unknown = fetcher.fetch({ kind: 'image', ref: '1234567890' }, fake.phoneNumberId);
    await expect(unknown).rejects.toBeInstanceOf(MediaFetchError);
    await expect(unknown).rejects.toMatchObject({ provider: 'whatsapp', status: 404, retryable: false });

    const { mediaId } = await fake.sendImage(NUMBER, { bytes: Buffer.from('x'), mimeType: 'image/png' });
    fake.failNext(1, { status: 429, body: { error: { code: 4, message: 'Application request limit reached' } } });
    await expect(fetcher.fetch({ kind: 'image', ref: mediaId }, fake.phoneNumberId)).rejects.toMatchObject({ status: 429, retryable: true });
    fake.failNext(1, { status: 502, body: 'Bad Gateway' }, (r) => r.path.startsWith('/media-download/'));
    await expect(fetcher.fetch({ kind: 'image', ref: mediaId }, fake.phoneNumberId)).rejects.toMatchObject({ status: 502, retryable: true });
    await expect(new WhatsAppMediaFetcher({ ...settings, accessToken: 'expired' }).fetch({ kind: 'image', ref: mediaId }, fake.phoneNumberId)).rejects.toMatchObject({ status: 401, retryable: false });

    await fake.stop();
    await expect(fetcher.fetch({ kind: 'image', ref: mediaId }, fake.phoneNumberId)).rejects.toMatchObject({ status: undefined, retryable: true });
  });
});

describe('FakeWhatsApp against WhatsAppInbound', () => {
  it("signs webhooks the adapter accepts, and the adapter refuses a missing or wrong signature", async () => {
    const { messageId } = await fake.sendText(NUMBER, 'Halo', { name: 'Budi' });
    expect(rx.parsed[0].messages[0]).toMatchObject({ providerMessageId: messageId, sender: `+${NUMBER}`, senderName: 'Budi', text: 'Halo' });
    await fake.sendLocation(NUMBER, { latitude: -1.2379, longitude: 116.8529, name: 'Kanim Balikpapan' });
    expect(rx.parsed[1].messages[0].location).toEqual({ latitude: -1.2379, longitude: 116.8529, name: 'Kanim Balikpapan' });

    expect((await fake.postRaw('{"object":"whatsapp_business_account","entry":[]}', { signature: null })).status).toBe(401);
    expect((await fake.postRaw('{"object":"whatsapp_business_account","entry":[]}', { signature: fake.sign('{}') })).status).toBe(403);
  });

  it('posts statuses in order, failed with its code, and automatic sent/delivered receipts after a send', async () => {
    await fake.sendText(NUMBER, 'Halo');
    const outcome = await new WhatsAppOutbound(settings).send(text());
    if (outcome.kind !== 'accepted') throw new Error('not accepted');
    await fake.sendStatuses(outcome.providerMessageId, ['delivered', 'read', 'failed'], { errorCode: 131049 });
    expect(rx.parsed.slice(1).map((p) => [p.receipts[0].status, p.receipts[0].errorCode])).toEqual([
      ['delivered', undefined],
      ['read', undefined],
      ['failed', 'WHATSAPP.131049'],
    ]);

    fake.autoReceipts = true;
    const second = await new WhatsAppOutbound(settings).send(text());
    const id = second.kind === 'accepted' ? second.providerMessageId : '';
    const deadline = Date.now() + 2000;
    while (rx.parsed.flatMap((p) => p.receipts).filter((r) => r.providerMessageId === id).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(rx.parsed.flatMap((p) => p.receipts).filter((r) => r.providerMessageId === id).map((r) => r.status)).toEqual(['sent', 'delivered']);
  });
});
