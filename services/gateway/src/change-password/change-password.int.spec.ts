import { api, type TestGateway } from '../__fixtures__/gateway-app';
import { accountsSuite } from '../users/__fixtures__/accounts-suite';

// An officer changes their password (ADR 0022) over real sockets, on the real Postgres.

const suite = accountsSuite();
let gateway: TestGateway;
beforeAll(() => ({ gateway } = suite));

function change(token: string, body: unknown): Promise<Response> {
  return api(gateway, token).post('/auth/password', body);
}

describe('an officer changes their password', () => {
  it('revokes every token issued before, answers a fresh one that works, and the new password logs in', async () => {
    const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const otherSession = await gateway.login(officer);
    const newPassword = 'kata-sandi-baru-yang-panjang';

    const res = await change(officer.token, { currentPassword: officer.password, newPassword });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { username: string } };
    expect(body).toMatchObject({ tokenType: 'Bearer', user: { username: officer.username } });
    expect(JSON.stringify(body)).not.toContain(newPassword);

    for (const old of [officer.token, otherSession]) {
      const refused = await api(gateway, old).get('/worklist');
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'AUTH.TOKEN_REVOKED' });
    }
    expect((await api(gateway, body.accessToken).get('/worklist')).status).toBe(200);
    expect((await api(gateway, undefined).post('/auth/login', { username: officer.username, password: officer.password })).status).toBe(401);
    const relogin = await gateway.login({ username: officer.username, password: newPassword });
    const log = (await (await api(gateway, relogin).get('/auth/security-log')).json()) as { items: { kind: string }[] };
    expect(log.items.map((e) => e.kind)).toEqual(['LOGIN_FAILED', 'PASSWORD_CHANGED']);
  });

  it('is refused with 400 naming currentPassword when the current password is wrong, and the session goes on', async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const res = await change(officer.token, { currentPassword: 'not-my-password', newPassword: 'kata-sandi-baru-yang-panjang' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'AUTH.WRONG_PASSWORD', errors: [{ field: 'currentPassword' }] });
    expect((await api(gateway, officer.token).get('/worklist')).status).toBe(200);
  });

  it.each([
    ['shorter than 12 characters', () => 'pendek', 'AUTH.PASSWORD_POLICY'],
    ['the username', (o: { username: string }) => o.username.toUpperCase(), 'AUTH.PASSWORD_POLICY'],
    ['the current password', (o: { password: string }) => o.password, 'AUTH.PASSWORD_POLICY'],
    ['missing', () => undefined, 'REQUEST.INVALID'],
  ])('is refused with 400 naming newPassword when the new one is %s', async (_, newPassword, code) => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const res = await change(officer.token, { currentPassword: officer.password, newPassword: newPassword(officer) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code, errors: [{ field: 'newPassword' }] });
    expect((await api(gateway, undefined).post('/auth/login', { username: officer.username, password: officer.password })).status).toBe(200);
  });

  it('is rate limited like a login: five wrong current passwords, then 429 with Retry-After', async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await change(officer.token, { currentPassword: `wrong-${i}`, newPassword: 'kata-sandi-baru-yang-panjang' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await change(officer.token, { currentPassword: officer.password, newPassword: 'kata-sandi-baru-yang-panjang' })).status).toBe(429);
  });
});
