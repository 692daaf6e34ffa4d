import type { MessageInitShape } from '@bufbuild/protobuf';
import { IntakeService, type OfficeProfileFields, type OfficeProfileSchema } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { changedOfficeProfileFields } from '@pengaduan/sop';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { TOKEN_ISSUER } from '../auth/access-tokens';
import type { LoggedInOfficer } from '../users/__fixtures__/accounts-suite';

// The office's profile over the gateway's real socket (docs/adr/0048): every officer reads it,
// the head of office changes it with an Idempotency-Key and If-Match, each change in the office's
// administration log; other roles, forged tokens, replays, reused keys and bad fields refused.
// intake is a stand-in with its answers (intake's own int spec runs them on Postgres).

type Wire = MessageInitShape<typeof OfficeProfileSchema> & { code: string };
type Fields = Omit<OfficeProfileFields, '$typeName' | '$unknown'>;

/** intake's GetOfficeProfile and UpdateOfficeProfile over an in-memory list of versions per office, answering as intake does. */
function officeProfileStandIn() {
  const versions = new Map<string, Wire[]>();
  const requests = new Map<string, { hash: string; office: string; version: number }>();
  const file = (code: string): Wire => ({ code, name: `Kantor Imigrasi ${code}`, ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia', parentUnits: ['Direktorat Jenderal Imigrasi'], address: '', city: '', phone: '', email: '', website: '', legalBasis: ['UU 25/2009'] });
  const at = (code: string, version: number) => (version === 0 ? file(code) : (versions.get(code) ?? [])[version - 1]);
  const newest = (code: string) => (versions.get(code) ?? []).length;
  const answer = (code: string, version: number) => ({ profile: at(code, version), version, source: version === 0 ? 'file' : 'office' });
  const fieldsOf = (p: Wire | Fields) => ({ ministry: p.ministry ?? '', parentUnits: [...(p.parentUnits ?? [])], name: p.name ?? '', address: p.address ?? '', city: p.city ?? '', phone: p.phone || undefined, email: p.email || undefined, website: p.website || undefined });
  return new StandIn(IntakeService, {
    getOfficeProfile: (r) => answer(r.officeCode, newest(r.officeCode)),
    updateOfficeProfile: (r) => {
      const office = r.actor?.officeCode ?? '';
      if (r.actor?.role !== 'KEPALA_KANTOR') throw new ServiceError('forbidden', 'OFFICE_PROFILE.FORBIDDEN_ROLE', 'head of office only');
      const fields = r.fields as Fields;
      const hash = createHash('sha256').update(JSON.stringify([office, r.expectedVersion, fieldsOf(fields)])).digest('hex');
      const done = requests.get(r.requestId);
      if (done && done.hash !== hash) throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'key reused');
      if (done) return { ...answer(done.office, done.version), changed: true, previous: at(done.office, done.version - 1) };
      const current = newest(office);
      if (changedOfficeProfileFields(fieldsOf(at(office, current)), fieldsOf(fields)).length === 0) return { ...answer(office, current), changed: false, previous: at(office, current) };
      if (current !== r.expectedVersion) throw new ServiceError('conflict', 'OFFICE_PROFILE.VERSION_CONFLICT', 'stale', { version: current });
      versions.set(office, [...(versions.get(office) ?? []), { ...file(office), ...fields, code: office }]);
      requests.set(r.requestId, { hash, office, version: current + 1 });
      return { ...answer(office, current + 1), changed: true, previous: at(office, current) };
    },
  });
}

const intake = officeProfileStandIn();
let isolation: GatewayIsolation;
let gateway: TestGateway;
let head: LoggedInOfficer;
let otherHead: LoggedInOfficer;

beforeAll(async () => {
  await intake.start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation);
  head = await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' });
  otherHead = await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'JKT' });
});

afterAll(async () => {
  await gateway?.stop();
  await intake.stop();
  await removeIsolation(isolation);
});

const PROFILE = {
  ministry: 'Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia',
  parentUnits: ['Direktorat Jenderal Imigrasi', 'Kantor Wilayah Direktorat Jenderal Imigrasi Kepulauan Riau'],
  name: 'Kantor Imigrasi Kelas II TPI Belakang Padang',
  address: 'Jl. Hang Tuah No. 1, Belakang Padang',
  city: 'Belakang Padang',
  phone: '(0778) 311234',
  email: 'kanim.belakangpadang@imigrasi.go.id',
};

/** The route with a token (or an Authorization header as given), a body as JSON (or raw), and headers. */
function call(method: 'GET' | 'PUT', authorization: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1/office-profile`, {
    method,
    headers: { ...(authorization ? { Authorization: authorization.includes(' ') ? authorization : `Bearer ${authorization}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
  });
}

