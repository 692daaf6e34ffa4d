import { UnknownAccountError, WebhookPayloadError, type WebhookRequest } from '../provider';
import type { MetaMessagingSettings } from '../settings';
import { MetaMessagingInbound } from './meta-messaging.inbound';

/*
 * Events from Meta's Messenger Platform webhook references (developers.facebook.com/
 * documentation/business-messaging/messenger-platform/webhooks/webhook-events/…): `messages`
 * (text and attachment examples, with their mids, timestamps and the page id 682498302938465),
 * `message_deliveries`, `message_reads`, `message_echoes`, `message_reactions`, with the
 * <PSID>/<PAGE_ID> placeholders filled in. Instagram follows the Instagram Platform webhook
 * examples (`object: "instagram"`, messaging_seen naming the mid).
 */
const PAGE_ID = '682498302938465';
const IG_ID = '17841405822304914';
const PSID = '1254459154682919';
const settings = (id: string): MetaMessagingSettings => ({
  accounts: new Map([[id, { office: 'BLP', accessToken: 'page-token' }]]),
  appSecret: 'app-secret',
  verifyToken: 'verify',
  graphUrl: 'https://graph.facebook.com',
  graphVersion: 'v23.0',
});
const messenger = new MetaMessagingInbound('messenger', settings(PAGE_ID));
const instagram = new MetaMessagingInbound('instagram', settings(IG_ID));
const RECEIVED = new Date('2026-03-14T02:05:09.000Z');

const page = (messaging: unknown[], id: string = PAGE_ID) => ({ object: 'page', entry: [{ id, time: 1518479195594, messaging }] });
function req(body: unknown): WebhookRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', publicUrl: 'https://pengaduan.example/webhooks/messenger', subpath: '', headers: {}, query: {}, rawBody: Buffer.from(raw) };
}

describe('MetaMessagingInbound (messenger)', () => {
  it('reads the documented text message', () => {
    const event = { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1458692752478, message: { mid: 'mid.1457764197618:41d102a3e1ae206a38', text: 'hello, world!', quick_reply: { payload: 'P' } } };
    expect(messenger.parse(req(page([event])), RECEIVED)).toEqual({
      messages: [
        {
          provider: 'messenger',
          channel: 'FACEBOOK',
          providerMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
          accountId: PAGE_ID,
          sender: PSID,
          sentAt: new Date(1458692752478),
          text: 'hello, world!',
          media: [],
        },
      ],
      receipts: [],
      ignored: 0,
    });
    expect(messenger.officeOf(PAGE_ID)).toBe('BLP');
  });

  it('reads the documented attachment message: payload.url is the ref; file is a document, a sticker image a sticker', () => {
    const url = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/1.jpg?_nc_sig=abc';
    const message = {
      mid: 'mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c',
      attachments: [
        { type: 'image', payload: { url } },
        { type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59/surat.pdf' } },
        { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/sticker.png', sticker_id: 369239263222822 } },
        { type: 'fallback', payload: { url: 'https://imigrasi.go.id', title: 'Imigrasi' } },
      ],
    };
    const [m] = messenger.parse(req(page([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1518479195308, message }])), RECEIVED).messages;
    expect(m.providerMessageId).toBe('mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c');
    expect(m.text).toBeUndefined();
    expect(m.media).toEqual([
      { kind: 'image', ref: url },
      { kind: 'document', ref: 'https://cdn.fbsbx.com/v/t59/surat.pdf' },
      { kind: 'sticker', ref: 'https://scontent.xx.fbcdn.net/sticker.png' },
    ]);
  });

  it('reads a location attachment', () => {
    const message = { mid: 'm_loc', attachments: [{ type: 'location', title: 'Kantor Imigrasi', payload: { coordinates: { lat: -1.2379, long: 116.8529 } } }] };
    const [m] = messenger.parse(req(page([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1, message }])), RECEIVED).messages;
    expect(m.location).toEqual({ latitude: -1.2379, longitude: 116.8529, name: 'Kantor Imigrasi' });
  });

  it('ignores the documented echo of our own page', () => {
    const echo = { sender: { id: PAGE_ID }, recipient: { id: PSID }, timestamp: 1457764197627, message: { is_echo: true, app_id: 1517776481860111, metadata: 'x', mid: 'mid.1457764197618:41d102a3e1ae206a38', text: 'Terima kasih' } };
    expect(messenger.parse(req(page([echo])), RECEIVED)).toEqual({ messages: [], receipts: [], ignored: 1 });
  });

  it('turns the documented delivery into one delivered receipt per mid, at reception without a timestamp', () => {
    const delivery = { sender: { id: PSID }, recipient: { id: PAGE_ID }, delivery: { mids: ['mid.1458668856218:ed81099e15d3f4f233', 'm_second'], watermark: 1458668856253 } };
    expect(messenger.parse(req(page([delivery])), RECEIVED)).toEqual({
      messages: [],
      receipts: [
        { provider: 'messenger', providerMessageId: 'mid.1458668856218:ed81099e15d3f4f233', status: 'delivered', at: RECEIVED },
        { provider: 'messenger', providerMessageId: 'm_second', status: 'delivered', at: RECEIVED },
      ],
      ignored: 0,
    });
  });

  it('ignores a watermark-only delivery, the documented read (watermark only) and a reaction', () => {
    const events = [
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, delivery: { watermark: 1458668856253 } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1458668856463, read: { watermark: 1458668856253 } },
      { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1458668856463, reaction: { reaction: 'love', emoji: '\u2764\uFE0F', action: 'react', mid: 'm_x' } },
    ];
    expect(messenger.parse(req(page(events)), RECEIVED)).toEqual({ messages: [], receipts: [], ignored: 3 });
  });

  it('throws UnknownAccountError for a page no office has', () => {
    const event = { sender: { id: PSID }, recipient: { id: '999' }, timestamp: 1, message: { mid: 'm', text: 'x' } };
    expect(() => messenger.parse(req(page([event], '999')), RECEIVED)).toThrow(UnknownAccountError);
    // Without entry.id, the recipient names the page.
    expect(() => messenger.parse(req({ object: 'page', entry: [{ time: 1, messaging: [event] }] }), RECEIVED)).toThrow(UnknownAccountError);
  });

  it.each([
    ['malformed JSON', '{"object":"page","entry":['],
    ['the Instagram object', { object: 'instagram', entry: [] }],
    ['the WhatsApp object', { object: 'whatsapp_business_account', entry: [] }],
    ['entry not an array', { object: 'page', entry: 'x' }],
    ['messaging not an array', { object: 'page', entry: [{ id: PAGE_ID, messaging: {} }] }],
    ['a message without mid', page([{ sender: { id: PSID }, recipient: { id: PAGE_ID }, message: { text: 'x' } }])],
    ['a message without sender', page([{ recipient: { id: PAGE_ID }, message: { mid: 'm', text: 'x' } }])],
  ])('throws WebhookPayloadError for %s', (_what, body) => {
    expect(() => messenger.parse(req(body), RECEIVED)).toThrow(WebhookPayloadError);
  });
});

