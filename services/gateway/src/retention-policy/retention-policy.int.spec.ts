import { IntakeService } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { RETENTION_KINDS } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { StandIn } from '../__fixtures__/gateway-app';
import { startOfficeAdminGateway, type OfficeAdminGateway, type OfficeRequestOptions } from '../__fixtures__/office-admin-gateway';
import { OFFICE_ROLES } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';
import { RETENTION_POLICY_EDITORS, RETENTION_POLICY_READERS } from './retention-policy.handler';

// The office's retention periods per kind of record (docs/adr/0057) through the gateway, over real
// sockets on the real Postgres. intake is a stand-in over real gRPC keeping each office's changes in
// memory, with the real one's answers (intake's retention.int.spec.ts runs them on Postgres).

const DEFAULT_DAYS = 730;
type Period = { kind: string; days: number };
/** intake's retention methods: per office, the periods of each change and its request key. */
const changes = new Map<string, { policies: Period[]; requestKey: string }[]>();
const policyAt = (list: { policies: Period[] }[], n: number) => ({
  policies: RETENTION_KINDS.map((kind) => ({ kind, days: list.slice(0, n).flatMap((c) => c.policies).filter((p) => p.kind === kind).at(-1)?.days ?? DEFAULT_DAYS })),
  version: n,
});
const intake = new StandIn(IntakeService, {
  getRetentionPolicy: (r) => {
    const list = changes.get(r.officeCode) ?? [];
    return { policy: policyAt(list, list.length) };
  },
  setRetentionPolicy: (r) => {
    const list = changes.get(r.officeCode) ?? [];
    changes.set(r.officeCode, list);
    const policies = r.policies.map((p) => ({ kind: p.kind, days: p.days }));
    const earlier = list.findIndex((c) => c.requestKey === r.requestKey);
    if (earlier !== -1) {
      if (JSON.stringify(list[earlier]?.policies) !== JSON.stringify(policies)) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'reused');
      return { policy: policyAt(list, earlier + 1), changed: false };
    }
    if (r.expectedVersion !== undefined && r.expectedVersion !== list.length) throw new ServiceError('conflict', 'RETENTION_POLICY.VERSION_CONFLICT', 'stale');
    list.push({ policies, requestKey: r.requestKey });
    return { policy: policyAt(list, list.length), changed: true };
  },
});
let app: OfficeAdminGateway;

beforeAll(async () => {
  await intake.start();
  app = await startOfficeAdminGateway(intake.address, '/api/v1/retention-policy', 'intake');
});
beforeEach(() => (intake.calls.length = 0));
afterAll(async () => {
  await app?.stop();
  await intake.stop();
});