const put = (token: string, body: unknown, version: number | undefined, key: string = randomUUID()) => call('PUT', token, body, { 'Idempotency-Key': key, ...(version === undefined ? {} : { 'If-Match': `"${version}"` }) });

async function problem(res: Response): Promise<{ status: number; code: string; fields: string[]; version?: number }> {
  const body = (await res.json()) as { code: string; errors?: { field: string }[]; version?: number };
  return { status: res.status, code: body.code, fields: (body.errors ?? []).map((e) => e.field), ...(body.version === undefined ? {} : { version: body.version }) };
}

type LogPage = { items: { kind: string; actorUsername: string; target: string | null; change: Record<string, { before: unknown; after: unknown }> | null }[] };
const logOf = async (token: string) => ((await (await fetch(`${gateway.baseUrl}/api/v1/admin-log`, { headers: { Authorization: `Bearer ${token}` } })).json()) as LogPage).items;

describe("the head of office changes the office's profile", () => {
  it('reads the file’s, saves a change with If-Match, reads it back with its ETag, and finds it in the admin log with each field before and after', async () => {
    const read = await call('GET', head.token);
    expect([read.status, read.headers.get('etag')]).toEqual([200, '"0"']);
    expect(await read.json()).toMatchObject({ officeCode: 'BLP', version: 0, source: 'file', name: 'Kantor Imigrasi BLP', address: '' });

    const saved = await put(head.token, PROFILE, 0);
    expect([saved.status, saved.headers.get('etag')]).toEqual([200, '"1"']);
    expect(await saved.json()).toEqual({ officeCode: 'BLP', version: 1, source: 'office', ...PROFILE });
    const again = await call('GET', head.token);
    expect([again.headers.get('etag'), ((await again.json()) as { address: string }).address]).toEqual(['"1"', PROFILE.address]);

    // The phone left out: none any more.
    const { phone: _phone, ...withoutPhone } = PROFILE;
    expect((await put(head.token, { ...withoutPhone, address: 'Jl. Imam Bonjol No. 7, Batam' }, 1)).status).toBe(200);
    const [latest, first] = (await logOf(head.token)).filter((e) => e.kind === 'OFFICE_PROFILE_CHANGED');
    expect(latest).toEqual({
      kind: 'OFFICE_PROFILE_CHANGED',
      actorUsername: head.username,
      target: 'office-profile',
      change: { address: { before: PROFILE.address, after: 'Jl. Imam Bonjol No. 7, Batam' }, phone: { before: PROFILE.phone, after: null } },
      at: expect.any(String),
    });
    expect(Object.keys(first?.change ?? {}).sort()).toEqual(['address', 'city', 'email', 'name', 'parentUnits', 'phone']);
    expect(first?.change?.['name']).toEqual({ before: 'Kantor Imigrasi BLP', after: PROFILE.name });
  });

  it('lets every officer of the office read it, and refuses the change to every other role with 403', async () => {
    for (const role of ['ADMIN_TIKKIM', 'SEKSI_TERKAIT', 'TIM_PENANGANAN', 'AUDITOR', 'KEPALA_SEKSI_TI'] as const) {
      const officer = await gateway.officer({ role, officeCode: 'BLP', ...(role === 'SEKSI_TERKAIT' ? { sectionCode: 'INTELDAKIM' } : {}) });
      expect((await call('GET', officer.token)).status).toBe(200);
      expect(await problem(await put(officer.token, PROFILE, 0))).toMatchObject({ status: 403, code: 'OFFICE_PROFILE.FORBIDDEN_ROLE' });
    }
    expect(intake.requests('updateOfficeProfile').filter((r) => r.actor?.role !== 'KEPALA_KANTOR')).toEqual([]);
  });

  it('refuses no token and forged ones with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { id } = head;
    const claims = { role: 'KEPALA_KANTOR', office: 'BLP' };
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(id).setIssuer(TOKEN_ISSUER).setIssuedAt(now).setExpirationTime(now + 600).setJti(randomUUID()).sign(randomBytes(32));
    const unsigned = new UnsecuredJWT(claims).setSubject(id).setIssuer(TOKEN_ISSUER).setIssuedAt(now).setExpirationTime(now + 600).setJti(randomUUID()).encode();
    for (const authorization of [undefined, `Bearer ${forged}`, `Bearer ${unsigned}`, 'Bearer not-a-token']) {
      expect((await call('GET', authorization)).status).toBe(401);
      expect((await call('PUT', authorization, PROFILE, { 'Idempotency-Key': randomUUID(), 'If-Match': '"0"' })).status).toBe(401);
    }
  });

  it('answers a replay with the same key the same and records it once; refuses the key for other content or another command (422)', async () => {
    const key = randomUUID();
    const version = Number(((await call('GET', otherHead.token)).headers.get('etag') ?? '').replace(/"/g, ''));
    const body = { ...PROFILE, name: 'Kantor Imigrasi Kelas I Khusus Jakarta Pusat', city: 'Jakarta' };
    const first = await put(otherHead.token, body, version, key);
    const replay = await put(otherHead.token, body, version, key);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(await replay.json()).toEqual(await first.json());
    expect((await logOf(otherHead.token)).filter((e) => e.kind === 'OFFICE_PROFILE_CHANGED')).toHaveLength(1);

    expect(await problem(await put(otherHead.token, { ...body, city: 'Jakarta Pusat' }, version + 1, key))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    // A key that added an officer (recorded in the same log) is not one for the profile.
    const officerKey = randomUUID();
    const added = await fetch(`${gateway.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${otherHead.token}`, 'Idempotency-Key': officerKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `auditor.${randomUUID().slice(0, 8)}`, displayName: 'Auditor Jakarta', role: 'AUDITOR' }),
    });
    expect(added.status).toBe(201);
    expect(await problem(await put(otherHead.token, { ...body, city: 'Jakarta Utara' }, version + 1, officerKey))).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    // The same content again with a new key: unchanged, no version, nothing recorded.
    const same = await put(otherHead.token, body, version + 1);
    expect([same.status, same.headers.get('etag')]).toEqual([200, `"${version + 1}"`]);
    expect((await logOf(otherHead.token)).filter((e) => e.kind === 'OFFICE_PROFILE_CHANGED')).toHaveLength(1);
    // Each office its own: BLP's profile is not JKT's.
    expect(((await (await call('GET', head.token)).json()) as { name: string }).name).toBe(PROFILE.name);
    expect((await logOf(head.token)).map((e) => e.actorUsername)).not.toContain(otherHead.username);
  });

  it('refuses a change on a version that is not the newest (409, naming it), and one without If-Match or Idempotency-Key (400)', async () => {
    const current = Number(((await call('GET', head.token)).headers.get('etag') ?? '').replace(/"/g, ''));
    expect(await problem(await put(head.token, { ...PROFILE, city: 'Batam' }, current - 1))).toEqual({ status: 409, code: 'OFFICE_PROFILE.VERSION_CONFLICT', fields: [], version: current });
    expect(await problem(await put(head.token, { ...PROFILE, city: 'Batam' }, undefined))).toMatchObject({ status: 400, code: 'REQUEST.INVALID', fields: ['If-Match'] });
    expect(await problem(await call('PUT', head.token, PROFILE, { 'If-Match': `"${current}"` }))).toMatchObject({ status: 400, fields: ['Idempotency-Key'] });
  });

  it('names every huge, blank, multi-line or malformed field, an unknown one, and refuses a body that is not JSON', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...PROFILE, name: '   ' }, 'name'],
      [{ ...PROFILE, name: undefined }, 'name'],
      [{ ...PROFILE, address: 'x'.repeat(100_000) }, 'address'],
      [{ ...PROFILE, ministry: 'Kementerian\nImigrasi' }, 'ministry'],
      [{ ...PROFILE, city: 'Belakang\u0000Padang' }, 'city'],
      [{ ...PROFILE, parentUnits: ['Direktorat Jenderal Imigrasi', ''] }, 'parentUnits'],
      [{ ...PROFILE, parentUnits: Array.from({ length: 6 }, (_, i) => `Unit ${i}`) }, 'parentUnits'],
      [{ ...PROFILE, phone: 'telepon kantor' }, 'phone'],
      [{ ...PROFILE, email: 'kanim@' }, 'email'],
      [{ ...PROFILE, website: 'javascript:alert(1)' }, 'website'],
      [{ ...PROFILE, legalBasis: ['UU 1/2026'] }, 'legalBasis'],
    ];
    const before = intake.requests('updateOfficeProfile').length;
    for (const [body, field] of cases) expect([field, await problem(await put(head.token, body, 0))]).toEqual([field, { status: 400, code: 'REQUEST.INVALID', fields: [field] }]);
    for (const raw of ['{"name": "Kantor', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])]) {
      expect((await put(head.token, raw, 0)).status).toBe(400);
    }
    expect(intake.requests('updateOfficeProfile')).toHaveLength(before);
  });
});
