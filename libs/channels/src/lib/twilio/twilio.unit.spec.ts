import { createHmac } from 'node:crypto';
import { UnknownAccountError, WebhookPayloadError, type WebhookRequest } from '../provider';
import type { TwilioSettings } from '../settings';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature';
import { TwilioInbound } from './twilio.inbound';
import { TwilioOutbound } from './twilio.outbound';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const settings: TwilioSettings = {
  accountSid: ACCOUNT,
  authToken: 'test-auth-token',
  numbers: new Map([
    ['+15017122661', 'JKT'],
    ['+15017122662', 'SBY'],
    ['+15017122663', 'JKT'],
  ]),
  apiUrl: 'https://api.twilio.com',
};
const PUBLIC_URL = 'https://pengaduan.example.go.id/webhooks/twilio';
const receivedAt = new Date('2025-03-01T08:00:00Z');

function request(params: Record<string, string>, opts: { url?: string; signUrl?: string; subpath?: string; signature?: string | null; contentType?: string } = {}): WebhookRequest {
  const url = opts.url ?? PUBLIC_URL + (opts.subpath ?? '');
  const signature = opts.signature === undefined ? twilioSignature(settings.authToken, opts.signUrl ?? url, params) : opts.signature;
  return {
    method: 'POST',
    publicUrl: url,
    subpath: opts.subpath ?? '',
    headers: { 'content-type': opts.contentType ?? 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    query: {},
    rawBody: Buffer.from(new URLSearchParams(params).toString()),
  };
}

// The incoming-message webhook as Twilio's messaging docs show it.
const INCOMING = {
  ToCountry: 'US',
  ToState: 'CA',
  SmsMessageSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
  NumMedia: '0',
  ToCity: '',
  FromZip: '',
  SmsSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
  FromState: '',
  SmsStatus: 'received',
  FromCity: '',
  Body: 'Paspor saya belum selesai',
  FromCountry: 'ID',
  To: '+15017122661',
  ToZip: '',
  NumSegments: '1',
  MessageSid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
  AccountSid: ACCOUNT,
  From: '+6281200000001',
  ApiVersion: '2010-04-01',
};

// A status callback as in Twilio's "track the message status" guide.
const status = (MessageStatus: string, extra: Record<string, string> = {}) => ({
  AccountSid: ACCOUNT,
  ApiVersion: '2010-04-01',
  From: '+15017122661',
  MessageSid: 'SM5a7e7b6b8f7a4d44b4c6d0ab1f0a1a2b',
  MessageStatus,
  SmsSid: 'SM5a7e7b6b8f7a4d44b4c6d0ab1f0a1a2b',
  SmsStatus: MessageStatus,
  To: '+6281200000001',
  ...extra,
});

describe('twilioSignature', () => {
  // Twilio's documented example (webhooks security page; TwilioDevEd/api-snippets
  // security/signature_validation/signature_validation.3.x.js and the 2.x variant).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = (caller: string) => ({ CallSid: 'CA1234567890ABCDE', Caller: caller, Digits: '1234', From: caller, To: '+18005551212' });

  it('matches the documented example', () => {
    expect(twilioSignature('12345', url, params('+14158675310'))).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(twilioSignature('12345', url, params('+14158675309'))).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('sorts the parameters by name whatever order they came in', () => {
    const pairs = Object.entries(params('+14158675310')).reverse() as [string, string][];
    expect(twilioSignature('12345', url, pairs)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('sorts case-sensitively (upper case first), not by locale', () => {
    // 'Z' < 'a' in code units; localeCompare would put 'a' first.
    expect(twilioSignature('k', 'u', { alpha: '2', Zeta: '1' })).toBe(createHmac('sha1', 'k').update('uZeta1alpha2').digest('base64'));
  });
});

describe('verifyTwilioSignature', () => {
  it('accepts a request signed over the public URL', () => {
    expect(verifyTwilioSignature(settings, PUBLIC_URL, request(INCOMING))).toEqual({ ok: true });
  });

  it('refuses a missing signature with 401', () => {
    expect(verifyTwilioSignature(settings, PUBLIC_URL, request(INCOMING, { signature: null }))).toEqual({ ok: false, status: 401, reason: 'MISSING_SIGNATURE' });
  });

  it('refuses a wrong signature with 403', () => {
    expect(verifyTwilioSignature(settings, PUBLIC_URL, request(INCOMING, { signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=' }))).toEqual({ ok: false, status: 403, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a body changed after signing', () => {
    const req = request(INCOMING);
    const tampered = { ...req, rawBody: Buffer.from(req.rawBody.toString().replace('belum', 'sudah')) };
    expect(verifyTwilioSignature(settings, PUBLIC_URL, tampered).ok).toBe(false);
  });

  it('refuses when checked against the internal URL instead of the public one', () => {
    const req = request(INCOMING);
    expect(verifyTwilioSignature(settings, 'http://intake:3000/webhooks/twilio', req)).toEqual({ ok: false, status: 403, reason: 'BAD_SIGNATURE' });
  });

  it('refuses a signature made with another auth token', () => {
    const req = request(INCOMING, { signature: twilioSignature('other-token', PUBLIC_URL, INCOMING) });
    expect(verifyTwilioSignature(settings, PUBLIC_URL, req).ok).toBe(false);
  });
});

describe('TwilioInbound', () => {
  const inbound = new TwilioInbound(settings);

  it('verifies against request.publicUrl exactly (query included)', () => {
    const url = `${PUBLIC_URL}?office=JKT`;
    expect(inbound.verify(request(INCOMING, { url }))).toEqual({ ok: true });
    expect(inbound.verify(request(INCOMING, { url, signUrl: PUBLIC_URL })).ok).toBe(false);
  });

  it('reads an incoming SMS', () => {
    const parsed = inbound.parse(request(INCOMING), receivedAt);
    expect(parsed).toEqual({
      messages: [
        {
          provider: 'twilio',
          channel: 'SMS',
          providerMessageId: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
          accountId: '+15017122661',
          sender: '+6281200000001',
          sentAt: receivedAt,
          text: 'Paspor saya belum selesai',
          media: [],
        },
      ],
      receipts: [],
      ignored: 0,
    });
    expect(inbound.officeOf('+15017122661')).toBe('JKT');
    expect(inbound.officeOf('+15017122662')).toBe('SBY');
  });

  it('reads MMS media with their content types', () => {
    const params = {
      ...INCOMING,
      Body: '',
      NumMedia: '2',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME1`,
      MediaContentType0: 'image/jpeg',
      MediaUrl1: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME2`,
      MediaContentType1: 'audio/amr',
    };
    const [message] = inbound.parse(request(params), receivedAt).messages;
    expect(message.text).toBeUndefined();
    expect(message.media).toEqual([
      { kind: 'image', ref: params.MediaUrl0, mimeType: 'image/jpeg' },
      { kind: 'audio', ref: params.MediaUrl1, mimeType: 'audio/amr' },
    ]);
  });

  it('refuses a message to a number no office has', () => {
    expect(() => inbound.parse(request({ ...INCOMING, To: '+15550000000' }), receivedAt)).toThrow(UnknownAccountError);
  });

  it('refuses another Twilio account as unknown', () => {
    expect(() => inbound.parse(request({ ...INCOMING, AccountSid: 'AC99999999999999999999999999999999' }), receivedAt)).toThrow(UnknownAccountError);
    expect(() => inbound.parse(request(status('delivered', { AccountSid: 'ACffffffffffffffffffffffffffffffff' }), { subpath: '/status' }), receivedAt)).toThrow(UnknownAccountError);
  });

  it('refuses malformed bodies', () => {
    const { MessageSid: _m, SmsSid: _s, ...noSid } = INCOMING;
    expect(() => inbound.parse(request(noSid), receivedAt)).toThrow(WebhookPayloadError);
    const json = { ...request(INCOMING), headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(JSON.stringify(INCOMING)) };
    expect(() => inbound.parse(json, receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ ...INCOMING, NumMedia: '1' }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ ...INCOMING, NumMedia: 'x' }), receivedAt)).toThrow(WebhookPayloadError);
  });

  it.each([
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['accepted', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
  ])('reads status %s as %s', (twilio, ours) => {
    const parsed = inbound.parse(request(status(twilio), { subpath: '/status' }), receivedAt);
    expect(parsed).toEqual({ messages: [], receipts: [{ provider: 'twilio', providerMessageId: 'SM5a7e7b6b8f7a4d44b4c6d0ab1f0a1a2b', status: ours, at: receivedAt }], ignored: 0 });
  });

  it('reads undelivered and failed with their error code', () => {
    const undelivered = inbound.parse(request(status('undelivered', { ErrorCode: '30003' }), { subpath: '/status' }), receivedAt).receipts[0];
    expect(undelivered).toMatchObject({ status: 'failed', errorCode: 'SMS.30003' });
    const failed = inbound.parse(request(status('failed', { ErrorCode: '30007' }), { subpath: '/status' }), receivedAt).receipts[0];
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'SMS.30007' });
    // An ErrorCode that is not a code never reaches ours.
    const odd = inbound.parse(request(status('failed', { ErrorCode: '+6281200000001' }), { subpath: '/status' }), receivedAt).receipts[0];
    expect(odd.errorCode).toBe('SMS.FAILED');
  });

  it('ignores statuses that say nothing about delivery', () => {
    expect(inbound.parse(request(status('scheduled'), { subpath: '/status' }), receivedAt)).toEqual({ messages: [], receipts: [], ignored: 1 });
  });

  it('acknowledges with empty TwiML', () => {
    expect(inbound.ack).toEqual({ contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' });
  });
});

describe('TwilioOutbound.accountFor', () => {
  const outbound = new TwilioOutbound(settings);
  it('is the first number of the office', () => {
    expect(outbound.accountFor('JKT')).toBe('+15017122661');
    expect(outbound.accountFor('SBY')).toBe('+15017122662');
    expect(outbound.accountFor('DPS')).toBeUndefined();
    expect(outbound).toMatchObject({ id: 'twilio', channel: 'SMS', supportsTemplates: false });
  });
});
