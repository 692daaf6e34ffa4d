import { TOTP, URI } from 'otpauth';
import { api, type TestGateway, type TestOfficer } from '../__fixtures__/gateway-app';
import { SettableClock } from '@pengaduan/runtime';
import { accountsSuite, loginAs } from '../users/__fixtures__/accounts-suite';

// The officers' optional second factor (ADR 0027) over real sockets, on the real Postgres:
// enrolment, the login's second step, replays, recovery codes, the login limits, turning it off
// and the office policy (here: BLP's auditors must have one). The gateway's clock is the test's,
// set 10 s into a 30-second step, so every code below is computed for a known step.

const STEP_MS = 30_000;
const clock = new SettableClock(new Date(Math.floor(Date.now() / STEP_MS) * STEP_MS + 10_000));
const suite = accountsSuite({ clock, config: { trustProxy: ['loopback'], totpRequiredRoles: { BLP: ['AUDITOR'] } } });
let gateway: TestGateway;
beforeAll(() => ({ gateway } = suite));

let addressCounter = 0;
const address = () => `198.51.100.${++addressCounter}`;

interface Enrolled {
  officer: TestOfficer;
  /** The app's side: what the otpauth:// URI the gateway answered says. */
  app: TOTP;
  recoveryCodes: string[];
  token: string;
}

/** The code the officer's app shows at the gateway's time (plus `steps` steps). */
const codeOf = (app: TOTP, steps = 0) => app.generate({ timestamp: clock.now().getTime() + steps * STEP_MS });

function del(token: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1${path}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Starts and confirms an enrolment with the token; answers the app and what the confirmation answered. */
async function enrol(token: string): Promise<{ app: TOTP; recoveryCodes: string[]; token: string }> {
  const started = await api(gateway, token).post('/auth/totp/enrolment', {});
  expect(started.status).toBe(200);
  expect(started.headers.get('cache-control')).toBe('no-store');
  const enrolment = (await started.json()) as { secret: string; otpauthUri: string; algorithm: string; digits: number; period: number };
  expect(enrolment).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), algorithm: 'SHA1', digits: 6, period: 30 });
  const app = URI.parse(enrolment.otpauthUri) as TOTP;
  expect(app).toBeInstanceOf(TOTP);
  expect(app.secret.base32).toBe(enrolment.secret);
  const confirmed = await api(gateway, token).post('/auth/totp/enrolment/confirm', { code: codeOf(app) });
  expect(confirmed.status).toBe(200);
  const body = (await confirmed.json()) as { accessToken: string; recoveryCodes: string[] };
  return { app, recoveryCodes: body.recoveryCodes, token: body.accessToken };
}

async function enrolledOfficer(role: TestOfficer['role'] = 'ADMIN_TIKKIM'): Promise<Enrolled> {
  const officer = await gateway.officer({ role, officeCode: 'BLP' });
  return { officer, ...(await enrol(officer.token)) };
}

/** The password step: answers the challenge. */
async function challengeOf(officer: TestOfficer, from: string): Promise<string> {
  const res = await loginAs(gateway, officer.username, officer.password, from);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { secondFactorRequired?: boolean; challenge?: string; accessToken?: string };
  expect(body).toEqual({ secondFactorRequired: true, challenge: expect.any(String), expiresIn: 300 });
  return body.challenge ?? '';
}

function secondStep(body: unknown, from: string): Promise<Response> {
  return api(gateway, undefined).post('/auth/login/totp', body, { 'X-Forwarded-For': from });
}

async function securityLogKinds(token: string): Promise<string[]> {
  const res = await api(gateway, token).get('/auth/security-log');
  return ((await res.json()) as { items: { kind: string }[] }).items.map((e) => e.kind);
}

afterEach(() => clock.advance(STEP_MS));

