import type { MessageInitShape } from '@bufbuild/protobuf';
import { Channel, MessageTemplateVariant, NotificationPurpose, NotificationService, type MessageTemplateSchema, type SetMessageTemplateRequest } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { MESSAGE_CHANNELS, MESSAGE_TEMPLATE_KINDS } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { forgedAccessToken, StandIn } from '../__fixtures__/gateway-app';
import { startOfficeAdminGateway, type OfficeAdminGateway, type OfficeRequestOptions } from '../__fixtures__/office-admin-gateway';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { MESSAGE_TEMPLATE_EDITORS, MESSAGE_TEMPLATE_READERS } from './message-templates.handler';

// The office's texts of the messages to reporters (docs/adr/0050) through the gateway, over real
// sockets on the real Postgres. notification is a stand-in keeping versions in memory, with the
// answers of the real one (notification's own int spec runs them on Postgres).

type Stored = { body: string | null; version: number; requestKey: string };
const BUILT_IN = 'Terima kasih, pengaduan Anda telah kami terima dengan nomor {nomor}.';

/** notification's message-template methods over versions kept in memory, per office and text. */
function templatesStandIn() {
  const versions = new Map<string, Stored[]>();
  const keyOf = (r: { officeCode: string; purpose: number; variant: number; channel: number }) => `${r.officeCode}:${r.purpose}:${r.variant || 1}:${r.channel}`;
  const template = (r: { purpose: number; variant: number; channel: number }, stored: Stored | undefined): MessageInitShape<typeof MessageTemplateSchema> => ({
    purpose: r.purpose,
    variant: r.variant || MessageTemplateVariant.STANDARD,
    channel: r.channel,
    body: stored?.body ?? BUILT_IN,
    builtIn: stored?.body === null || stored === undefined,
    version: stored?.version ?? 0,
    requiredPlaceholders: ['nomor'],
    optionalPlaceholders: [],
    builtInBody: BUILT_IN,
  });
  const change = (r: Pick<SetMessageTemplateRequest, 'officeCode' | 'purpose' | 'variant' | 'channel' | 'expectedVersion' | 'requestKey'>, body: string | null) => {
    const all = versions.get(keyOf(r)) ?? [];
    versions.set(keyOf(r), all);
    const earlier = [...versions.values()].flat().find((v) => v.requestKey === r.requestKey);
    if (earlier) {
      if (earlier.body !== body) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'reused');
      return { change: { template: template(r, earlier), changed: false, previousBody: BUILT_IN, previousBuiltIn: true } };
    }
    const current = all.at(-1);
    if (r.expectedVersion !== undefined && r.expectedVersion !== (current?.version ?? 0)) throw new ServiceError('conflict', 'MESSAGE_TEMPLATE.VERSION_CONFLICT', 'stale');
    const before = template(r, current);
    if (body === null && before.builtIn) return { change: { template: before, changed: false, previousBody: BUILT_IN, previousBuiltIn: true } };
    const stored = { body, version: all.length + 1, requestKey: r.requestKey };
    all.push(stored);
    return { change: { template: template(r, stored), changed: true, previousBody: before.body, previousBuiltIn: before.builtIn } };
  };
  return new StandIn(NotificationService, {
    listMessageTemplates: (r) => ({
      templates: MESSAGE_TEMPLATE_KINDS.flatMap((k) =>
        MESSAGE_CHANNELS.map((c) => {
          const t = { purpose: NotificationPurpose[k.purpose], variant: MessageTemplateVariant[k.variant], channel: Channel[c] };
          return template(t, versions.get(keyOf({ ...t, officeCode: r.officeCode }))?.at(-1));
        }),
      ),
    }),
    setMessageTemplate: (r) => change(r, r.body),
    resetMessageTemplate: (r) => change(r, null),
  });
}

const notification = templatesStandIn();
let app: OfficeAdminGateway;

beforeAll(async () => {
  await notification.start();
  app = await startOfficeAdminGateway(notification.address, '/api/v1/message-templates');
});
afterAll(async () => {
  await app?.stop();
  await notification.stop();
});
beforeEach(() => (notification.calls.length = 0));

const send = (method: string, path: string, options: OfficeRequestOptions = {}) => app.send(method, path, options);
const put = (path: string, body: unknown, options: Parameters<typeof send>[2] = {}) => send('PUT', path, { ...options, body });
const problem = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; errors?: { field: string }[] }) });
type LogPage = { items: { kind: string; target: string; change: unknown }[] };
const adminLog = async () => ((await (await fetch(`${app.gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${app.tokens.KEPALA_KANTOR}` } })).json()) as LogPage).items.filter((e) => e.kind === 'MESSAGE_TEMPLATE_CHANGED');

