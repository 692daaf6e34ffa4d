import { rawRequest, RecordingServer } from '@pengaduan/testing';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { SettableClock } from '@pengaduan/runtime';

// The gateway's public edge over real sockets: intake's webhooks are a real listener that records
// what arrives, and another real listener stands in for an internal host (or a cloud metadata
// endpoint) that an attacker would like the gateway to reach. Requests an attacker would send
// are written byte for byte on a TCP socket (fetch normalises paths and never sends absolute form).
// The web form's submissions are counted per client address in the real Postgres.

const intake = new RecordingServer(() => ({ status: 202, body: { submissionId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' } }));
const internalHost = new RecordingServer();
const received = intake.requests;
let isolation: GatewayIsolation;
let gateway: TestGateway;
// 03:05 UTC: the 10-minute window ends at 03:10.
const clock = new SettableClock(new Date('2026-03-20T03:05:00.000Z'));
let addressCounter = 0;
const address = () => `192.0.2.${++addressCounter}`;
/** Reads of a submission's status one address may make in ten minutes, here. */
const STATUS_READS = 10;
const SUBMISSION_ID = '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f';

beforeAll(async () => {
  await intake.start();
  await internalHost.start();
  isolation = await isolate();
  gateway = await startGateway({ intakeWebhooks: intake.url }, isolation, { clock, config: { trustProxy: ['loopback'], webFormStatusMaxPerAddress: STATUS_READS } });
});

afterAll(async () => {
  await gateway?.stop();
  await intake.stop();
  await internalHost.stop();
  await removeIsolation(isolation);
});

beforeEach(() => {
  received.length = 0;
  internalHost.requests.length = 0;
});

/** A submission as the web form's page posts it: a multipart body, sent as it is. */
function submission(n: number): { body: Buffer; contentType: string } {
  const boundary = `----pengaduan${n}`;
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="officeCode"\r\n\r\nBLP\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nPetugas meminta uang tambahan (${n}) \u00e9\r\n--${boundary}--\r\n`,
    'utf8',
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(path: string, from: string, n = 1): Promise<Response> {
  const { body, contentType } = submission(n);
  return fetch(`${gateway.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': contentType, 'X-Forwarded-For': from }, body });
}

describe('the public web form, against floods', () => {
  it('takes five submissions from one address in ten minutes, handed to intake byte for byte, and refuses the sixth before intake sees it', async () => {
    const from = address();
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n++) statuses.push((await post('/webhooks/web-form', from, n)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    expect(received.map((r) => [r.method, r.path])).toEqual(Array(5).fill(['POST', '/webhooks/web-form']));
    received.forEach((r, i) => {
      const sent = submission(i + 1);
      expect(r.body.equals(sent.body)).toBe(true);
      expect(r.headers['content-type']).toBe(sent.contentType);
    });

    const refused = await post('/webhooks/web-form', from, 6);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(5 * 60));
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'WEB_FORM.RATE_LIMITED', instance: '/webhooks/web-form' });
    expect(received).toHaveLength(5);

    expect((await post('/webhooks/web-form', address(), 7)).status).toBe(202);
    clock.advance(5 * 60_000);
    try {
      expect((await post('/webhooks/web-form', from, 8)).status).toBe(202);
    } finally {
      clock.advance(-5 * 60_000);
    }
  });

  it('counts the web form under its one route: after the limit, no other way of writing the path reaches intake', async () => {
    const from = address();
    for (let n = 1; n <= 5; n++) expect((await post('/webhooks/web-form', from, n)).status).toBe(202);
    expect((await post('/webhooks/web-form', from)).status).toBe(429);
    // The bypass an attacker found: each of these was accepted after the 429 and became a complaint.
    const detours: [string, number][] = [
      ['/webhooks/./web-form', 400],
      ['/webhooks/x/../web-form', 400],
      ['/webhooks/web-form/', 400],
      ['/webhooks/web%2Dform', 400],
      ['/webhooks//web-form', 400],
      ['/WEBHOOKS/web-form', 400],
      ['/webhooks/%2E/web-form', 400],
      ['/webhooks\\web-form', 400],
      ['/webhooks/Web-Form', 404],
      // The same route with a query is the same route, and counted.
      ['/webhooks/web-form?', 429],
    ];
    for (const [path, status] of detours) {
      const res = await rawRequest(gateway.baseUrl, `POST ${path} HTTP/1.1`, { 'X-Forwarded-For': from, 'Content-Type': 'application/json' }, '{}');
      expect({ path, status: res.status }).toEqual({ path, status });
    }
    expect(received).toHaveLength(5);
  });

  it('does not limit the providers’ webhooks (they retry), and counts the page asking for its tracking number apart from submissions', async () => {
    const from = address();
    for (let n = 1; n <= 8; n++) expect((await post('/webhooks/whatsapp', from, n)).status).toBe(202);
    for (let n = 1; n <= 8; n++) {
      const res = await fetch(`${gateway.baseUrl}/webhooks/web-form/${SUBMISSION_ID}`, { headers: { 'X-Forwarded-For': from } });
      expect(res.status).toBe(202);
    }
    for (let n = 1; n <= 5; n++) expect((await post('/webhooks/web-form', from, n)).status).toBe(202);
    expect(received).toHaveLength(21);
  });

  it('refuses a script that keeps reading a submission’s status (each answer may issue a tracking PIN) before intake sees it, and only at that address', async () => {
    const from = address();
    const read = (submissionId = SUBMISSION_ID, by = from) => fetch(`${gateway.baseUrl}/webhooks/web-form/${submissionId}`, { headers: { 'X-Forwarded-For': by } });
    for (let n = 1; n <= STATUS_READS; n++) expect((await read()).status).toBe(202);
    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(5 * 60));
    expect(await refused.json()).toMatchObject({ status: 429, code: 'WEB_FORM.RATE_LIMITED' });
    // Another id from the same address is the same count; another address reads on.
    expect((await read('0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e60')).status).toBe(429);
    expect(received).toHaveLength(STATUS_READS);
    expect((await read(SUBMISSION_ID, address())).status).toBe(202);
    // The report itself can still be sent from there: submissions are counted apart.
    expect((await post('/webhooks/web-form', from)).status).toBe(202);
  });

  it('keeps no client address in clear', async () => {
    const rows = (await gateway.runtime.dataSource.query(`SELECT bucket, key FROM public_rate_limit`)) as { bucket: string; key: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect([...new Set(rows.map((r) => r.bucket))].sort()).toEqual(['web-form-status:address', 'web-form:address']);
    expect(JSON.stringify(rows)).not.toMatch(/192\.0\.2|127\.0\.0\.1/);
  });
});

describe('the public edge, attacked', () => {
  const internal = () => new URL(internalHost.url);

  it('is no open proxy: an absolute-form request line is refused and neither its host nor intake is contacted', async () => {
    const { host } = internal();
    for (const line of [`GET http://${host}/webhooks/x HTTP/1.1`, `POST http://${host}/webhooks/web-form HTTP/1.1`, `GET http://${host}/latest/meta-data/ HTTP/1.1`, `GET //${host}/webhooks/whatsapp HTTP/1.1`, 'OPTIONS * HTTP/1.1']) {
      const res = await rawRequest(gateway.baseUrl, line, { 'Content-Type': 'application/json' }, '{"x":1}');
      expect({ line, status: res.status, code: (JSON.parse(res.body) as { code: string }).code }).toEqual({ line, status: 400, code: 'HTTP.NOT_ORIGIN_FORM' });
    }
    // CONNECT is for proxies: the server closes the connection without an answer.
    expect((await rawRequest(gateway.baseUrl, `CONNECT ${host} HTTP/1.1`)).status).toBeNaN();
    expect(internalHost.requests).toEqual([]);
    expect(received).toEqual([]);
  });

  it('forwards only a provider route written the one way, always to intake, with the path and query it came with', async () => {
    const refused: [string, number][] = [
      ['GET /webhooks/../health/ready', 400],
      ['GET /webhooks/%2e%2e/health/ready', 400],
      ['GET /webhooks/..%2fhealth%2fready', 400],
      ['POST /webhooks/./web-form', 400],
      ['POST /webhooks\\..\\web-form', 400],
      ['POST /webhooks//whatsapp', 400],
      ['POST /webhooks/whatsapp/', 400],
      ['POST /webhooks/whats%61pp', 400],
      ['POST /webhooks/WhatsApp', 404],
      ['POST /webhooks/nosuch', 404],
      ['POST /webhooks/whatsapp/status', 404],
      ['POST /webhooks/twilio/status/x', 400],
      ['GET /webhooks/twilio', 405],
      ['POST /webhooks', 400],
      [`POST /webhooks/whatsapp/..%2f..%2f${internal().host}`, 400],
    ];
    for (const [request, status] of refused) {
      const res = await rawRequest(gateway.baseUrl, `${request} HTTP/1.1`, { 'Content-Type': 'application/json' }, '{}');
      expect({ request, status: res.status }).toEqual({ request, status });
      if (res.status !== 400 || !res.body.startsWith('<')) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(received).toEqual([]);
    expect(internalHost.requests).toEqual([]);

    const ok = await rawRequest(gateway.baseUrl, 'POST /webhooks/twilio/status?a=1&b=%2F HTTP/1.1', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'MessageSid=SM1');
    expect(ok.status).toBe(202);
    expect(received.map((r) => [r.method, r.path, r.query.toString(), r.headers['host'], r.body.toString()])).toEqual([
      ['POST', '/webhooks/twilio/status', 'a=1&b=%2F', new URL(intake.url).host, 'MessageSid=SM1'],
    ]);
  });

  it('puts the security headers on every answer: the API, a refusal, a forwarded webhook, a probe', async () => {
    const answers = [
      await rawRequest(gateway.baseUrl, 'GET /api/v1/worklist HTTP/1.1'),
      await rawRequest(gateway.baseUrl, 'GET /webhooks/../x HTTP/1.1'),
      await rawRequest(gateway.baseUrl, 'GET /webhooks/web-form/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f HTTP/1.1'),
      await rawRequest(gateway.baseUrl, 'GET /health/live HTTP/1.1'),
    ];
    for (const a of answers) {
      expect(a.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
      expect(a.headers['content-security-policy']).toContain("default-src 'none'");
      expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(a.headers['x-powered-by']).toBeUndefined();
      expect(a.headers['strict-transport-security']).toBeUndefined();
    }
    // HSTS only where the request came over TLS, as a trusted proxy says.
    const overTls = await rawRequest(gateway.baseUrl, 'GET /health/live HTTP/1.1', { 'X-Forwarded-Proto': 'https' });
    expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
