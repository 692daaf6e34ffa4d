import { FakeMetaMessaging } from '@pengaduan/testing';
import { webhookEndpoint, type WebhookEndpoint } from '../__fixtures__/webhook-endpoint';
import { MediaFetchError, type ProviderSendRequest } from '../provider';
import type { MetaMessagingSettings } from '../settings';
import { MetaMessagingInbound } from './meta-messaging.inbound';
import { MetaMessagingMediaFetcher } from './meta-messaging.media';
import { MetaMessagingOutbound } from './meta-messaging.outbound';

/*
 * The Messenger and Instagram adapters over real HTTP against FakeMetaMessaging; the fake's
 * webhooks go to a receiver that verifies and parses them with MetaMessagingInbound.
 */
const APP_SECRET = 'meta-app-secret-int';
const PAGE_TOKEN = 'EAAB-page-token';
const PAGE_ID = '682498302938465';
const IG_ID = '17841405822304914';
const PSID = '1254459154682919';

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

const windowClosed = (subcode: number) => ({
  status: 400,
  body: { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: subcode, fbtrace_id: 'BLBz/WZt8dN' } },
});

for (const provider of ['messenger', 'instagram'] as const) {
  const accountId = provider === 'messenger' ? PAGE_ID : IG_ID;
  const channel = provider === 'messenger' ? 'FACEBOOK' : 'INSTAGRAM';

  describe(`MetaMessagingOutbound (${provider})`, () => {
    let fake: FakeMetaMessaging;
    let rx: WebhookEndpoint;
    let settings: MetaMessagingSettings;

    beforeEach(async () => {
      fake = await new FakeMetaMessaging({ provider, appSecret: APP_SECRET, accountId, accessToken: PAGE_TOKEN }).start();
      settings = { accounts: new Map([[accountId, { office: 'BLP', accessToken: PAGE_TOKEN }]]), appSecret: APP_SECRET, verifyToken: 'verify', graphUrl: fake.url, graphVersion: 'v23.0' };
      rx = await webhookEndpoint(new MetaMessagingInbound(provider, settings), '/webhooks/meta');
      fake.webhookUrl = rx.webhookUrl;
    });

    afterEach(async () => {
      await fake.stop();
      await rx.close();
    });

    const text = (over: Partial<ProviderSendRequest> = {}): ProviderSendRequest => ({ recipient: PSID, text: 'Pengaduan Anda telah kami terima.', idempotencyKey: 'k-1', ...over });

    it('sends text to the account with the bearer token and the Send API body', async () => {
      const outbound = new MetaMessagingOutbound(provider, settings);
      expect(outbound.channel).toBe(channel);
      expect(outbound.supportsTemplates).toBe(false);
      expect(outbound.accountFor('BLP')).toBe(accountId);

      const outcome = await outbound.send(text());

      expect(outcome).toEqual({ kind: 'accepted', providerMessageId: fake.sent[0].id });
      const [request] = fake.requestsTo(`/v23.0/${accountId}/messages`);
      expect(request.headers['authorization']).toBe(`Bearer ${PAGE_TOKEN}`);
      expect(request.query.has('access_token')).toBe(false);
      expect(JSON.parse(request.body.toString())).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Pengaduan Anda telah kami terima.' } });
      expect(fake.sent[0]).toMatchObject({ recipient: PSID, text: 'Pengaduan Anda telah kami terima.' });
    });

    it('refuses a template without calling', async () => {
      const outcome = await new MetaMessagingOutbound(provider, settings).send({ recipient: PSID, template: { name: 't', language: 'id', parameters: [] }, idempotencyKey: 'k' });
      expect(outcome).toEqual({ kind: 'failed', errorCode: `${channel}.TEMPLATE_UNSUPPORTED`, retryable: false });
      expect(fake.requests).toHaveLength(0);
    });

    it('maps the window-closed error (code 10 with its subcode) to windowClosed, not retryable', async () => {
      const subcode = provider === 'messenger' ? 2018278 : 2534022;
      fake.failNext(1, windowClosed(subcode));
      expect(await new MetaMessagingOutbound(provider, settings).send(text())).toEqual({ kind: 'failed', errorCode: `${channel}.10.${subcode}`, retryable: false, windowClosed: true });
      // Another permission error (code 10, other subcode) is not the window.
      fake.failNext(1, windowClosed(2018336));
      const other = await new MetaMessagingOutbound(provider, settings).send(text());
      expect(other).toEqual({ kind: 'failed', errorCode: `${channel}.10.2018336`, retryable: false });
      expect(JSON.stringify(other)).not.toContain(PSID);
    });

    it('maps rate limits (613 on a 400, 4 on a 429 with Retry-After) to retryable, then succeeds', async () => {
      const outbound = new MetaMessagingOutbound(provider, settings);
      fake.failNext(1, { status: 400, body: { error: { message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613, fbtrace_id: 'x' } } });
      expect(await outbound.send(text())).toMatchObject({ kind: 'failed', errorCode: `${channel}.613`, retryable: true });
      fake.failNext(1, { status: 429, body: { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, fbtrace_id: 'x' } }, headers: { 'retry-after': '30' } });
      expect(await outbound.send(text())).toEqual({ kind: 'failed', errorCode: `${channel}.4`, retryable: true, retryAfterMs: 30_000 });
      expect((await outbound.send(text())).kind).toBe('accepted');
    });

    it('maps 5xx to retryable, a provider down to NETWORK, and a refused token to a non-retryable 190', async () => {
      fake.failNext(1, { status: 500, body: 'Internal Server Error' });
      expect(await new MetaMessagingOutbound(provider, settings).send(text())).toMatchObject({ kind: 'failed', errorCode: `${channel}.HTTP_500`, retryable: true });

      const wrong = { ...settings, accounts: new Map([[accountId, { office: 'BLP', accessToken: 'revoked' }]]) };
      expect(await new MetaMessagingOutbound(provider, wrong).send(text())).toEqual({ kind: 'failed', errorCode: `${channel}.190`, retryable: false });

      await fake.stop();
      expect(await new MetaMessagingOutbound(provider, settings).send(text())).toEqual({ kind: 'failed', errorCode: `${channel}.NETWORK`, retryable: true });
    });

    it('fetches an attachment from its URL without a token; a missing one fails without retry', async () => {
      const bytes = Buffer.from('\x89PNG foto antrean', 'latin1');
      const { mid, answer } = await fake.sendImage(PSID, { bytes, mimeType: 'image/png' });
      expect(answer.status).toBe(200);
      const [message] = rx.parsed[0].messages;
      expect(message).toMatchObject({ providerMessageId: mid, sender: PSID, accountId, channel });

      const fetcher = new MetaMessagingMediaFetcher(provider, settings);
      const fetched = await fetcher.fetch(message.media[0], accountId);
      expect(fetched).toEqual({ bytes, mimeType: 'image/png' });
      const [download] = fake.requestsTo(/^\/cdn\//);
      expect(download.headers['authorization']).toBeUndefined();

      const missing = fetcher.fetch({ kind: 'image', ref: `${fake.url}/cdn/00` }, accountId);
      await expect(missing).rejects.toBeInstanceOf(MediaFetchError);
      await expect(missing).rejects.toMatchObject({ provider, status: 404, retryable: false });
      fake.failNext(1, { status: 503, body: 'busy' });
      await expect(fetcher.fetch(message.media[0], accountId)).rejects.toMatchObject({ status: 503, retryable: true });
    });

    it("signs webhooks the adapter accepts: text, echo ignored, receipts after a send; unsigned ones are refused", async () => {
      const { mid } = await fake.sendText(PSID, 'Paspor saya hilang');
      expect(rx.parsed[0].messages[0]).toMatchObject({ providerMessageId: mid, text: 'Paspor saya hilang', provider });
      await fake.sendEcho(PSID, 'Balasan petugas');
      expect(rx.parsed[1]).toEqual({ messages: [], receipts: [], ignored: 1 });

      fake.autoReceipts = true;
      const outcome = await new MetaMessagingOutbound(provider, settings).send(text());
      const id = outcome.kind === 'accepted' ? outcome.providerMessageId : '';
      await until(() => rx.parsed.some((p) => p.receipts.some((r) => r.providerMessageId === id)));
      const receipt = rx.parsed.flatMap((p) => p.receipts).find((r) => r.providerMessageId === id);
      expect(receipt?.status).toBe(provider === 'messenger' ? 'delivered' : 'read');

      await fake.sendDelivery([id]);
      expect(rx.parsed.at(-1)?.receipts).toEqual([expect.objectContaining({ providerMessageId: id, status: 'delivered' })]);

      expect((await fake.postRaw('{"object":"page","entry":[]}', { signature: null })).status).toBe(401);
      expect((await fake.postRaw('{"object":"page","entry":[]}', { signature: 'sha256=00' })).status).toBe(403);
    });
  });
}