describe('MetaMessagingInbound (instagram)', () => {
  const ig = (messaging: unknown[]) => ({ object: 'instagram', entry: [{ id: IG_ID, time: 1569262486134, messaging }] });
  const IGSID = '5790432357708361';

  it('reads a text and an image message on the INSTAGRAM channel', () => {
    const events = [
      { sender: { id: IGSID }, recipient: { id: IG_ID }, timestamp: 1569262485349, message: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3', text: 'Paspor saya hilang' } },
      { sender: { id: IGSID }, recipient: { id: IG_ID }, timestamp: 1569262485350, message: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE4', attachments: [{ type: 'image', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' } }] } },
    ];
    const parsed = instagram.parse(req(ig(events)), RECEIVED);
    expect(parsed.messages.map((m) => [m.provider, m.channel, m.sender, m.accountId, m.text, m.media.map((x) => x.ref)])).toEqual([
      ['instagram', 'INSTAGRAM', IGSID, IG_ID, 'Paspor saya hilang', []],
      ['instagram', 'INSTAGRAM', IGSID, IG_ID, undefined, ['https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1']],
    ]);
    expect(parsed.messages[0].sentAt).toEqual(new Date(1569262485349));
  });

  it('turns messaging_seen (read.mid) into a read receipt, and ignores echoes and deleted messages', () => {
    const events = [
      { sender: { id: IGSID }, recipient: { id: IG_ID }, timestamp: 1569262486000, read: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE5' } },
      { sender: { id: IG_ID }, recipient: { id: IGSID }, timestamp: 1569262486001, message: { mid: 'm_echo', text: 'Balasan petugas', is_echo: true } },
      { sender: { id: IGSID }, recipient: { id: IG_ID }, timestamp: 1569262486002, message: { mid: 'm_del', is_deleted: true } },
    ];
    expect(instagram.parse(req(ig(events)), RECEIVED)).toEqual({
      messages: [],
      receipts: [{ provider: 'instagram', providerMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE5', status: 'read', at: new Date(1569262486000) }],
      ignored: 2,
    });
  });

  it('refuses the page object and an unknown Instagram account', () => {
    expect(() => instagram.parse(req({ object: 'page', entry: [] }), RECEIVED)).toThrow(WebhookPayloadError);
    expect(() => instagram.parse(req({ object: 'instagram', entry: [{ id: PAGE_ID, messaging: [] }] }), RECEIVED)).toThrow(UnknownAccountError);
  });
});