const send = (method: string, options: OfficeRequestOptions = {}) => app.send(method, '', options);
const put = (policies: unknown, options: OfficeRequestOptions = {}) => send('PUT', { ...options, body: { policies } });
const problem = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: string; errors?: { field: string }[] }) });
/** The office's RETENTION_POLICY_CHANGED entries in the admin log, as its head of office reads them. */
async function adminLog(token = app.tokens.KEPALA_KANTOR): Promise<{ target: string; change: unknown }[]> {
  const page = (await (await fetch(`${app.gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: { kind: string; target: string; change: unknown }[] };
  return page.items.filter((e) => e.kind === 'RETENTION_POLICY_CHANGED');
}
const defaults = { policies: [{ kind: 'CLOSED_COMPLAINT', days: DEFAULT_DAYS }, { kind: 'DISMISSED_MESSAGE', days: DEFAULT_DAYS }], version: 0 };

it('the head of office reads and sets them with If-Match; the same Idempotency-Key again answers the same, logged once', async () => {
  const read = await send('GET', { key: null });
  expect([read.headers.get('etag'), await read.json()]).toEqual(['"0"', defaults]);

  const key = randomUUID();
  const res = await put([{ kind: 'CLOSED_COMPLAINT', days: 30 }], { key, ifMatch: '"0"' });
  const after = { policies: [{ kind: 'CLOSED_COMPLAINT', days: 30 }, { kind: 'DISMISSED_MESSAGE', days: DEFAULT_DAYS }], version: 1 };
  expect([res.status, res.headers.get('etag'), await res.json()]).toEqual([200, '"1"', after]);
  expect(intake.requests('setRetentionPolicy')).toEqual([
    expect.objectContaining({ officeCode: 'BLP', expectedVersion: 0, requestKey: requestIdOf({ id: app.headId }, key), actor: expect.objectContaining({ userId: app.headId, role: 'KEPALA_KANTOR', officeCode: 'BLP' }) }),
  ]);
  const again = await put([{ kind: 'CLOSED_COMPLAINT', days: 30 }], { key, ifMatch: '"0"' });
  expect([again.status, await again.json()]).toEqual([200, after]);
  expect(await adminLog()).toEqual([expect.objectContaining({ target: 'retention-policy', change: { CLOSED_COMPLAINT: { before: DEFAULT_DAYS, after: 30 }, DISMISSED_MESSAGE: { before: DEFAULT_DAYS, after: DEFAULT_DAYS } } })]);

  expect(await problem(await put([{ kind: 'DISMISSED_MESSAGE', days: 90 }], { ifMatch: '"0"' }))).toMatchObject({ status: 409, code: 'RETENTION_POLICY.VERSION_CONFLICT' });
  expect(await problem(await put([{ kind: 'CLOSED_COMPLAINT', days: 31 }], { key }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
});

it.each([
  ['29 days', [{ kind: 'CLOSED_COMPLAINT', days: 29 }], 'policies.0.days'],
  ['3651 days', [{ kind: 'DISMISSED_MESSAGE', days: 3651 }], 'policies.0.days'],
  ['days as text', [{ kind: 'CLOSED_COMPLAINT', days: '365' }], 'policies.0.days'],
  ['an unknown kind', [{ kind: 'AUDIT_LOG', days: 365 }], 'policies.0.kind'],
  ['no kinds', [], 'policies'],
])('refuses %s naming the field, before intake is asked', async (_what, policies, field) => {
  const answer = await problem(await put(policies));
  expect(answer).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
  expect(answer.errors?.map((e) => e.field)).toContain(field);
  expect(intake.calls).toEqual([]);
});

it("answers Admin Tikkim and every other role 403, lets the auditor read, and another office's head reads and sets only their own", async () => {
  for (const role of OFFICE_ROLES) {
    expect({ role, status: (await send('GET', { token: app.tokens[role], key: null })).status }).toEqual({ role, status: RETENTION_POLICY_READERS.includes(role) ? 200 : 403 });
    if (!RETENTION_POLICY_EDITORS.includes(role)) {
      expect({ role, ...(await problem(await put([{ kind: 'CLOSED_COMPLAINT', days: 60 }], { token: app.tokens[role] }))) }).toMatchObject({ role, status: 403, code: 'RETENTION_POLICY.FORBIDDEN_ROLE' });
    }
  }
  expect(await problem(await send('GET', { token: app.tokens.ADMIN_TIKKIM, key: null }))).toMatchObject({ status: 403, code: 'RETENTION_POLICY.FORBIDDEN_ROLE' });
  expect(intake.calls.filter((c) => c.method !== 'getRetentionPolicy')).toEqual([]);

  const ours = await (await send('GET', { key: null })).json();
  const otherHead = (await app.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' })).token;
  // The office comes from the token: theirs reads their own (never set), and sets only their own.
  expect(await (await send('GET', { token: otherHead, key: null })).json()).toEqual(defaults);
  const res = await put([{ kind: 'CLOSED_COMPLAINT', days: 3650 }], { token: otherHead, ifMatch: '"0"' });
  expect(res.status).toBe(200);
  expect(intake.requests('setRetentionPolicy').at(-1)).toMatchObject({ officeCode: 'JKT', actor: expect.objectContaining({ officeCode: 'JKT' }) });
  expect(await (await send('GET', { key: null })).json()).toEqual(ours);
  expect(await adminLog(otherHead)).toHaveLength(1);
});
