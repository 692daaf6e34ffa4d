import { randomUUID } from 'node:crypto';
import { adminApi, adminSuite, loginAs } from './__fixtures__/admin-suite';

// The head of office adds and changes the office's officers (ADR 0042). Over real sockets, on
// the real Postgres; disposition's sections are a stand-in.

const s = adminSuite();
const head = () => adminApi(s.gateway, s.head.token);
const unique = (prefix: string) => `${prefix}.${randomUUID().slice(0, 8)}`;
const newOfficer = (overrides: Record<string, unknown> = {}) => ({
  username: unique('rina'),
  displayName: 'Rina Kartika',
  nip: '198001012005012001',
  position: 'Analis Keimigrasian',
  role: 'SEKSI_TERKAIT',
  sectionCode: 'INTELDAKIM',
  ...overrides,
});
const fieldsOf = async (res: Response) => ((await res.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field);

describe('the head of office adds an officer', () => {
  it('who logs in with the one-time password answered once; a replay of the key answers the same officer without it', async () => {
    const body = newOfficer();
    const key = randomUUID();
    const res = await head().post('/users', body, key);
    expect(res.status).toBe(201);
    const added = (await res.json()) as { username: string; oneTimePassword: string };
    expect(added).toMatchObject({ username: body.username, role: 'SEKSI_TERKAIT', sectionCode: 'INTELDAKIM', nip: body.nip, position: body.position, active: true, secondFactorRequired: false });
    expect((await loginAs(s.gateway, body.username, added.oneTimePassword)).status).toBe(200);

    const replay = await head().post('/users', body, key);
    expect(replay.status).toBe(200);
    const replayed = (await replay.json()) as Record<string, unknown>;
    expect(replayed).toMatchObject({ username: body.username });
    expect(replayed).not.toHaveProperty('oneTimePassword');
    const reused = await head().post('/users', newOfficer(), key);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });

    const { items } = (await (await head().get('/users')).json()) as { items: { username: string }[] };
    expect(items.map((a) => a.username)).toContain(body.username);
    const log = await (await head().get('/admin-log?limit=5')).text();
    expect(log).toContain(`"kind":"ACCOUNT_CREATED"`);
    expect(log).toContain(`"username":"${body.username}"`);
    expect(log).not.toContain(added.oneTimePassword);
  });

  it('with the password given, checked against the policy', async () => {
    const body = newOfficer({ role: 'ADMIN_TIKKIM', sectionCode: undefined, password: 'short' });
    const weak = await head().post('/users', body);
    expect(weak.status).toBe(400);
    expect(await weak.clone().json()).toMatchObject({ code: 'AUTH.PASSWORD_POLICY' });
    expect(await fieldsOf(weak)).toEqual(['password']);
    const res = await head().post('/users', { ...body, password: 'kata-sandi-awal-2026' });
    expect(res.status).toBe(201);
    expect(await res.json()).not.toHaveProperty('oneTimePassword');
    expect((await loginAs(s.gateway, body.username, 'kata-sandi-awal-2026')).status).toBe(200);
  });

  it('refuses bad input naming the field, a taken username, a section that is none of the office’s, and a missing key', async () => {
    for (const [body, field] of [
      [newOfficer({ username: 'Rina Kartika' }), 'username'],
      [newOfficer({ role: 'PELAPOR' }), 'role'],
      // A platform operator is made by the CLI only (docs/adr/0043).
      [newOfficer({ role: 'OPERATOR', sectionCode: undefined }), 'role'],
      [newOfficer({ nip: '123' }), 'nip'],
      [newOfficer({ displayName: 'x'.repeat(10_000) }), 'displayName'],
      [newOfficer({ sectionCode: undefined }), 'sectionCode'],
      [newOfficer({ role: 'AUDITOR' }), 'sectionCode'],
      [newOfficer({ sectionCode: 'TIKKIM' }), 'sectionCode'],
    ] as const) {
      const res = await head().post('/users', body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(await fieldsOf(res)).toEqual([field]);
    }
    const taken = await head().post('/users', newOfficer({ username: s.otherHead.username }));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'ACCOUNT.USERNAME_TAKEN' });
    const res = await fetch(`${s.gateway.baseUrl}/api/v1/users`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.head.token}` }, body: JSON.stringify(newOfficer()) });
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(['Idempotency-Key']);
  });

  it('and no other role may', async () => {
    const auditor = await s.gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const res = await adminApi(s.gateway, auditor.token).post('/users', newOfficer());
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ACCOUNT.FORBIDDEN_ROLE' });
  });
});

describe('the head of office changes an officer', () => {
  it("moves them to another role (the section goes, their tokens too) and records before and after", async () => {
    const officer = await s.gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' });
    const res = await head().patch(`/users/${officer.username}`, { role: 'ADMIN_TIKKIM', position: 'Pengelola Aduan' });
    expect(res.status).toBe(200);
    const changed = await res.json();
    expect(changed).toMatchObject({ username: officer.username, role: 'ADMIN_TIKKIM', position: 'Pengelola Aduan' });
    expect(changed).not.toHaveProperty('sectionCode');
    expect((await adminApi(s.gateway, officer.token).get('/worklist')).status).toBe(401);
    const { items } = (await (await head().get('/admin-log?limit=1')).json()) as { items: unknown[] };
    expect(items[0]).toMatchObject({
      kind: 'ACCOUNT_CHANGED',
      actorUsername: s.head.username,
      username: officer.username,
      change: { role: { before: 'SEKSI_TERKAIT', after: 'ADMIN_TIKKIM' }, sectionCode: { before: 'INTELDAKIM', after: null }, position: { before: null, after: 'Pengelola Aduan' } },
    });
    // The same change again changes and records nothing.
    expect((await head().patch(`/users/${officer.username}`, { role: 'ADMIN_TIKKIM' })).status).toBe(200);
    expect(((await (await head().get('/admin-log?limit=1')).json()) as { items: unknown[] }).items).toEqual(items);
  });

  it('requires a second factor of one officer: their next login only enrols one', async () => {
    const officer = await s.gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    expect(await (await head().patch(`/users/${officer.username}`, { secondFactorRequired: true })).json()).toMatchObject({ secondFactorRequired: true });
    const worklist = await adminApi(s.gateway, officer.token).get('/worklist');
    expect(worklist.status).toBe(403);
    expect(await worklist.json()).toMatchObject({ code: 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED' });
    const login = (await (await loginAs(s.gateway, officer.username, officer.password)).json()) as { secondFactorEnrolmentRequired?: boolean };
    expect(login.secondFactorEnrolmentRequired).toBe(true);
  });

  it('refuses no field, a section that is none of the office’s, another office’s officer and another role', async () => {
    const officer = await s.gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' });
    const none = await head().patch(`/users/${officer.username}`, {});
    expect(none.status).toBe(400);
    expect(await fieldsOf(none)).toEqual(['(body)']);
    const section = await head().patch(`/users/${officer.username}`, { sectionCode: 'TIKKIM' });
    expect(section.status).toBe(400);
    expect(await fieldsOf(section)).toEqual(['sectionCode']);
    const malformed = await head().patch(`/users/${officer.username}`, { role: 'ROOT', secondFactorRequired: 'yes' });
    expect(await fieldsOf(malformed)).toEqual(['role', 'secondFactorRequired']);
    const other = await adminApi(s.gateway, s.otherHead.token).patch(`/users/${officer.username}`, { position: 'Kepala' });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'ACCOUNT.NOT_FOUND' });
    const auditor = await s.gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    expect((await adminApi(s.gateway, auditor.token).patch(`/users/${officer.username}`, { position: 'Kepala' })).status).toBe(403);
  });

  it("never leaves an office without an active head of office", async () => {
    const only = await s.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'SBY' });
    const res = await adminApi(s.gateway, only.token).patch(`/users/${only.username}`, { role: 'AUDITOR' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'ACCOUNT.LAST_HEAD_OF_OFFICE' });
    const second = await s.gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'SBY' });
    expect((await adminApi(s.gateway, only.token).patch(`/users/${second.username}`, { role: 'AUDITOR' })).status).toBe(200);
    expect((await adminApi(s.gateway, only.token).patch(`/users/${only.username}`, { role: 'AUDITOR' })).status).toBe(409);
  });
});
