import { api } from '../__fixtures__/gateway-app';
import { accountsSuite, loginAs } from '../users/__fixtures__/accounts-suite';

// The head of office deactivates an account of the office and lists the office's accounts
// (ADR 0022). Over real sockets, on the real Postgres.

const s = accountsSuite();
const login = (username: string, password: string) => loginAs(s.gateway, username, password);

describe('the head of office deactivates an account', () => {
  it('which can no longer log in, and whose tokens are refused at once', async () => {
    const officer = await s.gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    const res = await api(s.gateway, s.head.token).post(`/users/${officer.username}/deactivate`, undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: officer.username, active: false });
    expect((await api(s.gateway, officer.token).get('/worklist')).status).toBe(401);
    expect((await login(officer.username, officer.password)).status).toBe(401);
    expect((await api(s.gateway, s.head.token).post(`/users/${officer.username}/deactivate`, undefined)).status).toBe(200);
    const log = (await (await api(s.gateway, s.head.token).get(`/auth/security-log?username=${officer.username}`)).json()) as { items: { kind: string; actorUsername?: string }[] };
    expect(log.items).toEqual([expect.objectContaining({ kind: 'LOGIN_FAILED' }), expect.objectContaining({ kind: 'ACCOUNT_DEACTIVATED', actorUsername: s.head.username })]);
  });

  it('but not their own, nor one of another office, and no other role may', async () => {
    const self = await api(s.gateway, s.head.token).post(`/users/${s.head.username}/deactivate`, undefined);
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ code: 'ACCOUNT.CANNOT_DEACTIVATE_SELF' });
    expect((await api(s.gateway, s.otherHead.token).post(`/users/${s.head.username}/deactivate`, undefined)).status).toBe(404);
    const auditor = await s.gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    expect((await api(s.gateway, auditor.token).post(`/users/${s.head.username}/deactivate`, undefined)).status).toBe(403);
    expect((await api(s.gateway, s.head.token).get('/worklist')).status).toBe(200);
  });
});

describe("the office's accounts", () => {
  it('are listed to its head, without another office’s, and to no other role', async () => {
    const res = await api(s.gateway, s.head.token).get('/users');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { username: string; role: string; active: boolean }[] };
    expect(items.map((a) => a.username)).toContain(s.head.username);
    expect(items.map((a) => a.username)).not.toContain(s.otherHead.username);
    expect(JSON.stringify(items)).not.toMatch(/argon2|passwordHash/);
    expect(items.find((a) => a.username === s.head.username)).toMatchObject({ role: 'KEPALA_KANTOR', active: true });
    const auditor = await s.gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    expect((await api(s.gateway, auditor.token).get('/users')).status).toBe(403);
  });

});
