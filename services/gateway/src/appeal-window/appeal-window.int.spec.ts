import { IntakeService } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { DEFAULT_APPEAL_WINDOW_DAYS } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { forgedAccessToken, StandIn } from '../__fixtures__/gateway-app';
import { startOfficeAdminGateway, type OfficeAdminGateway, type OfficeRequestOptions } from '../__fixtures__/office-admin-gateway';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { APPEAL_WINDOW_EDITORS, APPEAL_WINDOW_READERS } from './appeal-window.handler';

// The office's appeal window (docs/adr/0053) through the gateway, over real sockets on the real
// Postgres. intake is a stand-in over real gRPC keeping each office's changes in memory, with the
// real one's answers (intake's appeal-window.int.spec.ts runs them on Postgres).

/** intake's appeal-window methods: per office, the days of each change and its request key. */
const changes = new Map<string, { days: number; requestKey: string }[]>();
const windowAt = (list: { days: number }[], n: number) => ({ days: list[n - 1]?.days ?? DEFAULT_APPEAL_WINDOW_DAYS, version: n });
const intake = new StandIn(IntakeService, {
  getAppealWindow: (r) => {
    const list = changes.get(r.officeCode) ?? [];
    return { window: windowAt(list, list.length) };
  },
  setAppealWindow: (r) => {
    const list = changes.get(r.officeCode) ?? [];
    changes.set(r.officeCode, list);
    const earlier = list.findIndex((c) => c.requestKey === r.requestKey);
    if (earlier !== -1) {
      if (list[earlier]?.days !== r.days) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'reused');
      return { window: windowAt(list, earlier + 1), changed: false, previous: windowAt(list, earlier) };
    }
    if (r.expectedVersion !== undefined && r.expectedVersion !== list.length) throw new ServiceError('conflict', 'APPEAL_WINDOW.VERSION_CONFLICT', 'stale');
    const before = windowAt(list, list.length);
    if (before.days === r.days) return { window: before, changed: false, previous: before };
    list.push({ days: r.days, requestKey: r.requestKey });
    return { window: windowAt(list, list.length), changed: true, previous: before };
  },
});
let app: OfficeAdminGateway;

beforeAll(async () => {
  await intake.start();
  app = await startOfficeAdminGateway(intake.address, '/api/v1/appeal-window', 'intake');
});
// Each test reads only the calls it caused.
beforeEach(() => intake.calls.splice(0));
afterAll(async () => {
  await app?.stop();
  await intake.stop();
});

const send = (method: 'GET' | 'PUT', options: OfficeRequestOptions = {}) => app.send(method, '', options);
const put = (body: unknown, options: OfficeRequestOptions = {}) => send('PUT', { body, ...options });
const problem = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; errors?: { field: string }[] }) });
type LogPage = { items: { kind: string; target: string; change: unknown }[] };
const adminLog = async (token = app.tokens.KEPALA_KANTOR) =>
  ((await (await fetch(`${app.gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${token}` } })).json()) as LogPage).items.filter((e) => e.kind === 'APPEAL_WINDOW_CHANGED');

describe("the head of office sets the office's appeal window", () => {
  it('sets it with If-Match, answered with the new version, recorded once in the admin log with the days before and after', async () => {
    const read = await send('GET', { token: app.tokens.ADMIN_TIKKIM, key: null });
    expect(read.headers.get('etag')).toBe('"0"');
    expect(await read.json()).toEqual({ days: DEFAULT_APPEAL_WINDOW_DAYS, version: 0 });

    const key = randomUUID();
    const res = await put({ days: 30 }, { key, ifMatch: '"0"' });
    expect([res.status, res.headers.get('etag')]).toEqual([200, '"1"']);
    expect(await res.json()).toEqual({ days: 30, version: 1 });
    // intake got the office, the officer and the key scoped to them (never the raw key).
    expect(intake.requests('setAppealWindow')).toEqual([
      expect.objectContaining({ officeCode: 'BLP', days: 30, expectedVersion: 0, requestKey: requestIdOf({ id: app.headId }, key), actor: expect.objectContaining({ userId: app.headId, role: 'KEPALA_KANTOR', officeCode: 'BLP' }) }),
    ]);
    const again = await put({ days: 30 }, { key, ifMatch: '"0"' });
    expect([again.status, await again.json()]).toEqual([200, { days: 30, version: 1 }]);
    expect(await adminLog()).toEqual([expect.objectContaining({ target: 'appeal-window', change: { days: { before: DEFAULT_APPEAL_WINDOW_DAYS, after: 30 } } })]);
  });

  it('refuses a stale If-Match, a key reused for other days, and a malformed If-Match', async () => {
    const key = randomUUID();
    expect((await put({ days: 7 }, { key })).status).toBe(200);
    expect(await problem(await put({ days: 10 }, { ifMatch: '"0"' }))).toMatchObject({ status: 409, code: 'APPEAL_WINDOW.VERSION_CONFLICT' });
    expect(await problem(await put({ days: 8 }, { key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await problem(await put({ days: 10 }, { ifMatch: 'versi satu' }))).toMatchObject({ status: 400, errors: [{ field: 'If-Match' }] });
  });

  it.each([
    ['more than 365 days', { days: 366 }],
    ['fewer than 0 days', { days: -1 }],
    ['a fraction of a day', { days: 1.5 }],
    ['days as text', { days: '14' }],
    ['no days', {}],
  ])('refuses %s naming `days`, before intake is asked', async (_what, body) => {
    const answer = await problem(await put(body));
    expect(answer).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(answer.errors?.map((e) => e.field)).toContain('days');
    expect(intake.calls).toEqual([]);
  });

  it("answers every other role 403, lets Admin Tikkim read, a forged or absent token 401, and another office's head changes only their own", async () => {
    for (const role of OFFICE_ROLES) {
      expect({ role, status: (await send('GET', { token: app.tokens[role], key: null })).status }).toEqual({ role, status: APPEAL_WINDOW_READERS.includes(role) ? 200 : 403 });
      if (!APPEAL_WINDOW_EDITORS.includes(role)) {
        expect({ role, ...(await problem(await put({ days: 1 }, { token: app.tokens[role] }))) }).toMatchObject({ role, status: 403, code: 'APPEAL_WINDOW.FORBIDDEN_ROLE' });
      }
    }
    expect(intake.calls.filter((c) => c.method !== 'getAppealWindow')).toEqual([]);
    const forged = await forgedAccessToken(app.headId, { role: 'KEPALA_KANTOR', office: 'BLP' });
    for (const token of [forged, null]) {
      expect((await put({ days: 1 }, { token })).status).toBe(401);
      expect((await send('GET', { token, key: null })).status).toBe(401);
    }
    expect(intake.calls.filter((c) => c.method !== 'getAppealWindow')).toEqual([]);

    const blp = (await (await send('GET', { key: null })).json()) as { days: number };
    const otherHead = (await app.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' })).token;
    const res = await put({ days: 0 }, { token: otherHead });
    expect([res.status, await res.json()]).toEqual([200, { days: 0, version: 1 }]);
    expect(intake.requests('setAppealWindow').at(-1)).toMatchObject({ officeCode: 'JKT', actor: expect.objectContaining({ officeCode: 'JKT' }) });
    expect(await (await send('GET', { key: null })).json()).toMatchObject({ days: blp.days });
    // The change is in TGR's admin log, not BLP's.
    expect(await adminLog(otherHead)).toHaveLength(1);
  });
});