describe('enrolling a second factor', () => {
  it('answers the secret once, activates it with a code of the app, answers ten recovery codes and a fresh token, and revokes the tokens before', async () => {
    const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const otherSession = await gateway.login(officer);
    expect(await (await api(gateway, officer.token).get('/auth/totp')).json()).toEqual({ enabled: false, pending: false, requiredByPolicy: false, recoveryCodesLeft: 0 });
    clock.advance(1);
    const { recoveryCodes, token } = await enrol(officer.token);

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes.every((c) => /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(c))).toBe(true);
    for (const old of [officer.token, otherSession]) expect((await api(gateway, old).get('/worklist')).status).toBe(401);
    expect(await (await api(gateway, token).get('/auth/totp')).json()).toEqual({ enabled: true, pending: false, requiredByPolicy: false, recoveryCodesLeft: 10 });
    // Neither the secret nor the recovery codes are kept in clear.
    const [stored] = (await gateway.runtime.dataSource.query('SELECT sealed_secret FROM totp_credential c JOIN user_account a ON a.id = c.account_id WHERE a.username = $1', [officer.username])) as {
      sealed_secret: string;
    }[];
    expect(stored?.sealed_secret).toMatch(/^v1\./);
    const hashes = JSON.stringify(await gateway.runtime.dataSource.query('SELECT code_hash FROM totp_recovery_code'));
    expect(recoveryCodes.some((c) => hashes.includes(c) || hashes.includes(c.replace(/-/g, '')))).toBe(false);
    // A second enrolment is refused while one is active.
    expect(await (await api(gateway, token).post('/auth/totp/enrolment', {})).json()).toMatchObject({ status: 409, code: 'AUTH.SECOND_FACTOR_ALREADY_ENABLED' });
    expect((await securityLogKinds(token)).slice(0, 2)).toEqual(['SECOND_FACTOR_ENABLED', 'SECOND_FACTOR_ENROLMENT_STARTED']);
  });

  it('refuses a wrong confirmation code (400 naming code) and a confirmation without an enrolment (409)', async () => {
    const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const none = await api(gateway, officer.token).post('/auth/totp/enrolment/confirm', { code: '123456' });
    expect(await none.json()).toMatchObject({ status: 409, code: 'AUTH.NO_PENDING_ENROLMENT' });
    const started = (await (await api(gateway, officer.token).post('/auth/totp/enrolment', {})).json()) as { otpauthUri: string };
    const app = URI.parse(started.otpauthUri) as TOTP;
    const wrong = await api(gateway, officer.token).post('/auth/totp/enrolment/confirm', { code: codeOf(app, 3) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'AUTH.WRONG_CODE', errors: [{ field: 'code' }] });
    expect((await api(gateway, officer.token).get('/auth/totp').then((r) => r.json())) as object).toMatchObject({ enabled: false, pending: true });
    // Still a password-only login until confirmed.
    expect(await (await loginAs(gateway, officer.username, officer.password, address())).json()).toHaveProperty('accessToken');
  });
});

describe('logging in with a second factor', () => {
  it('asks for a code after the password, and answers the token for a code of this step or one either side', async () => {
    const { officer, app } = await enrolledOfficer();
    const from = address();
    // The confirmation took the code of this step.
    clock.advance(STEP_MS);
    for (const steps of [0, -1, 1]) {
      const res = await secondStep({ challenge: await challengeOf(officer, from), code: codeOf(app, steps) }, from);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accessToken: string };
      expect((await api(gateway, body.accessToken).get('/worklist')).status).toBe(200);
      clock.advance(3 * STEP_MS);
    }
    const tooLate = await secondStep({ challenge: await challengeOf(officer, from), code: codeOf(app, -2) }, from);
    expect(await tooLate.json()).toMatchObject({ status: 401, code: 'AUTH.INVALID_SECOND_FACTOR' });
  });

  it('refuses a code used once already, also within its window, and one of an earlier step', async () => {
    const { officer, app } = await enrolledOfficer();
    const from = address();
    clock.advance(STEP_MS);
    const code = codeOf(app);
    expect((await secondStep({ challenge: await challengeOf(officer, from), code }, from)).status).toBe(200);
    const replay = await secondStep({ challenge: await challengeOf(officer, from), code }, from);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'AUTH.INVALID_SECOND_FACTOR' });
    // Half a step later the same code is still in the window: still refused, and so is the step before.
    clock.advance(STEP_MS / 2);
    expect((await secondStep({ challenge: await challengeOf(officer, from), code }, from)).status).toBe(401);
    expect((await secondStep({ challenge: await challengeOf(officer, from), code: codeOf(app, -1) }, from)).status).toBe(401);
    clock.advance(STEP_MS);
    expect((await secondStep({ challenge: await challengeOf(officer, from), code: codeOf(app) }, from)).status).toBe(200);
  });

  it('counts wrong codes in the login limits of the username: 401 five times, then 429 with Retry-After, even for the right code', async () => {
    const { officer, app, token } = await enrolledOfficer();
    const from = address();
    const challenge = await challengeOf(officer, from);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await secondStep({ challenge, code: String((Number(codeOf(app)) + 1 + i) % 1_000_000).padStart(6, '0') }, address());
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await res.body?.cancel();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const right = await secondStep({ challenge, code: codeOf(app) }, from);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: 'AUTH.RATE_LIMITED' });
    // Locked per username: the password step waits too.
    expect((await loginAs(gateway, officer.username, officer.password, address())).status).toBe(429);
    expect((await securityLogKinds(token)).slice(0, 6)).toEqual(['LOGIN_RATE_LIMITED', ...Array<string>(5).fill('SECOND_FACTOR_FAILED')]);
  });

  it('takes each recovery code once, instead of a code', async () => {
    const { officer, recoveryCodes } = await enrolledOfficer();
    const from = address();
    const [first = '', second = ''] = recoveryCodes;
    const res = await secondStep({ challenge: await challengeOf(officer, from), recoveryCode: first.toLowerCase().replace(/-/g, ' ') }, from);
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    expect((await secondStep({ challenge: await challengeOf(officer, from), recoveryCode: first }, from)).status).toBe(401);
    expect((await secondStep({ challenge: await challengeOf(officer, from), recoveryCode: second }, from)).status).toBe(200);
    expect(await (await api(gateway, accessToken).get('/auth/totp')).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
    expect(await securityLogKinds(accessToken)).toContain('RECOVERY_CODE_USED');
  });

  it('refuses a forged or expired challenge, an access token as a challenge, and a body with both or neither proof', async () => {
    const { officer, app, token } = await enrolledOfficer();
    const from = address();
    const challenge = await challengeOf(officer, from);
    for (const forged of [`${challenge.slice(0, -2)}xx`, token]) {
      expect(await (await secondStep({ challenge: forged, code: codeOf(app) }, from)).json()).toMatchObject({ status: 401, code: 'AUTH.CHALLENGE_INVALID' });
    }
    expect((await secondStep({ challenge, code: codeOf(app), recoveryCode: 'AAAA-BBBB-CCCC-DDDD' }, from)).status).toBe(400);
    expect((await secondStep({ challenge }, from)).status).toBe(400);
    clock.advance(301_000);
    expect(await (await secondStep({ challenge, code: codeOf(app) }, from)).json()).toMatchObject({ status: 401, code: 'AUTH.CHALLENGE_INVALID' });
  });
});

