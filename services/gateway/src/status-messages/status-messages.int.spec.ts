import type { MessageInitShape } from '@bufbuild/protobuf';
import { NotificationPurpose, NotificationService, type StatusMessageSettingsSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { STATUS_MESSAGE_PURPOSES } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { forgedAccessToken, StandIn } from '../__fixtures__/gateway-app';
import { startOfficeAdminGateway, type OfficeAdminGateway, type OfficeRequestOptions } from '../__fixtures__/office-admin-gateway';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { STATUS_MESSAGE_EDITORS, STATUS_MESSAGE_READERS } from './status-messages.handler';

// The office's status messages (docs/adr/0054) through the gateway, over real sockets on the
// real Postgres. notification is a stand-in keeping versions in memory, with the answers of the
// real one (notification's own int spec runs them on Postgres).

type Version = { disabled: number[]; requestKey: string };

/** notification's status-message methods over versions kept in memory, per office. */
function settingsStandIn() {
  const versions = new Map<string, Version[]>();
  const all = STATUS_MESSAGE_PURPOSES.map((p) => NotificationPurpose[p]);
  const settings = (list: Version[], upTo = list.length): MessageInitShape<typeof StatusMessageSettingsSchema> => {
    const off = list[upTo - 1]?.disabled ?? [];
    return { switches: all.map((purpose) => ({ purpose, enabled: !off.includes(purpose) })), version: upTo };
  };
  return new StandIn(NotificationService, {
    getStatusMessages: (r) => ({ settings: settings(versions.get(r.officeCode) ?? []) }),
    setStatusMessages: (r) => {
      const list = versions.get(r.officeCode) ?? [];
      versions.set(r.officeCode, list);
      const index = list.findIndex((v) => v.requestKey === r.requestKey);
      const before = settings(list, index === -1 ? list.length : index);
      const disabled = all.filter((p) => !(r.switches.find((s) => s.purpose === p)?.enabled ?? before.switches?.find((s) => s.purpose === p)?.enabled));
      if (index !== -1) {
        if (list[index]?.disabled.join() !== disabled.join()) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'reused');
        return { settings: settings(list, index + 1), changed: false, previous: before };
      }
      if (r.expectedVersion !== undefined && r.expectedVersion !== list.length) throw new ServiceError('conflict', 'STATUS_MESSAGES.VERSION_CONFLICT', 'stale');
      if ((list.at(-1)?.disabled ?? []).join() === disabled.join()) return { settings: before, changed: false, previous: before };
      list.push({ disabled, requestKey: r.requestKey });
      return { settings: settings(list), changed: true, previous: before };
    },
  });
}

const notification = settingsStandIn();
let app: OfficeAdminGateway;

beforeAll(async () => {
  await notification.start();
  app = await startOfficeAdminGateway(notification.address, '/api/v1/status-messages');
});
afterAll(async () => {
  await app?.stop();
  await notification.stop();
});
beforeEach(() => (notification.calls.length = 0));

const send = (method: string, options: OfficeRequestOptions = {}) => app.send(method, '', options);
const put = (items: unknown, options: Parameters<typeof send>[1] = {}) => send('PUT', { ...options, body: { items } });
const problem = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; errors?: { field: string }[] }) });
type LogPage = { items: { kind: string; target: string; change: unknown }[] };
const adminLog = async () => ((await (await fetch(`${app.gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${app.tokens.KEPALA_KANTOR}` } })).json()) as LogPage).items.filter((e) => e.kind === 'STATUS_MESSAGES_CHANGED');

