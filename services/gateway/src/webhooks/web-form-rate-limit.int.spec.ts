import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { SettableClock } from '../__fixtures__/settable-clock';

// The public web form's submissions are counted per client address (real Postgres) before the
// gateway's proxy streams them to intake, here a plain local HTTP server that records what arrives.

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const received: Received[] = [];
let intakeWebhooks: Server;
let isolation: GatewayIsolation;
let gateway: TestGateway;
// 03:05 UTC: the 10-minute window ends at 03:10.
const clock = new SettableClock(new Date('2026-03-20T03:05:00.000Z'));
let addressCounter = 0;
const address = () => `192.0.2.${++addressCounter}`;

beforeAll(async () => {
  intakeWebhooks = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ submissionId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' }));
    });
  });
  await new Promise<void>((resolve) => intakeWebhooks.listen(0, '127.0.0.1', resolve));
  isolation = await isolate();
  gateway = await startGateway({ intakeWebhooks: `http://127.0.0.1:${(intakeWebhooks.address() as AddressInfo).port}` }, isolation, {
    clock,
    config: { trustProxy: ['loopback'] },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => intakeWebhooks?.close(resolve));
  await removeIsolation(isolation);
});

beforeEach(() => {
  received.length = 0;
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
    expect(received.map((r) => [r.method, r.url])).toEqual(Array(5).fill(['POST', '/webhooks/web-form']));
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

  it('counts the web form however its path is written', async () => {
    const from = address();
    const paths = ['/webhooks/web-form/', '/webhooks/Web-Form', '/webhooks/web%2Dform', '/webhooks//web-form', '/webhooks/web-form'];
    for (const path of paths) expect((await post(path, from)).status).toBe(202);
    expect((await post('/webhooks/WEB-FORM/', from)).status).toBe(429);
    expect(received).toHaveLength(5);
  });

  it('does not limit the providers’ webhooks (they retry) nor the page asking for its tracking number', async () => {
    const from = address();
    for (let n = 1; n <= 8; n++) expect((await post('/webhooks/whatsapp', from, n)).status).toBe(202);
    for (let n = 1; n <= 8; n++) {
      const res = await fetch(`${gateway.baseUrl}/webhooks/web-form/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f`, { headers: { 'X-Forwarded-For': from } });
      expect(res.status).toBe(202);
    }
    expect(received).toHaveLength(16);
  });

  it('keeps no client address in clear', async () => {
    const rows = (await gateway.runtime.dataSource.query(`SELECT bucket, key FROM public_rate_limit`)) as { bucket: string; key: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.bucket === 'web-form:address')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/192\.0\.2|127\.0\.0\.1/);
  });
});
