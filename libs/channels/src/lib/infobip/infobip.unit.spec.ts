import { UnknownAccountError, WebhookPayloadError, type WebhookRequest } from '../provider';
import type { InfobipSettings } from '../settings';
import { InfobipInbound } from './infobip.inbound';
import { InfobipOutbound, infobipMessageId } from './infobip.outbound';

const settings: InfobipSettings = {
  baseUrl: 'https://xxxxx.api.infobip.com',
  apiKey: 'test-api-key',
  numbers: new Map([
    ['+385921004026', 'JKT'],
    ['6281100002222', 'SBY'],
  ]),
  webhookUsername: 'infobip-hook',
  webhookPassword: 's3cret-pass',
};
const receivedAt = new Date('2025-03-01T08:00:00Z');
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

function request(body: unknown, opts: { subpath?: string; authorization?: string | null } = {}): WebhookRequest {
  const authorization = opts.authorization === undefined ? basic(settings.webhookUsername, settings.webhookPassword) : opts.authorization;
  return {
    method: 'POST',
    publicUrl: `https://pengaduan.example.go.id/webhooks/infobip${opts.subpath ?? ''}`,
    subpath: opts.subpath ?? '',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    query: {},
    rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

// Infobip's documented MO_JSON_2 example ("Receive inbound SMS messages" webhook).
const INCOMING = {
  results: [
    {
      messageId: '817790313235066447',
      from: '385916242493',
      to: '385921004026',
      text: 'QUIZ Correct answer is Paris',
      cleanText: 'Correct answer is Paris',
      keyword: 'QUIZ',
      receivedAt: '2016-10-06T09:28:39.220+0000',
      smsCount: 1,
      price: { pricePerMessage: 0, currency: 'EUR' },
      callbackData: 'callbackData',
    },
  ],
  messageCount: 1,
  pendingMessageCount: 0,
};

// The documented delivery report example, and a failed one of the same shape.
const report = (status: object, error: object = { groupId: 0, groupName: 'Ok', id: 0, name: 'NO_ERROR', description: 'No Error', permanent: false }) => ({
  results: [
    {
      bulkId: 'BULK-ID-123-xyz',
      messageId: 'MESSAGE-ID-123-xyz',
      to: '41793026727',
      sentAt: '2019-11-09T16:00:00.000+0000',
      doneAt: '2019-11-09T16:00:00.000+0000',
      smsCount: 1,
      mccMnc: '22801',
      callbackData: 'DLR callback data',
      price: { pricePerMessage: 0.01, currency: 'EUR' },
      status,
      error,
    },
  ],
});
const DELIVERED = { groupId: 3, groupName: 'DELIVERED', id: 5, name: 'DELIVERED_TO_HANDSET', description: 'Message delivered to handset' };

describe('InfobipInbound.verify', () => {
  const inbound = new InfobipInbound(settings);

  it('accepts the configured Basic credentials', () => {
    expect(inbound.verify(request(INCOMING))).toEqual({ ok: true });
  });

  it('refuses missing credentials with 401', () => {
    expect(inbound.verify(request(INCOMING, { authorization: null }))).toEqual({ ok: false, status: 401, reason: 'MISSING_CREDENTIALS' });
    expect(inbound.verify(request(INCOMING, { authorization: 'App test-api-key' }))).toEqual({ ok: false, status: 401, reason: 'MISSING_CREDENTIALS' });
  });

  it('refuses wrong credentials with 403', () => {
    expect(inbound.verify(request(INCOMING, { authorization: basic('infobip-hook', 'wrong') }))).toEqual({ ok: false, status: 403, reason: 'BAD_CREDENTIALS' });
    expect(inbound.verify(request(INCOMING, { authorization: basic('someone', 's3cret-pass') }))).toEqual({ ok: false, status: 403, reason: 'BAD_CREDENTIALS' });
    expect(inbound.verify(request(INCOMING, { authorization: basic('infobip-hook', 's3cret-pass-and-more') })).ok).toBe(false);
  });
});

describe('InfobipInbound.parse', () => {
  const inbound = new InfobipInbound(settings);

  it('reads the documented incoming SMS', () => {
    expect(inbound.parse(request(INCOMING), receivedAt)).toEqual({
      messages: [
        {
          provider: 'infobip',
          channel: 'SMS',
          providerMessageId: '817790313235066447',
          // The configured key, so that officeOf finds it.
          accountId: '+385921004026',
          sender: '+385916242493',
          sentAt: new Date('2016-10-06T09:28:39.220Z'),
          text: 'QUIZ Correct answer is Paris',
          media: [],
        },
      ],
      receipts: [],
      ignored: 0,
    });
    expect(inbound.officeOf('+385921004026')).toBe('JKT');
  });

  it('reads every message of a batch', () => {
    const second = { ...INCOMING.results[0], messageId: '817790313235066448', to: '6281100002222', from: '6281200000001', text: 'Halo' };
    const { messages } = inbound.parse(request({ ...INCOMING, results: [INCOMING.results[0], second], messageCount: 2 }), receivedAt);
    expect(messages.map((m) => [m.providerMessageId, m.accountId, m.sender, m.text])).toEqual([
      ['817790313235066447', '+385921004026', '+385916242493', 'QUIZ Correct answer is Paris'],
      ['817790313235066448', '6281100002222', '+6281200000001', 'Halo'],
    ]);
  });

  it('refuses a message to a number no office has', () => {
    expect(() => inbound.parse(request({ results: [{ ...INCOMING.results[0], to: '385920000000' }] }), receivedAt)).toThrow(UnknownAccountError);
  });

  it('refuses malformed bodies', () => {
    expect(() => inbound.parse(request('{"results": ['), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ messageCount: 1 }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ results: [{ ...INCOMING.results[0], messageId: undefined }] }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ results: [null] }), receivedAt)).toThrow(WebhookPayloadError);
    expect(() => inbound.parse(request({ results: [{ messageId: 'x' }] }, { subpath: '/reports' }), receivedAt)).toThrow(WebhookPayloadError);
  });

  it('reads the documented delivery report as delivered', () => {
    expect(inbound.parse(request(report(DELIVERED), { subpath: '/reports' }), receivedAt)).toEqual({
      messages: [],
      receipts: [{ provider: 'infobip', providerMessageId: 'MESSAGE-ID-123-xyz', status: 'delivered', at: new Date('2019-11-09T16:00:00.000Z') }],
      ignored: 0,
    });
  });

  it('reads pending and delivered-to-operator as sent', () => {
    const pending = { groupId: 1, groupName: 'PENDING', id: 7, name: 'PENDING_ENROUTE', description: 'Message sent to next instance' };
    const toOperator = { groupId: 3, groupName: 'DELIVERED', id: 2, name: 'DELIVERED_TO_OPERATOR', description: 'Message delivered to operator' };
    expect(inbound.parse(request(report(pending), { subpath: '/reports' }), receivedAt).receipts[0].status).toBe('sent');
    expect(inbound.parse(request(report(toOperator), { subpath: '/reports' }), receivedAt).receipts[0].status).toBe('sent');
  });

  it('reads undeliverable with the error id, and expired/rejected with the status id', () => {
    const undeliverable = report(
      { groupId: 2, groupName: 'UNDELIVERABLE', id: 9, name: 'UNDELIVERABLE_NOT_DELIVERED', description: 'Message sent not delivered' },
      { groupId: 1, groupName: 'HANDSET_ERRORS', id: 6, name: 'EC_ABSENT_SUBSCRIBER_SM', description: 'Absent Subscriber', permanent: false },
    );
    expect(inbound.parse(request(undeliverable, { subpath: '/reports' }), receivedAt).receipts[0]).toMatchObject({ status: 'failed', errorCode: 'SMS.INFOBIP_6' });
    const expired = report({ groupId: 4, groupName: 'EXPIRED', id: 15, name: 'EXPIRED_EXPIRED', description: 'Message expired' });
    expect(inbound.parse(request(expired, { subpath: '/reports' }), receivedAt).receipts[0]).toMatchObject({ status: 'failed', errorCode: 'SMS.INFOBIP_15' });
    const rejected = report({ groupId: 5, groupName: 'REJECTED', id: 6, name: 'REJECTED_NETWORK', description: 'Network is forbidden' });
    expect(inbound.parse(request(rejected, { subpath: '/reports' }), receivedAt).receipts[0]).toMatchObject({ status: 'failed', errorCode: 'SMS.INFOBIP_6' });
  });

  it('ignores a report in a group it does not know', () => {
    expect(inbound.parse(request(report({ groupId: 0, groupName: 'OK', id: 0 }), { subpath: '/reports' }), receivedAt)).toEqual({ messages: [], receipts: [], ignored: 1 });
  });
});

describe('InfobipOutbound', () => {
  it('derives a stable messageId from the idempotency key', () => {
    expect(infobipMessageId('notif-42:1')).toBe('notif-42:1');
    const long = infobipMessageId('x'.repeat(200));
    expect(long).toMatch(/^pg-[0-9a-f]{40}$/);
    expect(infobipMessageId('x'.repeat(200))).toBe(long);
    expect(infobipMessageId('y'.repeat(200))).not.toBe(long);
  });

  it('sends from the first number of the office', () => {
    const outbound = new InfobipOutbound(settings);
    expect(outbound.accountFor('SBY')).toBe('6281100002222');
    expect(outbound.accountFor('DPS')).toBeUndefined();
    expect(outbound).toMatchObject({ id: 'infobip', channel: 'SMS', supportsTemplates: false });
  });
});
