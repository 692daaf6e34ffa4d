import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { SlaMonitorService, slaPolicyFromWire, SlaPolicySchema, slaPolicyToWire, type OfficeSlaPolicySchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { checkOfficeSlaPolicy, DEFAULT_SLA_POLICY, sameSlaPolicy, type SlaPolicy } from '@pengaduan/sop';
import { SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { TOKEN_ISSUER } from '../auth/access-tokens';
import { OFFICE_ROLES, type OfficerRole } from '../auth/authenticated-user';
import { requestIdOf } from '../complaint-commands/request-id';

// The office's SLA policy and working calendar (docs/adr/0049) through the gateway, over real
// sockets on the real Postgres. sla-monitor is a stand-in keeping the versions in memory and
// checking with libs/sop as the real one does (sla-monitor's own int spec runs it on Postgres).

type Version = { policy: SlaPolicy; version: number; requestKey: string; changedBy: string };

/** sla-monitor's SlaMonitorService over versions kept in memory per office. */
function slaMonitorStandIn() {
  const offices = new Map<string, Version[]>();
  const historyOf = (office: string) => offices.get(office) ?? offices.set(office, []).get(office) ?? [];
  const message = (office: string, v: Version | undefined): MessageInitShape<typeof OfficeSlaPolicySchema> => ({
    officeCode: office,
    policy: slaPolicyToWire(v?.policy ?? DEFAULT_SLA_POLICY),
    version: v?.version ?? 0,
    isDefault: v === undefined,
    ...(v ? { changedBy: v.changedBy, changedAt: timestampFromDate(new Date('2026-12-07T02:00:00Z')) } : {}),
  });
  return new StandIn(SlaMonitorService, {
    getOfficeSlaPolicy: (r) => ({ current: message(r.officeCode, historyOf(r.officeCode).at(-1)) }),
    setOfficeSlaPolicy: (r) => {
      const checked = checkOfficeSlaPolicy(slaPolicyFromWire(r.policy ?? create(SlaPolicySchema)), new Date());
      if (!checked.ok) throw new ServiceError('invalid', checked.code, 'the policy breaks its rules', { fieldViolations: [...checked.violations] });
      const history = historyOf(r.officeCode);
      const earlier = [...offices.values()].flat().find((v) => v.requestKey === r.requestId);
      if (earlier) {
        if (!history.includes(earlier) || !sameSlaPolicy(earlier.policy, checked.policy)) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'reused');
        return { current: message(r.officeCode, earlier), changed: true, previous: slaPolicyToWire(history[earlier.version - 2]?.policy ?? DEFAULT_SLA_POLICY) };
      }
      const current = history.at(-1);
      const before = current?.policy ?? DEFAULT_SLA_POLICY;
      if (sameSlaPolicy(before, checked.policy)) return { current: message(r.officeCode, current), changed: false, previous: slaPolicyToWire(before) };
      if (r.expectedVersion !== (current?.version ?? 0)) throw new ServiceError('conflict', 'SLA_POLICY.VERSION_CONFLICT', 'stale', { version: current?.version ?? 0 });
      const next = { policy: checked.policy, version: history.length + 1, requestKey: r.requestId, changedBy: r.actor?.userId ?? '' };
      history.push(next);
      return { current: message(r.officeCode, next), changed: true, previous: slaPolicyToWire(before) };
    },
  });
}

const slaMonitor = slaMonitorStandIn();
let isolation: GatewayIsolation | undefined;
let gateway: TestGateway;
const tokens = {} as Record<OfficerRole, string>;
let otherHead = '';
let headId = '';

beforeAll(async () => {
  await slaMonitor.start();
  isolation = await isolate();
  gateway = await startGateway({ slaMonitor: slaMonitor.address }, isolation);
  for (const role of OFFICE_ROLES) tokens[role] = (await gateway.officer({ role, officeCode: 'BLP', ...(role === 'SEKSI_TERKAIT' ? { sectionCode: 'INTELDAKIM' } : {}) })).token;
  otherHead = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' })).token;
  [{ id: headId }] = (await gateway.runtime.dataSource.query(`SELECT id FROM user_account WHERE office_code = 'BLP' AND role = 'KEPALA_KANTOR'`)) as { id: string }[];
});
afterAll(async () => {
  await gateway?.stop();
  await slaMonitor.stop();
  await removeIsolation(isolation);
});

type Problem = { status: number; code: string; version?: number; errors?: { field: string }[] };
const problem = async (res: Response) => (await res.json()) as Problem;

/** A request to `/api/v1/sla-policy`: the head of office's token, a fresh key and no If-Match unless told. */
function send(method: 'GET' | 'PUT', options: { token?: string | null; key?: string | null; ifMatch?: string; body?: unknown; raw?: string } = {}) {
  const token = options.token === undefined ? tokens.KEPALA_KANTOR : options.token;
  const key = options.key === undefined ? randomUUID() : options.key;
  const headers: Record<string, string> = {
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...(method === 'PUT' ? { 'Content-Type': 'application/json' } : {}),
    ...(method === 'PUT' && key ? { 'Idempotency-Key': key } : {}),
    ...(options.ifMatch ? { 'If-Match': options.ifMatch } : {}),
  };
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return fetch(`${gateway.baseUrl}/api/v1/sla-policy`, { method, headers, body });
}

const working = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({ ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR', ...over });
const today = new Date().toISOString().slice(0, 10);
type View = { version: number; isDefault: boolean; changed?: boolean; policy: SlaPolicy; sopHours: Record<string, number> };
type LogPage = { items: { kind: string; target?: string; actorUsername: string; change?: Record<string, { before: unknown; after: unknown }> }[] };

describe('the office’s SLA policy over REST', () => {
  it('lets every officer of the office read it, the default at version 0, with the SOP’s hours', async () => {
    for (const role of OFFICE_ROLES) {
      const res = await send('GET', { token: tokens[role] });
      expect({ role, status: res.status, etag: res.headers.get('etag') }).toEqual({ role, status: 200, etag: '"0"' });
      const view = (await res.json()) as View;
      expect(view).toMatchObject({ officeCode: 'BLP', version: 0, isDefault: true, policy: { calendar: 'WALL_CLOCK', extraNonWorkingDays: [], holidayCalendar: 'ID' } });
      expect(view.sopHours).toMatchObject({ CONFIRM: 12, SOP_TARGET: 72 });
    }
    expect(slaMonitor.requests('getOfficeSlaPolicy').map((r) => r.officeCode)).toEqual(OFFICE_ROLES.map(() => 'BLP'));
  });

  it('lets the head of office change it on the version read; a replay answers the same; one entry in the administration log', async () => {
    const key = randomUUID();
    const body = working({ deadlineHours: { CONFIRM: 8 }, extraNonWorkingDays: [{ date: today, name: 'Rapat kerja kantor' }] });
    const first = await send('PUT', { key, ifMatch: '"0"', body });
    expect([first.status, first.headers.get('etag')]).toEqual([200, '"1"']);
    const answer = (await first.json()) as View;
    expect(answer).toMatchObject({ version: 1, isDefault: false, changed: true, policy: { calendar: 'WORKING_CALENDAR', deadlineHours: { CONFIRM: 8 } } });
    expect(slaMonitor.requests('setOfficeSlaPolicy').at(-1)).toMatchObject({ officeCode: 'BLP', expectedVersion: 0, requestId: requestIdOf({ id: headId }, key), actor: { userId: headId, role: 'KEPALA_KANTOR' } });

    const replay = await send('PUT', { key, ifMatch: '"0"', body });
    expect([replay.status, await replay.json()]).toEqual([200, answer]);
    expect((await (await send('GET', { token: tokens.AUDITOR })).json()) as View).toMatchObject({ version: 1, policy: { deadlineHours: { CONFIRM: 8 } } });

    const log = (await (await fetch(`${gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${tokens.KEPALA_KANTOR}` } })).json()) as LogPage;
    const entries = log.items.filter((e) => e.kind === 'SLA_POLICY_CHANGED');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      target: 'sla-policy',
      change: {
        calendar: { before: 'WALL_CLOCK', after: 'WORKING_CALENDAR' },
        'deadlineHours.CONFIRM': { before: 12, after: 8 },
        [`extraNonWorkingDays.${today}`]: { before: null, after: 'Rapat kerja kantor' },
      },
    });
    // The same content again changes nothing and records nothing.
    const same = await send('PUT', { ifMatch: '"1"', body });
    expect([same.status, ((await same.json()) as View).changed]).toEqual([200, false]);
    expect(((await (await fetch(`${gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${tokens.KEPALA_KANTOR}` } })).json()) as LogPage).items.filter((e) => e.kind === 'SLA_POLICY_CHANGED')).toHaveLength(1);
  });

  it('refuses a stale version (409, naming the current one) and a key reused for another policy (422)', async () => {
    const current = ((await (await send('GET')).json()) as View).version;
    const stale = await send('PUT', { ifMatch: `"${current - 1}"`, body: working({ warningShare: 0.5 }) });
    expect(await problem(stale)).toMatchObject({ status: 409, code: 'SLA_POLICY.VERSION_CONFLICT', version: current });
    const key = randomUUID();
    expect((await send('PUT', { key, ifMatch: `"${current}"`, body: working({ warningShare: 0.6 }) })).status).toBe(200);
    expect(await problem(await send('PUT', { key, ifMatch: `"${current + 1}"`, body: working({ warningShare: 0.7 }) }))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('keeps each office to its own policy', async () => {
    const other = await send('GET', { token: otherHead });
    expect((await other.json()) as View).toMatchObject({ officeCode: 'JKT', version: 0, isDefault: true });
    expect(await problem(await send('PUT', { token: otherHead, ifMatch: '"1"', body: working() }))).toMatchObject({ status: 409, code: 'SLA_POLICY.VERSION_CONFLICT', version: 0 });
    expect(slaMonitor.requests('setOfficeSlaPolicy').filter((r) => r.actor?.officeCode === 'JKT').every((r) => r.officeCode === 'JKT')).toBe(true);
  });

  it('names each bad field, a step longer than the SOP’s, and a missing If-Match or key', async () => {
    const put = async (body: unknown, options: { ifMatch?: string; key?: string | null; raw?: string } = {}) => problem(await send('PUT', { ifMatch: '"0"', ...options, body }));
    const fields = (p: Problem) => p.errors?.map((e) => e.field);
    const base = working();
    expect(fields(await put({ ...base, calendar: 'LUNAR' }))).toEqual(['calendar']);
    expect(fields(await put({ ...base, extraNonWorkingDays: [{ date: today, name: ' ' }] }))).toEqual(['extraNonWorkingDays.0.name']);
    expect(fields(await put({ ...base, extraNonWorkingDays: [{ date: today, name: 'x'.repeat(100_000) }] }))).toEqual(['extraNonWorkingDays.0.name']);
    expect(fields(await put({ ...base, extraNonWorkingDays: [{ date: '2019-01-01', name: 'Dulu' }] }))).toEqual(['extraNonWorkingDays.0.date']);
    expect(fields(await put({ ...base, deadlineHours: { REPORT: 2 } }))).toEqual(['deadlineHours.REPORT']);
    expect(fields(await put({ ...base, workingHours: { '1': ['16:00-07:30'], '2': ['07:30-16:00'] } }))).toEqual(['workingHours.1']);
    expect(fields(await put({ ...base, workingHours: { '1': ['7.30-16'] } }))).toEqual(['workingHours.1']);
    expect(fields(await put({ ...base, workingHours: {} }))).toEqual(['workingHours']);
    const { warningShare: _, ...withoutShare } = base;
    expect(fields(await put(withoutShare))).toEqual(['warningShare']);
    expect(await put({ ...base, deadlineHours: { CONFIRM: 13, SOP_TARGET: 96 } })).toMatchObject({
      status: 400,
      code: 'SLA_POLICY.STEP_HOURS_OVER_SOP',
      errors: [{ field: 'deadlineHours.CONFIRM' }, { field: 'deadlineHours.SOP_TARGET' }],
    });
    expect(await put(base, { ifMatch: undefined })).toMatchObject({ status: 400, errors: [{ field: 'If-Match' }] });
    expect(await put(base, { key: null })).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key' }] });
    expect(await put(undefined, { raw: '{"calendar":' })).toMatchObject({ status: 400 });
    expect(await put(undefined, { raw: '{"calendar":"WALL_CLOCK\\ud800"}' })).toMatchObject({ status: 400 });
  });

  it('answers every other role 403, and a forged or absent token 401, before asking sla-monitor', async () => {
    const before = slaMonitor.requests('setOfficeSlaPolicy').length;
    for (const role of OFFICE_ROLES.filter((r) => r !== 'KEPALA_KANTOR')) {
      expect({ role, ...(await problem(await send('PUT', { token: tokens[role], ifMatch: '"0"', body: working() }))) }).toMatchObject({ role, status: 403, code: 'SLA_POLICY.FORBIDDEN_ROLE' });
    }
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ role: 'KEPALA_KANTOR', office: 'BLP' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(headId)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .setJti(randomUUID())
      .sign(randomBytes(32));
    for (const token of [forged, null]) {
      expect((await send('PUT', { token, ifMatch: '"0"', body: working() })).status).toBe(401);
      expect((await send('GET', { token })).status).toBe(401);
    }
    expect(slaMonitor.requests('setOfficeSlaPolicy')).toHaveLength(before);
  });
});
