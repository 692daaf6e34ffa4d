import { UnknownAccountError, WebhookPayloadError, type WebhookRequest } from '../provider';
import type { WhatsAppSettings } from '../settings';
import { normaliseSha256, WhatsAppInbound } from './whatsapp.inbound';

/*
 * Payloads from Meta's "messages webhook reference" (developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/messages): the text example verbatim (ids,
 * number, timestamp, body); the image example with its documented sha256/id/caption; audio,
 * location, interactive, reaction and status payloads follow the documented syntax of their
 * reference pages, with example values.
 */
const PHONE_NUMBER_ID = '106540352242922';
const settings: WhatsAppSettings = {
  phoneNumbers: new Map([[PHONE_NUMBER_ID, 'BLP']]),
  accessToken: 'EAAG-token',
  appSecret: 'app-secret',
  verifyToken: 'verify',
  graphUrl: 'https://graph.facebook.com',
  graphVersion: 'v23.0',
};
const inbound = new WhatsAppInbound(settings);
const RECEIVED = new Date('2026-03-14T02:05:09.000Z');

function envelope(value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID, field = 'messages'): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value }, field }] }],
  };
}
const contact = { profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' };
const message = (m: Record<string, unknown>) => ({ from: '16505551234', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp: '1749416383', ...m });

function req(body: unknown): WebhookRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', publicUrl: 'https://pengaduan.example/webhooks/whatsapp', subpath: '', headers: {}, query: {}, rawBody: Buffer.from(raw) };
}
const parse = (body: unknown) => inbound.parse(req(body), RECEIVED);

