import { SignJWT } from 'jose';
import { SettableClock } from '@pengaduan/runtime';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway, type TestOfficer } from '../__fixtures__/gateway-app';
import { TOKEN_ISSUER } from '../auth/access-tokens';

let isolation: GatewayIsolation;
let gateway: TestGateway;
const clock = new SettableClock(new Date());
let sectionOfficer: TestOfficer;

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { clock, jwtTtlSeconds: 3_600 });
  sectionOfficer = await gateway.addOfficer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM', username: 'seksi.inteldakim' });
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

function login(body: unknown): Promise<Response> {
  return api(gateway, undefined).post('/auth/login', body);
}

describe('an officer logs in', () => {
  it('gets an 8 h (here 1 h) bearer token and who they are, which opens the API', async () => {
    const res = await login({ username: 'seksi.inteldakim', password: sectionOfficer.password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { id: string } };
    expect(body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: 3_600,
      user: { id: expect.any(String), username: 'seksi.inteldakim', displayName: 'Test SEKSI_TERKAIT', role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' },
    });
    expect(JSON.stringify(body)).not.toContain(sectionOfficer.password);
    expect((await api(gateway, body.accessToken).get('/worklist')).status).toBe(200);
  });

  it('is logged in with the username in any case and spaces around it', async () => {
    expect((await login({ username: '  Seksi.Inteldakim ', password: sectionOfficer.password })).status).toBe(200);
  });

  it('gets the same 401 for a wrong password and for a username that does not exist', async () => {
    const wrongPassword = await login({ username: 'seksi.inteldakim', password: `${sectionOfficer.password}x` });
    const unknownUser = await login({ username: 'nobody.here', password: sectionOfficer.password });
    expect([wrongPassword.status, unknownUser.status]).toEqual([401, 401]);
    const [a, b] = [await wrongPassword.json(), await unknownUser.json()];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', detail: 'the username or the password is wrong' });
    expect(wrongPassword.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('gets 401 once the account is deactivated, and so does a token issued before', async () => {
    const officer = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    await gateway.runtime.dataSource.query('UPDATE user_account SET active = false WHERE username = $1', [officer.username]);
    expect((await login({ username: officer.username, password: officer.password })).status).toBe(401);
    const res = await api(gateway, officer.token).get('/worklist');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('is told which fields are missing, without the password echoed', async () => {
    const res = await login({ username: 'seksi.inteldakim' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'password' }] });
  });
});

describe('the API without a valid token', () => {
  it.each(['/worklist', '/complaints', '/complaints/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', '/sections'])('answers GET %s with a 401 problem naming the bearer scheme', async (path) => {
    const res = await api(gateway, undefined).get(path);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="pengaduan"');
    expect(await res.json()).toMatchObject({ status: 401, code: 'AUTH.MISSING_TOKEN' });
  });

  it('answers a command without a token with 401 before anything else', async () => {
    const res = await api(gateway, undefined).post('/complaints/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f/confirm', {});
    expect(res.status).toBe(401);
  });

  it('refuses a token once it has expired', async () => {
    const token = await gateway.login(sectionOfficer);
    expect((await api(gateway, token).get('/worklist')).status).toBe(200);
    clock.advance(3_601_000);
    try {
      const res = await api(gateway, token).get('/worklist');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    } finally {
      clock.advance(-3_601_000);
    }
  });

  it('refuses a token forged with another secret, even for a real account and role', async () => {
    const me = (await (await login({ username: 'seksi.inteldakim', password: sectionOfficer.password })).json()) as { user: { id: string } };
    const forged = await new SignJWT({ role: 'KEPALA_KANTOR', office: 'BLP' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.user.id)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(48)));
    const res = await api(gateway, forged).get('/worklist');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'AUTH.INVALID_TOKEN' });
  });

  it('serves the health probes and the OpenAPI document to anyone', async () => {
    expect((await fetch(`${gateway.baseUrl}/health/ready`)).status).toBe(200);
    expect((await fetch(`${gateway.baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${gateway.baseUrl}/api/docs`)).status).toBe(200);
    const doc = (await (await fetch(`${gateway.baseUrl}/api/docs-json`)).json()) as { components: { securitySchemes: Record<string, unknown> } };
    expect(doc.components.securitySchemes).toEqual({ 'access-token': expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
  });
});
