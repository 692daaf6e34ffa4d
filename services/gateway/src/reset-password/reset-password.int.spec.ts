import { TOTP, URI } from 'otpauth';
import { api, type TestGateway } from '../__fixtures__/gateway-app';
import { accountsSuite, loginAs, type LoggedInOfficer } from '../users/__fixtures__/accounts-suite';

// The head of office resets an officer's password (ADR 0022), and reads the office's security
// log. Over real sockets, on the real Postgres.

const suite = accountsSuite();
let gateway: TestGateway;
let head: LoggedInOfficer;
let otherHead: LoggedInOfficer;
beforeAll(() => ({ gateway, head, otherHead } = suite));

const login = (username: string, password: string) => loginAs(gateway, username, password);

describe("the head of office resets an officer's password", () => {
  it("revokes the account's tokens and answers a one-time password, once, that logs in", async () => {
    const officer = await gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' });
    const res = await api(gateway, head.token).post(`/users/${officer.username}/password-reset`, undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { username: string; oneTimePassword: string; tokensRevokedAt: string };
    expect(body).toEqual({ username: officer.username, oneTimePassword: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), tokensRevokedAt: expect.any(String) });

    const old = await api(gateway, officer.token).get('/worklist');
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ code: 'AUTH.TOKEN_REVOKED' });
    expect((await login(officer.username, officer.password)).status).toBe(401);
    const token = await gateway.login({ username: officer.username, password: body.oneTimePassword });
    expect((await api(gateway, token).get('/worklist')).status).toBe(200);

    const log = (await (await api(gateway, head.token).get(`/auth/security-log?username=${officer.username}`)).json()) as { items: { kind: string; actorUsername?: string }[] };
    expect(log.items).toEqual([expect.objectContaining({ kind: 'LOGIN_FAILED' }), expect.objectContaining({ kind: 'PASSWORD_RESET', actorUsername: head.username })]);
  });

  it("also removes the officer's second factor when asked, for an officer who lost it", async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const started = (await (await api(gateway, officer.token).post('/auth/totp/enrolment', {})).json()) as { otpauthUri: string };
    const app = URI.parse(started.otpauthUri) as TOTP;
    expect((await api(gateway, officer.token).post('/auth/totp/enrolment/confirm', { code: app.generate() })).status).toBe(200);
    expect(await (await login(officer.username, officer.password)).json()).toMatchObject({ secondFactorRequired: true });

    // A plain reset keeps it; with resetSecondFactor the password alone logs in again.
    expect((await api(gateway, head.token).post(`/users/${officer.username}/password-reset`, { password: 'kata-sandi-sementara-1' })).status).toBe(200);
    expect(await (await login(officer.username, 'kata-sandi-sementara-1')).json()).toMatchObject({ secondFactorRequired: true });
    const res = await api(gateway, head.token).post(`/users/${officer.username}/password-reset`, { password: 'kata-sandi-sementara-2', resetSecondFactor: true });
    expect(res.status).toBe(200);
    expect(await (await login(officer.username, 'kata-sandi-sementara-2')).json()).toMatchObject({ accessToken: expect.any(String) });

    const log = (await (await api(gateway, head.token).get(`/auth/security-log?username=${officer.username}`)).json()) as { items: { kind: string; actorUsername?: string }[] };
    expect(log.items).toContainEqual(expect.objectContaining({ kind: 'SECOND_FACTOR_DISABLED', actorUsername: head.username }));
  });

  it('sets the password given instead, if the policy allows it (400 naming password otherwise), and answers none', async () => {
    const officer = await gateway.addOfficer({ role: 'AUDITOR', officeCode: 'BLP' });
    const tooShort = await api(gateway, head.token).post(`/users/${officer.username}/password-reset`, { password: 'pendek' });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.json()).toMatchObject({ code: 'AUTH.PASSWORD_POLICY', errors: [{ field: 'password' }] });

    const res = await api(gateway, head.token).post(`/users/${officer.username}/password-reset`, { password: 'kata-sandi-dari-kepala' });
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('oneTimePassword');
    expect((await login(officer.username, 'kata-sandi-dari-kepala')).status).toBe(200);
  });

  it("is 404 for the head of another office and for a username that does not exist, 403 for any other role", async () => {
    const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const fromOtherOffice = await api(gateway, otherHead.token).post(`/users/${officer.username}/password-reset`, undefined);
    expect(fromOtherOffice.status).toBe(404);
    expect(await fromOtherOffice.json()).toMatchObject({ code: 'ACCOUNT.NOT_FOUND' });
    expect((await api(gateway, head.token).post('/users/no.such.officer/password-reset', undefined)).status).toBe(404);

    const section = await gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'LANTASKIM' });
    const bySection = await api(gateway, section.token).post(`/users/${officer.username}/password-reset`, undefined);
    expect(bySection.status).toBe(403);
    expect(await bySection.json()).toMatchObject({ code: 'ACCOUNT.FORBIDDEN_ROLE' });

    // Nothing changed: the officer's token and password still work.
    expect((await api(gateway, officer.token).get('/worklist')).status).toBe(200);
    expect((await login(officer.username, officer.password)).status).toBe(200);
  });
});

describe("the office's security log", () => {
  it("have a security log the head reads in full, and any other officer only their own", async () => {
    const auditor = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    expect((await api(gateway, auditor.token).get(`/auth/security-log?username=${head.username}`)).status).toBe(403);
    expect((await api(gateway, auditor.token).get('/auth/security-log')).status).toBe(200);
    const office = (await (await api(gateway, head.token).get('/auth/security-log')).json()) as { items: { kind: string }[] };
    expect(office.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['PASSWORD_RESET', 'LOGIN_FAILED']));
    const other = (await (await api(gateway, otherHead.token).get('/auth/security-log')).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);
  });
});