describe('WhatsAppInbound.parse: messages', () => {
  it("reads Meta's documented text message", () => {
    const parsed = parse(envelope({ contacts: [contact], messages: [message({ type: 'text', text: { body: 'Does it come in another color?' } })] }));
    expect(parsed).toEqual({
      messages: [
        {
          provider: 'whatsapp',
          channel: 'WHATSAPP',
          providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
          accountId: PHONE_NUMBER_ID,
          sender: '+16505551234',
          senderName: 'Sheena Nelson',
          sentAt: new Date(1749416383 * 1000),
          text: 'Does it come in another color?',
          media: [],
        },
      ],
      receipts: [],
      ignored: 0,
    });
    expect(inbound.officeOf(PHONE_NUMBER_ID)).toBe('BLP');
  });

  it("reads the documented image message: media id as ref, caption as text, hex sha256 kept", () => {
    const image = { caption: 'This is a caption', mime_type: 'image/jpeg', sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3', id: '2754859441498128' };
    const [m] = parse(envelope({ contacts: [contact], messages: [message({ type: 'image', image })] })).messages;
    expect(m.text).toBe('This is a caption');
    expect(m.media).toEqual([{ kind: 'image', ref: '2754859441498128', mimeType: 'image/jpeg', sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3' }]);
  });

  it('turns a base64 sha256 (as the API is seen to send) into lowercase hex', () => {
    const hex = '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3';
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    const audio = { mime_type: 'audio/ogg; codecs=opus', sha256: base64, id: '1003383421387256', voice: true };
    const [m] = parse(envelope({ contacts: [contact], messages: [message({ type: 'audio', audio })] })).messages;
    expect(m.media).toEqual([{ kind: 'audio', ref: '1003383421387256', mimeType: 'audio/ogg; codecs=opus', sha256: hex }]);
    expect(m.text).toBeUndefined();
    expect(normaliseSha256(hex.toUpperCase())).toBe(hex);
    expect(normaliseSha256('not-a-digest')).toBeUndefined();
  });

  it('reads a document with its file name, and video and sticker kinds', () => {
    const messages = [
      message({ id: 'wamid.doc', type: 'document', document: { caption: 'Surat kuasa', filename: 'surat-kuasa.pdf', mime_type: 'application/pdf', sha256: 'a'.repeat(64), id: '111' } }),
      message({ id: 'wamid.vid', type: 'video', video: { mime_type: 'video/mp4', sha256: 'b'.repeat(64), id: '222' } }),
      message({ id: 'wamid.stk', type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'c'.repeat(64), id: '333', animated: false } }),
    ];
    const parsed = parse(envelope({ contacts: [contact], messages }));
    expect(parsed.messages.map((m) => m.media[0])).toEqual([
      { kind: 'document', ref: '111', mimeType: 'application/pdf', sha256: 'a'.repeat(64), fileName: 'surat-kuasa.pdf' },
      { kind: 'video', ref: '222', mimeType: 'video/mp4', sha256: 'b'.repeat(64) },
      { kind: 'sticker', ref: '333', mimeType: 'image/webp', sha256: 'c'.repeat(64) },
    ]);
    expect(parsed.messages[0].text).toBe('Surat kuasa');
  });

  it('reads a location', () => {
    const location = { address: '1 Hacker Way, Menlo Park, CA 94025', latitude: 37.483307, longitude: -122.148981, name: 'Main Street Beach', url: 'https://www.meta.com' };
    const [m] = parse(envelope({ contacts: [contact], messages: [message({ type: 'location', location })] })).messages;
    expect(m.location).toEqual({ latitude: 37.483307, longitude: -122.148981, name: 'Main Street Beach', address: '1 Hacker Way, Menlo Park, CA 94025' });
    expect(m.media).toEqual([]);
  });

  it('takes the label of a template quick-reply button and of an interactive reply as text', () => {
    const messages = [
      message({ id: 'wamid.btn', type: 'button', button: { payload: 'YA', text: 'Ya, lanjutkan' }, context: { from: '15550783881', id: 'wamid.tpl' } }),
      message({ id: 'wamid.int', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'b1', title: 'Paspor' } } }),
      message({ id: 'wamid.lst', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Izin tinggal', description: 'KITAS' } } }),
    ];
    expect(parse(envelope({ contacts: [contact], messages })).messages.map((m) => m.text)).toEqual(['Ya, lanjutkan', 'Paspor', 'Izin tinggal']);
  });

  it('counts reactions, unsupported and system messages as ignored', () => {
    const messages = [
      message({ id: 'wamid.r', type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '\u{1F44D}' } }),
      message({ id: 'wamid.u', type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] }),
      message({ id: 'wamid.s', type: 'system', system: { body: 'User changed number', type: 'user_changed_number' } }),
      message({ type: 'text', text: { body: 'Halo' } }),
    ];
    const parsed = parse(envelope({ contacts: [contact], messages }));
    expect(parsed.ignored).toBe(3);
    expect(parsed.messages.map((m) => m.text)).toEqual(['Halo']);
  });

  it('falls back to the reception time without a timestamp, and has no name without contacts', () => {
    const [m] = parse(envelope({ messages: [{ from: '6281234567890', id: 'wamid.a', type: 'text', text: { body: 'x' } }] })).messages;
    expect(m.sentAt).toEqual(RECEIVED);
    expect(m.sender).toBe('+6281234567890');
    expect(m).not.toHaveProperty('senderName');
  });

  it('passes over other webhook fields', () => {
    expect(parse(envelope({ event: 'APPROVED', message_template_id: 1 }, PHONE_NUMBER_ID, 'message_template_status_update'))).toEqual({ messages: [], receipts: [], ignored: 1 });
  });
});

describe('WhatsAppInbound.parse: statuses', () => {
  const status = (s: Record<string, unknown>) => ({ id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTZGMTkxNUREMDMwN0Y4QjYA', timestamp: '1750263773', recipient_id: '16505551234', ...s });

  it('turns sent, delivered and read into receipts at their timestamp', () => {
    const parsed = parse(envelope({ statuses: [status({ status: 'sent', conversation: { id: 'c', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'PMP', category: 'service' } }), status({ status: 'delivered' }), status({ status: 'read' })] }));
    expect(parsed.receipts).toEqual(
      ['sent', 'delivered', 'read'].map((s) => ({ provider: 'whatsapp', providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTZGMTkxNUREMDMwN0Y4QjYA', status: s, at: new Date(1750263773 * 1000) })),
    );
    expect(parsed.messages).toEqual([]);
  });

  it("turns a failed status into WHATSAPP.<code> from its errors, with no personal data", () => {
    const errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }];
    const [receipt] = parse(envelope({ statuses: [status({ status: 'failed', errors })] })).receipts;
    expect(receipt).toEqual({ provider: 'whatsapp', providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTZGMTkxNUREMDMwN0Y4QjYA', status: 'failed', at: new Date(1750263773 * 1000), errorCode: 'WHATSAPP.131047' });
    expect(parse(envelope({ statuses: [status({ status: 'failed' })] })).receipts[0].errorCode).toBe('WHATSAPP.UNKNOWN');
  });

  it('ignores statuses that are not receipts', () => {
    expect(parse(envelope({ statuses: [status({ status: 'deleted' })] }))).toEqual({ messages: [], receipts: [], ignored: 1 });
  });
});

describe('WhatsAppInbound.parse: refusals', () => {
  it('throws UnknownAccountError for a phone number id no office has', () => {
    expect(() => parse(envelope({ messages: [message({ type: 'text', text: { body: 'x' } })] }, '999999999999999'))).toThrow(UnknownAccountError);
  });

  it.each([
    ['malformed JSON', '{"object":"whatsapp_business_account",'],
    ['a JSON array', '[]'],
    ['another object', { object: 'page', entry: [] }],
    ['entry not an array', { object: 'whatsapp_business_account', entry: {} }],
    ['a change without value', { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages' }] }] }],
    ['no phone number id', { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [] } }] }] }],
    ['messages not an array', envelope({ messages: {} })],
    ['a message without id', envelope({ messages: [{ from: '1', type: 'text', text: { body: 'x' } }] })],
    ['a location without coordinates', envelope({ messages: [message({ type: 'location', location: { name: 'x' } })] })],
  ])('throws WebhookPayloadError for %s', (_what, body) => {
    expect(() => parse(body)).toThrow(WebhookPayloadError);
  });

  it('answers Meta with a plain 2xx body', () => {
    expect(inbound.ack).toEqual({ contentType: 'text/plain', body: 'EVENT_RECEIVED' });
  });
});
