import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DOCS_CONTENT_SECURITY_POLICY } from '../http/configure-http';
import { isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// The gateway serving the built web app (a stand-in build in a temporary directory) beside its API.

const CSP = "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-4f2a9c1b.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("pengaduan");\n';

const root = mkdtempSync(join(tmpdir(), 'pengaduan-web-app-'));
const dist = join(root, 'dist');
let isolation: GatewayIsolation;
let gateway: TestGateway;

beforeAll(async () => {
  // Outside the app's directory: never served.
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { config: { adminWebDist: dist } });
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
  rmSync(root, { recursive: true, force: true });
});

const html = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const get = (path: string, headers: Record<string, string> = html, method = 'GET') => fetch(`${gateway.baseUrl}${path}`, { method, headers });

/** A request with the path exactly as written (fetch would normalise `..` away). */
function raw(path: string, headers: Record<string, string> = html): Promise<{ status: number; body: string }> {
  const url = new URL(gateway.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectAppHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(CSP);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the gateway serves the web app', () => {
  it('answers 503 saying how to build it while it is not built', async () => {
    const res = await get('/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('npm run build:web');
    expectAppHeaders(res);
    expect((await get('/lacak')).status).toBe(503);
    const head = await get('/', html, 'HEAD');
    expect(head.status).toBe(503);
    expect(await head.text()).toBe('');
  });

  describe('once built', () => {
    beforeAll(() => {
      mkdirSync(join(dist, 'assets'), { recursive: true });
      writeFileSync(join(dist, 'index.html'), INDEX);
      writeFileSync(join(dist, 'assets', 'index-4f2a9c1b.js'), SCRIPT);
      writeFileSync(join(dist, 'assets', 'index-77e1d0aa.css'), 'body{margin:0}');
      writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      writeFileSync(join(dist, '.env'), 'SECRET=1');
    });

    it('serves index.html at / to be revalidated on every use, with the security headers', async () => {
      const res = await get('/');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expectAppHeaders(res);
      expect(await res.text()).toBe(INDEX);
    });

    it('serves the hashed assets with their content types, cached for good', async () => {
      const js = await get('/assets/index-4f2a9c1b.js', { Accept: '*/*' });
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expectAppHeaders(js);
      expect(await js.text()).toBe(SCRIPT);
      const css = await get('/assets/index-77e1d0aa.css', { Accept: 'text/css,*/*;q=0.1' });
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
      const svg = await get('/favicon.svg', { Accept: 'image/*' });
      expect([svg.status, svg.headers.get('content-type'), svg.headers.get('cache-control')]).toEqual([200, 'image/svg+xml', 'no-cache']);
    });

    it('answers HEAD without a body, and a revalidation with 304', async () => {
      const head = await get('/assets/index-4f2a9c1b.js', { Accept: '*/*' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(SCRIPT)));
      expect(await head.text()).toBe('');
      const etag = (await get('/')).headers.get('etag');
      expect(etag).toBeTruthy();
      // Not with fetch, which sends Cache-Control: no-cache along with If-None-Match.
      expect(await raw('/', { ...html, 'If-None-Match': etag as string })).toEqual({ status: 304, body: '' });
    });

    it("answers the app's own routes with index.html, but not a missing file or a client that does not want HTML", async () => {
      for (const path of ['/lacak', '/lacak/BLP-2026-000123', '/complaints/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f?tab=outputs']) {
        const res = await get(path);
        expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
        expect(await res.text()).toBe(INDEX);
      }
      expect((await get('/assets/index-00000000.js')).status).toBe(404);
      expect((await get('/robots.txt')).status).toBe(404);
      expect((await get('/lacak', { Accept: 'application/json' })).status).toBe(404);
      expect((await fetch(`${gateway.baseUrl}/lacak`, { method: 'POST', headers: html })).status).toBe(404);
    });

    it('lists no directory', async () => {
      const res = await get('/assets/');
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('index-4f2a9c1b');
    });

    it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2E%2E/%2e%2e/secret.txt', '/..%5csecret.txt', '/.env', '/%2eenv', '/assets/%00.js'])(
      'refuses %s',
      async (path) => {
        const res = await raw(path);
        expect(res.status).toBe(404);
        expect(res.body).not.toMatch(/TOP-SECRET|SECRET=1/);
        expect(res.body).not.toBe(INDEX);
      },
    );

    it('leaves the API, its OpenAPI page, the webhooks and the probes alone', async () => {
      const unknown = await get('/api/v1/no-such-route');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // The API's own policy, which allows nothing; not the app's.
      expect(unknown.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);

      const docs = await get('/api/docs');
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      // The OpenAPI page has its own policy: Swagger UI's script files and inline styles, nothing else.
      expect(docs.headers.get('content-security-policy')).toBe(API_DOCS_CONTENT_SECURITY_POLICY);
      expect((await get('/api/docs-json', { Accept: 'application/json' })).status).toBe(200);

      const offices = await get('/api/v1/public/offices', { Accept: 'application/json' });
      expect([offices.status, await offices.json()]).toEqual([200, { offices: [] }]);

      const live = await get('/health/live');
      expect(live.status).toBe(200);
      expect(live.headers.get('content-type')).toMatch(/json/);
      // Not the app: forwarded to intake (unreachable in this suite), never answered with index.html.
      expect((await get('/webhooks/whatsapp')).status).toBe(502);
    });
  });
});