describe('turning the second factor off', () => {
  it('needs the password and a code; then the login answers a token again', async () => {
    const { officer, app, token } = await enrolledOfficer();
    clock.advance(STEP_MS);
    const wrongPassword = await del(token, '/auth/totp', { password: 'not-the-password', code: codeOf(app) });
    expect(wrongPassword.status).toBe(400);
    expect(await wrongPassword.json()).toMatchObject({ code: 'AUTH.WRONG_PASSWORD', errors: [{ field: 'password' }] });
    const wrongCode = await del(token, '/auth/totp', { password: officer.password, code: codeOf(app, 5) });
    expect(await wrongCode.json()).toMatchObject({ status: 400, code: 'AUTH.WRONG_CODE', errors: [{ field: 'code' }] });
    expect((await del(token, '/auth/totp', { password: officer.password })).status).toBe(400);

    expect((await del(token, '/auth/totp', { password: officer.password, code: codeOf(app) })).status).toBe(204);
    expect(await (await api(gateway, token).get('/auth/totp')).json()).toMatchObject({ enabled: false, pending: false });
    expect(await (await loginAs(gateway, officer.username, officer.password, address())).json()).toHaveProperty('accessToken');
    expect((await securityLogKinds(token)).slice(0, 3)).toEqual(['SECOND_FACTOR_DISABLED', 'SECOND_FACTOR_FAILED', 'SECOND_FACTOR_FAILED']);
    expect(await (await del(token, '/auth/totp', { password: officer.password, code: codeOf(app, 1) })).json()).toMatchObject({ status: 409, code: 'AUTH.SECOND_FACTOR_NOT_ENABLED' });
  });
});

describe('the office policy (BLP: auditors must have a second factor)', () => {
  it('gives an auditor without one a token that only enrols: 403 elsewhere; once enrolled, a full token, and it cannot be turned off', async () => {
    const auditor = await gateway.addOfficer({ role: 'AUDITOR', officeCode: 'BLP' });
    const login = await loginAs(gateway, auditor.username, auditor.password, address());
    const body = (await login.json()) as { accessToken: string; secondFactorEnrolmentRequired?: boolean };
    expect(body.secondFactorEnrolmentRequired).toBe(true);
    const limited = body.accessToken;

    const elsewhere = await api(gateway, limited).get('/auth/security-log');
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.json()).toMatchObject({ code: 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED' });
    expect((await api(gateway, limited).post('/auth/password', { currentPassword: auditor.password, newPassword: 'a-new-long-password-1' })).status).toBe(403);
    expect(await (await api(gateway, limited).get('/auth/totp')).json()).toEqual({ enabled: false, pending: false, requiredByPolicy: true, recoveryCodesLeft: 0 });

    clock.advance(1);
    const { app, token } = await enrol(limited);
    expect((await api(gateway, limited).get('/auth/totp')).status).toBe(401);
    expect((await api(gateway, token).get('/auth/security-log')).status).toBe(200);
    const refused = await del(token, '/auth/totp', { password: auditor.password, code: codeOf(app, 1) });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY' });
    expect(await challengeOf(auditor, address())).toEqual(expect.any(String));
  });

  it('applies to the role of the office it names only, and to a token issued before the policy applied', async () => {
    const elsewhere = await gateway.officer({ role: 'AUDITOR', officeCode: 'JKT' });
    expect((await api(gateway, elsewhere.token).get('/auth/security-log')).status).toBe(200);
    // An auditor whose account moves to BLP keeps a full token, which the guard now limits.
    await gateway.runtime.dataSource.query("UPDATE user_account SET office_code = 'BLP' WHERE username = $1", [elsewhere.username]);
    expect(await (await api(gateway, elsewhere.token).get('/auth/security-log')).json()).toMatchObject({ status: 403, code: 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED' });
    expect((await api(gateway, elsewhere.token).get('/auth/totp')).status).toBe(200);
  });
});