describe("the head of office turns the office's status messages on and off", () => {
  it('turns one off with If-Match, answered with the new version, recorded once in the admin log with before and after', async () => {
    const read = await send('GET', { token: app.tokens.ADMIN_TIKKIM, key: null });
    expect(read.headers.get('etag')).toBe('"0"');
    expect(await read.json()).toEqual({ items: STATUS_MESSAGE_PURPOSES.map((purpose) => ({ purpose, enabled: true })), version: 0 });

    const key = randomUUID();
    const res = await put([{ purpose: 'STATUS_DISPOSED', enabled: false }], { key, ifMatch: '"0"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await res.json()).toMatchObject({ version: 1, items: expect.arrayContaining([{ purpose: 'STATUS_DISPOSED', enabled: false }, { purpose: 'STATUS_CONFIRMED', enabled: true }]) });
    // notification got the office, the officer and the key scoped to them (never the raw key).
    expect(notification.requests('setStatusMessages')).toEqual([
      expect.objectContaining({ officeCode: 'BLP', expectedVersion: 0, requestKey: requestIdOf({ id: app.headId }, key), actor: expect.objectContaining({ userId: app.headId, role: 'KEPALA_KANTOR', officeCode: 'BLP' }) }),
    ]);
    // The same request again: the same answer, nothing recorded twice.
    const again = await put([{ purpose: 'STATUS_DISPOSED', enabled: false }], { key, ifMatch: '"0"' });
    expect([again.status, ((await again.json()) as { version: number }).version]).toEqual([200, 1]);
    expect(await adminLog()).toEqual([expect.objectContaining({ target: 'status-messages', change: { STATUS_DISPOSED: { before: true, after: false } } })]);
  });

  it('refuses a stale version, a key reused for another change, and a malformed If-Match', async () => {
    const key = randomUUID();
    await put([{ purpose: 'STATUS_DECIDED', enabled: false }], { key });
    expect(await problem(await put([{ purpose: 'STATUS_DECIDED', enabled: true }], { ifMatch: '"0"' }))).toMatchObject({ status: 409, code: 'STATUS_MESSAGES.VERSION_CONFLICT' });
    expect(await problem(await put([{ purpose: 'STATUS_CONFIRMED', enabled: false }], { key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await problem(await put([{ purpose: 'STATUS_DECIDED', enabled: true }], { ifMatch: 'versi satu' }))).toMatchObject({ status: 400, errors: [{ field: 'If-Match' }] });
  });

  it.each([
    ['a purpose that is no status message', [{ purpose: 'ACKNOWLEDGEMENT', enabled: false }], 'items.0.purpose'],
    ['a switch that is not a boolean', [{ purpose: 'STATUS_CONFIRMED', enabled: 'no' }], 'items.0.enabled'],
    ['no switch', [], 'items'],
    ['not a list', { purpose: 'STATUS_CONFIRMED', enabled: false }, 'items'],
  ])('refuses %s naming the field, before notification is asked', async (_what, items, field) => {
    const answer = await problem(await put(items));
    expect(answer).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(answer.errors?.map((e) => e.field)).toContain(field);
    expect(notification.calls).toEqual([]);
  });

  it('answers every other role 403, lets Admin Tikkim read, and a forged or absent token 401', async () => {
    for (const role of OFFICE_ROLES) {
      const read = await send('GET', { token: app.tokens[role], key: null });
      expect({ role, status: read.status }).toEqual({ role, status: STATUS_MESSAGE_READERS.includes(role) ? 200 : 403 });
      if (!STATUS_MESSAGE_EDITORS.includes(role)) {
        expect({ role, ...(await problem(await put([{ purpose: 'STATUS_CONFIRMED', enabled: false }], { token: app.tokens[role] }))) }).toMatchObject({ role, status: 403, code: 'STATUS_MESSAGES.FORBIDDEN_ROLE' });
      }
    }
    expect(notification.calls.filter((c) => c.method !== 'getStatusMessages')).toEqual([]);
    const forged = await forgedAccessToken(app.headId, { role: 'KEPALA_KANTOR', office: 'BLP' });
    for (const token of [forged, null]) {
      expect((await put([{ purpose: 'STATUS_CONFIRMED', enabled: false }], { token })).status).toBe(401);
      expect((await send('GET', { token, key: null })).status).toBe(401);
    }
    expect(notification.calls.filter((c) => c.method !== 'getStatusMessages')).toEqual([]);
  });
});
