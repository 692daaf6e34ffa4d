import { api, type TestGateway } from '../__fixtures__/gateway-app';
import { accountsSuite } from '../users/__fixtures__/accounts-suite';

// Logout and revocation (ADR 0022) over real sockets, on the real Postgres.

const suite = accountsSuite();
let gateway: TestGateway;
beforeAll(() => ({ gateway } = suite));

describe('an officer logs out', () => {
  it('and the same token gets 401 AUTH.TOKEN_REVOKED afterwards, while their other sessions go on', async () => {
    const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const otherSession = await gateway.login(officer);
    expect((await api(gateway, officer.token).get('/worklist')).status).toBe(200);

    const res = await api(gateway, officer.token).post('/auth/logout', undefined);
    expect(res.status).toBe(204);

    const after = await api(gateway, officer.token).get('/worklist');
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'AUTH.TOKEN_REVOKED' });
    expect((await api(gateway, officer.token).post('/auth/logout', undefined)).status).toBe(401);
    expect((await api(gateway, otherSession).get('/worklist')).status).toBe(200);

    const rows = (await gateway.runtime.dataSource.query('SELECT expires_at FROM revoked_token')) as { expires_at: Date }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.expires_at.getTime() > Date.now())).toBe(true);
  });

  it('everywhere: every token of the account is refused, a new login works, and both are in the security log', async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const otherSession = await gateway.login(officer);
    expect((await api(gateway, officer.token).post('/auth/logout', { everywhere: true })).status).toBe(204);
    expect((await api(gateway, officer.token).get('/worklist')).status).toBe(401);
    expect((await api(gateway, otherSession).get('/worklist')).status).toBe(401);

    const fresh = await gateway.login(officer);
    expect((await api(gateway, fresh).post('/auth/logout', {})).status).toBe(204);
    const again = await gateway.login(officer);
    const log = (await (await api(gateway, again).get('/auth/security-log')).json()) as { items: { kind: string; clientAddress?: string }[] };
    expect(log.items.map((e) => e.kind)).toEqual(['LOGOUT', 'TOKENS_REVOKED']);
    expect(log.items[0]?.clientAddress).toBe('127.0.0.1');
  });

  it('sweeps the revocations of tokens that have expired anyway', async () => {
    await gateway.runtime.dataSource.query("INSERT INTO revoked_token (jti, account_id, expires_at) VALUES ('expired-jti', gen_random_uuid(), now() - interval '1 minute')");
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    await api(gateway, officer.token).post('/auth/logout', undefined);
    expect(await gateway.runtime.dataSource.query("SELECT jti FROM revoked_token WHERE jti = 'expired-jti'")).toEqual([]);
  });

  it('refuses a body that is not {everywhere: boolean}', async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    const res = await api(gateway, officer.token).post('/auth/logout', { everywhere: 'yes' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'everywhere' }] });
    expect((await api(gateway, officer.token).get('/worklist')).status).toBe(200);
  });
});