describe('the head of office words the office’s messages to reporters', () => {
  it('sets a text with If-Match, which is then in force, and recorded in the admin log with before and after', async () => {
    const key = randomUUID();
    const text = 'Aduan Anda tercatat dengan nomor {nomor}. Simpan nomor ini.';
    const res = await put('/ACKNOWLEDGEMENT/SMS', { body: text }, { key, ifMatch: '"0"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ purpose: 'ACKNOWLEDGEMENT', variant: 'STANDARD', channel: 'SMS', body: text, builtIn: false, version: 1 });
    // notification got the office, the officer and the key scoped to them (never the raw key).
    expect(notification.requests('setMessageTemplate')).toEqual([
      expect.objectContaining({ officeCode: 'BLP', expectedVersion: 0, requestKey: requestIdOf({ id: app.headId }, key), actor: expect.objectContaining({ userId: app.headId, role: 'KEPALA_KANTOR', officeCode: 'BLP' }) }),
    ]);

    // The same request again: the same answer, nothing recorded twice.
    const again = await put('/ACKNOWLEDGEMENT/SMS', { body: text }, { key, ifMatch: '"0"' });
    expect([again.status, ((await again.json()) as { body: string }).body]).toEqual([200, text]);

    const list = await send('GET', '', { token: app.tokens.ADMIN_TIKKIM, key: null });
    const items = ((await list.json()) as { items: { purpose: string; channel: string; variant: string; body: string; builtIn: boolean }[] }).items;
    expect(items).toHaveLength(MESSAGE_TEMPLATE_KINDS.length * MESSAGE_CHANNELS.length);
    expect(items.find((t) => t.purpose === 'ACKNOWLEDGEMENT' && t.channel === 'SMS' && t.variant === 'STANDARD')).toMatchObject({ body: text, builtIn: false });

    expect(await adminLog()).toEqual([
      expect.objectContaining({ target: 'template:ACKNOWLEDGEMENT:SMS', change: { body: { before: BUILT_IN, after: text }, builtIn: { before: true, after: false } } }),
    ]);
  });

  it('resets a text to the built-in one, recorded as such; the PIN variant is its own text', async () => {
    const pin = await put('/ACKNOWLEDGEMENT/TELEGRAM', { variant: 'TRACKING_PIN', body: 'Nomor {nomor}, PIN {pin}.' });
    expect(await pin.json()).toMatchObject({ variant: 'TRACKING_PIN', version: 1 });
    const res = await send('POST', '/ACKNOWLEDGEMENT/TELEGRAM/reset', { body: { variant: 'TRACKING_PIN' }, ifMatch: '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ variant: 'TRACKING_PIN', builtIn: true, body: BUILT_IN, version: 2 });
    expect((await adminLog()).slice(0, 2)).toEqual([
      expect.objectContaining({ target: 'template:ACKNOWLEDGEMENT:TELEGRAM:TRACKING_PIN', change: { body: { before: 'Nomor {nomor}, PIN {pin}.', after: BUILT_IN }, builtIn: { before: false, after: true } } }),
      expect.objectContaining({ target: 'template:ACKNOWLEDGEMENT:TELEGRAM:TRACKING_PIN', change: { body: { before: BUILT_IN, after: 'Nomor {nomor}, PIN {pin}.' }, builtIn: { before: true, after: false } } }),
    ]);
    // Nothing to reset: nothing recorded.
    const entries = (await adminLog()).length;
    expect((await send('POST', '/ACKNOWLEDGEMENT/TELEGRAM/reset', { body: { variant: 'TRACKING_PIN' } })).status).toBe(200);
    expect(await adminLog()).toHaveLength(entries);
  });

  it('refuses a change on a stale version, and a malformed If-Match naming it', async () => {
    await put('/FOLLOW_UP_INFORMATION/WHATSAPP', { body: '{nomor}: {informasi}' });
    expect(await problem(await put('/FOLLOW_UP_INFORMATION/WHATSAPP', { body: 'Nomor {nomor}: {informasi}' }, { ifMatch: '"0"' }))).toMatchObject({ status: 409, code: 'MESSAGE_TEMPLATE.VERSION_CONFLICT' });
    expect(await problem(await put('/FOLLOW_UP_INFORMATION/WHATSAPP', { body: 'Nomor {nomor}: {informasi}' }, { ifMatch: 'versi satu' }))).toMatchObject({ status: 400, errors: [{ field: 'If-Match' }] });
  });

  it('refuses a key reused for another command: another text of the message, another message, a reset', async () => {
    const key = randomUUID();
    await put('/ACKNOWLEDGEMENT/WHATSAPP', { body: 'Nomor {nomor}.' }, { key });
    expect(await problem(await put('/ACKNOWLEDGEMENT/WHATSAPP', { body: 'Nomor Anda {nomor}.' }, { key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await problem(await put('/ACKNOWLEDGEMENT/EMAIL', { body: 'Nomor {nomor}.' }, { key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await problem(await send('POST', '/ACKNOWLEDGEMENT/WHATSAPP/reset', { body: {}, key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it.each([
    ['a huge text', { body: `{nomor} ${'x'.repeat(100_000)}` }, 'body'],
    ['an unknown placeholder', { body: 'Yth. {nama}, nomor {nomor}.' }, 'body'],
    ['no {nomor}', { body: 'Terima kasih atas aduan Anda.' }, 'body'],
    ['a blank text', { body: ' \n ' }, 'body'],
    ['a phone number', { body: 'Nomor {nomor}; hubungi 0812-3456-7890.' }, 'body'],
    ['the PIN variant without {pin}', { variant: 'TRACKING_PIN', body: 'Nomor {nomor}.' }, 'body'],
  ])('refuses %s naming the field, before notification is asked', async (_what, body, field) => {
    const answer = await problem(await put('/ACKNOWLEDGEMENT/SMS', body));
    expect(answer).toMatchObject({ status: 400, code: 'MESSAGE_TEMPLATE.TEXT_REFUSED' });
    expect(new Set(answer.errors?.map((e) => e.field))).toEqual(new Set([field]));
    expect(notification.calls).toEqual([]);
  });

  it('refuses an unknown purpose, a channel no text goes over, a bad variant, a bad encoding and no Idempotency-Key, naming each', async () => {
    expect(await problem(await put('/GREETING/SMS', { body: '{nomor}' }))).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'purpose' }] });
    expect(await problem(await put('/ACKNOWLEDGEMENT/PHONE', { body: '{nomor}' }))).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'channel' }] });
    expect(await problem(await put('/ACKNOWLEDGEMENT/SMS', { variant: 'LONG', body: '{nomor}' }))).toMatchObject({ status: 400, code: 'REQUEST.INVALID', errors: [{ field: 'variant' }] });
    // A lone surrogate, as JSON can carry it: no character at all.
    expect(await problem(await send('PUT', '/ACKNOWLEDGEMENT/SMS', { raw: '{"body":"Nomor {nomor} \\ud800"}' }))).toMatchObject({ status: 400, code: 'MESSAGE_TEMPLATE.TEXT_REFUSED', errors: [{ field: 'body' }] });
    expect(await problem(await send('PUT', '/ACKNOWLEDGEMENT/SMS', { raw: '{"body":' }))).toMatchObject({ status: 400 });
    expect(await problem(await put('/ACKNOWLEDGEMENT/SMS', { body: '{nomor}' }, { key: null }))).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key' }] });
    expect(notification.calls).toEqual([]);
  });

  it('answers every other role 403, lets Admin Tikkim read, and a forged or absent token 401', async () => {
    for (const role of OFFICE_ROLES) {
      const reads = MESSAGE_TEMPLATE_READERS.includes(role);
      const writes = MESSAGE_TEMPLATE_EDITORS.includes(role);
      const list = await send('GET', '', { token: app.tokens[role], key: null });
      expect({ role, status: list.status }).toEqual({ role, status: reads ? 200 : 403 });
      if (!writes) {
        expect({ role, ...(await problem(await put('/ACKNOWLEDGEMENT/SMS', { body: 'Nomor {nomor}.' }, { token: app.tokens[role] }))) }).toMatchObject({ role, status: 403, code: 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE' });
        expect({ role, ...(await problem(await send('POST', '/ACKNOWLEDGEMENT/SMS/reset', { token: app.tokens[role], body: {} }))) }).toMatchObject({ role, status: 403, code: 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE' });
      }
      if (!reads) expect(((await list.json()) as { code: string }).code).toBe('MESSAGE_TEMPLATE.FORBIDDEN_ROLE');
    }
    expect(notification.calls.filter((c) => c.method !== 'listMessageTemplates')).toEqual([]);

    const forged = await forgedAccessToken(app.headId, { role: 'KEPALA_KANTOR', office: 'BLP' });
    for (const token of [forged, null]) {
      expect((await put('/ACKNOWLEDGEMENT/SMS', { body: 'Nomor {nomor}.' }, { token })).status).toBe(401);
      expect((await send('GET', '', { token, key: null })).status).toBe(401);
    }
    expect(notification.calls.filter((c) => c.method !== 'listMessageTemplates')).toEqual([]);
  });
});
