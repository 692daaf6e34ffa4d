import { WebhookPayloadError, type WebhookRequest } from '../provider';
import type { TelegramSettings } from '../settings';
import { TelegramInbound } from './telegram.inbound';
import { TelegramOutbound } from './telegram.outbound';

const settings: TelegramSettings = { botToken: '123456:ABC-DEF', webhookSecret: 'hook_Secret-1', office: 'JKT', apiUrl: 'https://api.telegram.org' };
const receivedAt = new Date('2025-03-01T08:00:00Z');
const inbound = new TelegramInbound(settings);

function request(body: unknown, secret: string | null = settings.webhookSecret): WebhookRequest {
  return {
    method: 'POST',
    publicUrl: 'https://pengaduan.example.go.id/webhooks/telegram',
    subpath: '',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    query: {},
    rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

// Updates shaped as in the Bot API reference (Update, Message, PhotoSize, Voice, Location).
const base = {
  message_id: 1365,
  from: { id: 1111111, is_bot: false, first_name: 'Siti', last_name: 'A', username: 'siti_a', language_code: 'id' },
  chat: { id: 1111111, first_name: 'Siti', username: 'siti_a', type: 'private' },
  date: 1741766400,
};
const update = (message: object, kind = 'message') => ({ update_id: 10000, [kind]: { ...base, ...message } });

describe('TelegramInbound.verify', () => {
  it('accepts the webhook secret', () => {
    expect(inbound.verify(request(update({ text: 'x' })))).toEqual({ ok: true });
  });
  it('refuses a missing secret with 401 and a wrong one with 403', () => {
    expect(inbound.verify(request(update({ text: 'x' }), null))).toEqual({ ok: false, status: 401, reason: 'MISSING_CREDENTIALS' });
    expect(inbound.verify(request(update({ text: 'x' }), 'hook_Secret-2'))).toEqual({ ok: false, status: 403, reason: 'BAD_CREDENTIALS' });
    expect(inbound.verify(request(update({ text: 'x' }), 'hook_Secret-1 ')).ok).toBe(false);
  });
});

describe('TelegramInbound.parse', () => {
  it('reads a text message', () => {
    expect(inbound.parse(request(update({ text: 'Paspor hilang' })), receivedAt)).toEqual({
      messages: [
        {
          provider: 'telegram',
          channel: 'TELEGRAM',
          providerMessageId: '1111111:1365',
          accountId: 'bot',
          sender: '1111111',
          senderName: 'Siti A',
          sentAt: new Date(1741766400 * 1000),
          text: 'Paspor hilang',
          media: [],
        },
      ],
      receipts: [],
      ignored: 0,
    });
    expect(inbound.officeOf('bot')).toBe('JKT');
    expect(inbound.officeOf('other')).toBeUndefined();
  });

  it('reads a photo as its largest size, with the caption as text', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', file_size: 1200, width: 90, height: 67 },
      { file_id: 'large', file_unique_id: 'l', file_size: 80000, width: 1280, height: 960 },
      { file_id: 'medium', file_unique_id: 'm', file_size: 15000, width: 320, height: 240 },
    ];
    const [message] = inbound.parse(request(update({ photo, caption: 'Antrean' })), receivedAt).messages;
    expect(message.text).toBe('Antrean');
    expect(message.media).toEqual([{ kind: 'image', ref: 'large', mimeType: 'image/jpeg' }]);
  });

  it('reads a voice note', () => {
    const voice = { duration: 4, mime_type: 'audio/ogg', file_id: 'AwACAgIAAxkBAAIB', file_unique_id: 'AgAD', file_size: 9834 };
    const [message] = inbound.parse(request(update({ voice })), receivedAt).messages;
    expect(message.text).toBeUndefined();
    expect(message.media).toEqual([{ kind: 'audio', ref: 'AwACAgIAAxkBAAIB', mimeType: 'audio/ogg' }]);
  });

  it('reads a document with its name', () => {
    const document = { file_name: 'surat.pdf', mime_type: 'application/pdf', file_id: 'BQACAgIAAxkBAAIC', file_unique_id: 'AgAE', file_size: 52011 };
    const [message] = inbound.parse(request(update({ document })), receivedAt).messages;
    expect(message.media).toEqual([{ kind: 'document', ref: 'BQACAgIAAxkBAAIC', mimeType: 'application/pdf', fileName: 'surat.pdf' }]);
  });

  it('reads a location', () => {
    const [message] = inbound.parse(request(update({ location: { latitude: -6.1753924, longitude: 106.8271528 } })), receivedAt).messages;
    expect(message.location).toEqual({ latitude: -6.1753924, longitude: 106.8271528 });
    expect(message.media).toEqual([]);
  });

  it('ignores edited messages, other update kinds, bots, groups and empty messages', () => {
    const ignored = { messages: [], receipts: [], ignored: 1 };
    expect(inbound.parse(request(update({ text: 'edited', edit_date: 1741766500 }, 'edited_message')), receivedAt)).toEqual(ignored);
    expect(inbound.parse(request({ update_id: 10001, callback_query: { id: '1', data: 'x' } }), receivedAt)).toEqual(ignored);
    expect(inbound.parse(request(update({ text: 'hi', from: { id: 222, is_bot: true, first_name: 'Bot' } })), receivedAt)).toEqual(ignored);
    expect(inbound.parse(request(update({ text: 'hi', chat: { id: -100123, type: 'supergroup', title: 'G' } })), receivedAt)).toEqual(ignored);
    expect(inbound.parse(request(update({ contact: { phone_number: '000', first_name: 'X' } })), receivedAt)).toEqual(ignored);
  });

  it('refuses malformed bodies', () => {
    expect(() => inbound.parse(request('not json'), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ message: { ...base, text: 'x' } }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ update_id: 1, message: { text: 'x' } }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request('null'), receivedAt)).toThrow(WebhookPayloadError);
  });
});

describe('TelegramOutbound.accountFor', () => {
  it('is the bot for its office only', () => {
    const outbound = new TelegramOutbound(settings);
    expect(outbound.accountFor('JKT')).toBe('bot');
    expect(outbound.accountFor('SBY')).toBeUndefined();
    expect(outbound).toMatchObject({ id: 'telegram', channel: 'TELEGRAM', supportsTemplates: false });
  });
});
