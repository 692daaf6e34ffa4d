import { api, type TestGateway } from '../__fixtures__/gateway-app';
import { accountsSuite, loginAs, type LoggedInOfficer } from '../users/__fixtures__/accounts-suite';
import { PasswordVerifier } from '../auth/password-hasher';

// The officers' login limits (ADR 0022) over real sockets, on the real Postgres: failures only,
// 5 per username and 20 per client address in 15 minutes (the defaults), checked before any
// argon2 work. Every test logs in from its own address (the gateway trusts the loopback proxy's
// X-Forwarded-For), so the per-address counts do not mix.

const suite = accountsSuite({ config: { trustProxy: ['loopback'] } });
let gateway: TestGateway;
let head: LoggedInOfficer;
beforeAll(() => ({ gateway, head } = suite));

let addressCounter = 0;
const address = () => `198.51.100.${++addressCounter}`;

const login = (username: string, password: string, from: string) => loginAs(gateway, username, password, from);

afterEach(() => jest.restoreAllMocks());

describe('wrong passwords for one officer', () => {
  it('get 401 five times, then 429 with Retry-After, and then even the right password waits, without argon2 work', async () => {
    const officer = await gateway.addOfficer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const from = address();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) {
      last = await login(officer.username, `wrong-${i}`, from);
      statuses.push(last.status);
      if (last.status !== 429) await last.body?.cancel();
    }
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await last?.json()).toMatchObject({ status: 429, code: 'AUTH.RATE_LIMITED' });

    const verify = jest.spyOn(gateway.app.get(PasswordVerifier), 'verify');
    const right = await login(officer.username, officer.password, from);
    expect(right.status).toBe(429);
    // Locked per username: from another address too.
    expect((await login(officer.username, officer.password, address())).status).toBe(429);
    expect(verify).not.toHaveBeenCalled();
  });

  it('are in the account’s security log, with the lockout once, for the officer and for their head of office', async () => {
    const officer = await gateway.addOfficer({ role: 'AUDITOR', officeCode: 'BLP' });
    const from = address();
    for (let i = 0; i < 8; i++) await (await login(officer.username, `wrong-${i}`, from)).body?.cancel();

    const res = await api(gateway, head.token).get(`/auth/security-log?username=${officer.username}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { kind: string; username: string; clientAddress?: string; at: string }[] };
    expect(items.map((e) => e.kind)).toEqual(['LOGIN_RATE_LIMITED', ...Array<string>(5).fill('LOGIN_FAILED')]);
    expect(items.every((e) => e.username === officer.username && e.clientAddress === from)).toBe(true);

    // The officer reads their own (once the lock is over; here: in the database's view of it).
    await gateway.runtime.dataSource.query("DELETE FROM public_rate_limit WHERE bucket = 'login:username'");
    const token = await gateway.login(officer);
    const own = (await (await api(gateway, token).get('/auth/security-log')).json()) as { items: { kind: string }[] };
    expect(own.items.map((e) => e.kind)).toEqual(['LOGIN_RATE_LIMITED', ...Array<string>(5).fill('LOGIN_FAILED')]);
  });

  it('do not count once the right password came: only failures count', async () => {
    const officer = await gateway.addOfficer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const from = address();
    for (let i = 0; i < 12; i++) expect((await login(officer.username, officer.password, from)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(officer.username, 'wrong-password', from)).status).toBe(401);
    expect((await login(officer.username, officer.password, from)).status).toBe(429);
  });
});

describe('failed logins from one address', () => {
  it('are limited across usernames: after 20, even a real officer with the right password gets 429 from there', async () => {
    const from = address();
    for (let i = 0; i < 20; i++) expect((await login(`nobody.${i}`, 'wrong-password', from)).status).toBe(401);
    const officer = await gateway.addOfficer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const refused = await login(officer.username, officer.password, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login(officer.username, officer.password, address())).status).toBe(200);
  });

  it('log a failure of a username without an account under an HMAC of it, never the username', async () => {
    await (await login('no.such.officer', 'wrong-password', address())).body?.cancel();
    const rows = (await gateway.runtime.dataSource.query("SELECT account_id, username_key FROM account_security_event WHERE kind = 'LOGIN_FAILED' AND account_id IS NULL")) as {
      username_key: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[A-Za-z0-9_-]{43}$/.test(r.username_key))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('no.such.officer');
  });
});
