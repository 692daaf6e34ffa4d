import { eventually, FakeInfobip } from '@pengaduan/testing';
import type { InfobipSettings } from '../settings';
import { InfobipInbound } from './infobip.inbound';
import { InfobipOutbound, infobipMessageId } from './infobip.outbound';
import { webhookEndpoint, type WebhookEndpoint } from '../__fixtures__/webhook-endpoint';

const API_KEY = 'int-api-key';
const OUR_NUMBER = '+6281100002222';
const COMPLAINANT = '+6281200000002';
const USER = 'ib-hook';
const PASS = 'ib-hook-pass';


describe('Infobip against the fake', () => {
  let fake: FakeInfobip;
  let settings: InfobipSettings;
  let outbound: InfobipOutbound;
  let site: WebhookEndpoint;

  beforeEach(async () => {
    fake = await new FakeInfobip({ apiKey: API_KEY, number: OUR_NUMBER, webhookUsername: USER, webhookPassword: PASS }).start();
    settings = { baseUrl: fake.url, apiKey: API_KEY, numbers: new Map([[OUR_NUMBER, 'SBY']]), webhookUsername: USER, webhookPassword: PASS };
    outbound = new InfobipOutbound(settings);
    site = await webhookEndpoint(new InfobipInbound(settings), '/webhooks/infobip');
    fake.webhookUrl = site.webhookUrl;
  });
  afterEach(async () => {
    await fake.stop();
    await site.close();
  });

  const send = (extra: Partial<Parameters<InfobipOutbound['send']>[0]> = {}) =>
    outbound.send({ recipient: COMPLAINANT, text: 'Pengaduan Anda diterima', idempotencyKey: 'notif-7:0', statusCallbackUrl: `${site.webhookUrl}/reports`, ...extra });

  it('sends: the fake receives the path, App key and the message with our messageId', async () => {
    expect(await send()).toEqual({ kind: 'accepted', providerMessageId: 'notif-7:0' });
    const [req] = fake.requestsTo('/sms/2/text/advanced');
    expect(req.method).toBe('POST');
    expect(req.headers['authorization']).toBe(`App ${API_KEY}`);
    expect(JSON.parse(req.body.toString())).toEqual({
      messages: [
        {
          destinations: [{ to: '6281200000002', messageId: infobipMessageId('notif-7:0') }],
          from: '6281100002222',
          text: 'Pengaduan Anda diterima',
          notifyUrl: `${site.webhookUrl}/reports`,
          notifyContentType: 'application/json',
        },
      ],
    });
    expect(fake.sent[0]).toMatchObject({ messageId: 'notif-7:0', to: COMPLAINANT, text: 'Pengaduan Anda diterima' });
  });

  it('delivery reports go to the notifyUrl with our credentials and are read', async () => {
    fake.autoReceipts = true;
    await send();
    // The fake posts its automatic report a moment after the send: wait for it to be read, not 150 ms.
    const receipts = await eventually(async () => {
      const read = site.parsed.flatMap((p) => p.receipts);
      return read.length > 0 ? read : undefined;
    }, 10_000, 'the automatic delivery report');
    expect(receipts.map((r) => [r.providerMessageId, r.status])).toEqual([['notif-7:0', 'delivered']]);
    const answers = await fake.sendReports('notif-7:0', ['PENDING', 'UNDELIVERABLE', 'EXPIRED']);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(site.parsed.slice(-3).map((p) => [p.receipts[0].status, p.receipts[0].errorCode])).toEqual([
      ['sent', undefined],
      ['failed', 'SMS.INFOBIP_6'],
      ['failed', 'SMS.INFOBIP_15'],
    ]);
  });

  it('an incoming SMS is authenticated and read; bad credentials are refused', async () => {
    const { messageId, answer } = await fake.sendSms(COMPLAINANT, 'Paspor saya rusak');
    expect(answer.status).toBe(200);
    expect(site.parsed[0].messages[0]).toMatchObject({ providerMessageId: messageId, accountId: OUR_NUMBER, sender: COMPLAINANT, text: 'Paspor saya rusak' });
    expect((await fake.postRaw('{"results":[]}', { auth: null })).status).toBe(401);
    expect((await fake.postRaw('{"results":[]}', { auth: `Basic ${Buffer.from(`${USER}:nope`).toString('base64')}` })).status).toBe(403);
  });

  it('is rate limited (429) and then recovers', async () => {
    fake.failNext(1, { status: 429, body: { requestError: { serviceException: { messageId: 'TOO_MANY_REQUESTS', text: 'Too many requests' } } } });
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'SMS.INFOBIP_TOO_MANY_REQUESTS', retryable: true, retryAfterMs: undefined });
    expect(await send()).toEqual({ kind: 'accepted', providerMessageId: 'notif-7:0' });
  });

  it('treats a 5xx as retryable', async () => {
    fake.failNext(1, { status: 500, body: { requestError: { serviceException: { messageId: 'GENERAL_ERROR', text: 'Something went wrong.' } } } });
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'SMS.INFOBIP_GENERAL_ERROR', retryable: true });
    fake.failNext(1, { status: 502, body: 'Bad Gateway' });
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'SMS.HTTP_502', retryable: true });
  });

  it('treats a wrong key and a rejected destination as final', async () => {
    const wrong = new InfobipOutbound({ ...settings, apiKey: 'wrong' });
    expect(await wrong.send({ recipient: COMPLAINANT, text: 'x', idempotencyKey: 'k' })).toMatchObject({ kind: 'failed', errorCode: 'SMS.INFOBIP_UNAUTHORIZED', retryable: false });
    expect(await send({ recipient: 'bukan-nomor' })).toMatchObject({ kind: 'failed', errorCode: 'SMS.INFOBIP_52', retryable: false });
    fake.failNext(1, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Bad request' } } } });
    expect(await send()).toMatchObject({ kind: 'failed', errorCode: 'SMS.INFOBIP_BAD_REQUEST', retryable: false });
  });

  it('reports a network error when Infobip cannot be reached', async () => {
    await fake.stop();
    expect(await send()).toEqual({ kind: 'failed', errorCode: 'SMS.NETWORK', retryable: true });
  });
});
