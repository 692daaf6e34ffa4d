import { eventually, FakeTwilio } from '@pengaduan/testing';
import { MediaFetchError } from '../provider';
import type { TwilioSettings } from '../settings';
import { TwilioInbound } from './twilio.inbound';
import { TwilioMediaFetcher } from './twilio.media';
import { TwilioOutbound } from './twilio.outbound';
import { webhookEndpoint, type WebhookEndpoint } from '../__fixtures__/webhook-endpoint';

const ACCOUNT = 'AC11111111111111111111111111111111';
const TOKEN = 'int-auth-token';
const OUR_NUMBER = '+6281100001111';
const COMPLAINANT = '+6281200000001';


describe('Twilio against the fake', () => {
  let fake: FakeTwilio;
  let settings: TwilioSettings;
  let outbound: TwilioOutbound;
  let site: WebhookEndpoint;

  beforeEach(async () => {
    fake = await new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, number: OUR_NUMBER }).start();
    settings = { accountSid: ACCOUNT, authToken: TOKEN, numbers: new Map([[OUR_NUMBER, 'JKT']]), apiUrl: fake.url };
    outbound = new TwilioOutbound(settings);
    site = await webhookEndpoint(new TwilioInbound(settings), '/webhooks/twilio');
    fake.webhookUrl = site.webhookUrl;
  });
  afterEach(async () => {
    await fake.stop();
    await site.close();
  });

  const send = (extra: Partial<Parameters<TwilioOutbound['send']>[0]> = {}) =>
    outbound.send({ recipient: COMPLAINANT, text: 'Pengaduan Anda diterima', idempotencyKey: 'n-1', statusCallbackUrl: `${site.webhookUrl}/status`, ...extra });

  it('sends: the fake receives the account path, Basic auth and the form fields', async () => {
    const outcome = await send({ accountId: OUR_NUMBER });
    expect(outcome).toEqual({ kind: 'accepted', providerMessageId: fake.sent[0].sid });
    expect(fake.sent[0].sid).toMatch(/^SM[0-9a-f]{32}$/);
    const [req] = fake.requestsTo(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(req.method).toBe('POST');
    expect(req.headers['authorization']).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(req.body.toString()))).toEqual({ To: COMPLAINANT, From: OUR_NUMBER, Body: 'Pengaduan Anda diterima', StatusCallback: `${site.webhookUrl}/status` });
  });

  it('status callbacks of a send come back signed over its StatusCallback and are read', async () => {
    fake.autoReceipts = true;
    const outcome = await send();
    // The fake posts its callbacks on its own: wait for both rather than for a fixed time.
    const receipts = await eventually(async () => {
      const all = site.parsed.flatMap((p) => p.receipts);
      return all.length >= 2 ? all : undefined;
    }, 20_000, 'both status callbacks');
    expect(receipts.map((r) => [r.providerMessageId, r.status])).toEqual([
      [(outcome as { providerMessageId: string }).providerMessageId, 'sent'],
      [(outcome as { providerMessageId: string }).providerMessageId, 'delivered'],
    ]);
    const answers = await fake.sendStatuses(fake.sent[0].sid, ['undelivered'], { errorCode: '30005' });
    expect(answers[0].status).toBe(200);
    expect(site.parsed.at(-1)?.receipts[0]).toMatchObject({ status: 'failed', errorCode: 'SMS.30005' });
  });

  it('is rate limited (20429, Retry-After) and then recovers', async () => {
    fake.failNext(1, { status: 429, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }, headers: { 'retry-after': '2' } });
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'SMS.20429', retryable: true, retryAfterMs: 2000 });
    expect(await send()).toMatchObject({ kind: 'accepted' });
    expect(fake.sent).toHaveLength(1);
  });

  it('treats a 5xx as retryable', async () => {
    fake.failNext(1, { status: 503, body: '<html>Service Unavailable</html>' });
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'SMS.HTTP_503', retryable: true });
  });

  it('treats an invalid To (21211) and an unsubscribed recipient (21610) as final', async () => {
    expect(await send({ recipient: '0812-bukan-nomor' })).toMatchObject({ kind: 'failed', errorCode: 'SMS.21211', retryable: false });
    fake.failNext(1, { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 } });
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'SMS.21610', retryable: false });
  });

  it('treats refused credentials as final', async () => {
    const wrong = new TwilioOutbound({ ...settings, authToken: 'wrong' });
    expect(await wrong.send({ recipient: COMPLAINANT, text: 'x', idempotencyKey: 'n-2' })).toMatchObject({ kind: 'failed', errorCode: 'SMS.20003', retryable: false });
  });

  it('reports a network error when Twilio cannot be reached', async () => {
    await fake.stop();
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'SMS.NETWORK', retryable: true });
  });

  it('an incoming MMS is verified, read, and its media fetched with the exact bytes', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('foto-antrean'), 0xff, 0xd9]);
    const { messageSid, answer } = await fake.sendSms(COMPLAINANT, 'Lihat foto', { media: [{ bytes: jpeg, contentType: 'image/jpeg' }] });
    expect(answer).toEqual({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' });
    const [message] = site.parsed[0].messages;
    expect(message).toMatchObject({ providerMessageId: messageSid, accountId: OUR_NUMBER, sender: COMPLAINANT, text: 'Lihat foto' });
    const fetched = await new TwilioMediaFetcher(settings).fetch(message.media[0], message.accountId);
    expect(fetched.bytes.equals(jpeg)).toBe(true);
    expect(fetched.mimeType).toBe('image/jpeg');
    // The media URL was fetched with our credentials and its redirect to the file followed.
    const gets = fake.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path.split('/')[1])).toEqual(['2010-04-01', 'media-content']);
    expect(gets[0].headers['authorization']).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
  });

  it('a webhook signed over another URL, or unsigned, is refused', async () => {
    const body = new URLSearchParams({ MessageSid: 'SM0', AccountSid: ACCOUNT, From: COMPLAINANT, To: OUR_NUMBER, Body: 'x' }).toString();
    expect((await fake.postRaw(body, { signature: fake.sign('http://intake:3000/webhooks/twilio', Object.fromEntries(new URLSearchParams(body))) })).status).toBe(403);
    expect((await fake.postRaw(body, { signature: null })).status).toBe(401);
    expect((await fake.postRaw(body)).status).toBe(200);
  });

  it('media fetch errors: 404 is final, 5xx retryable, another host refused', async () => {
    const fetcher = new TwilioMediaFetcher(settings);
    const missing = `${fake.url}/2010-04-01/Accounts/${ACCOUNT}/Messages/MM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}`;
    await expect(fetcher.fetch({ kind: 'image', ref: missing }, OUR_NUMBER)).rejects.toMatchObject({ status: 404, retryable: false });
    fake.failNext(1, { status: 502, body: 'bad gateway' });
    await expect(fetcher.fetch({ kind: 'image', ref: missing }, OUR_NUMBER)).rejects.toMatchObject({ status: 502, retryable: true });
    await expect(fetcher.fetch({ kind: 'image', ref: 'https://evil.example/x' }, OUR_NUMBER)).rejects.toBeInstanceOf(MediaFetchError);
  });
});
