// The guarded client over real sockets: listeners on 127.0.0.1 play configured origins, attackers'
// targets, endless and slow servers. Host names resolve through an injected lookup, so a name on
// the allow-list can be made to answer a private address.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { refusal } from '@pengaduan/testing';
import { MediaFetchError } from '../provider';
import { guardedGet, MAX_REDIRECTS, type FetchLimits, type HostLookup, type OutboundPolicy } from './guarded-fetch';

interface Listener {
  url: string;
  port: number;
  /** Every request that reached it. */
  hits: { path: string; headers: IncomingHttpHeaders }[];
  /** Resolves when a connection to it closes (set before the request). */
  connectionClosed(): Promise<number>;
  close(): Promise<void>;
}

const listeners: Listener[] = [];

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok')): Promise<Listener> {
  const hits: Listener['hits'] = [];
  let onClose: ((at: number) => void) | undefined;
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', (socket) => socket.on('close', () => onClose?.(Date.now())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const listener: Listener = {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    connectionClosed: () => new Promise<number>((resolve) => (onClose = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  listeners.push(listener);
  return listener;
}

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

/** A lookup that answers `addresses` for every name, and counts the questions. */
function lookupTo(...addresses: string[]): jest.Mock<ReturnType<HostLookup>, Parameters<HostLookup>> {
  return jest.fn(async (_hostname: string) => addresses.map((address) => ({ address, family: isIP(address) })));
}

const noLookup: HostLookup = async (host) => {
  throw new Error(`unexpected DNS lookup of ${host}`);
};

const policy = (configuredOrigins: string[], allowedHosts: string[] = ['*.fbcdn.net']): OutboundPolicy => ({ provider: 'messenger', configuredOrigins, allowedHosts });
const limits = (over: Partial<FetchLimits> = {}): FetchLimits => ({ maxBytes: 1024 * 1024, timeoutMs: 5_000, lookup: noLookup, ...over });

describe('guardedGet: where it may go', () => {
  it('fetches from a configured origin, even on a loopback address', async () => {
    const origin = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('png-bytes'));
    const res = await guardedGet(`${origin.url}/cdn/1?sig=x`, policy([origin.url]), limits(), { step: 'attachment download' });
    expect(res.status).toBe(200);
    expect(res.bytes.toString()).toBe('png-bytes');
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a loopback listener that is not a configured origin: it receives nothing', async () => {
    const target = await listen();
    const err = await refusal(guardedGet(`${target.url}/internal?token=secret`, policy(['https://graph.facebook.com']), limits(), { step: 'attachment download' }), MediaFetchError);
    expect(err).toMatchObject({ provider: 'messenger', retryable: false, status: undefined });
    expect(err.message).toBe('messenger attachment download: host not allowed: 127.0.0.1');
    expect(err.message).not.toContain('secret');
    expect(target.hits).toHaveLength(0);
  });

  it('refuses other schemes and URLs with credentials', async () => {
    const target = await listen();
    expect((await refusal(guardedGet('file:///etc/passwd', policy([]), limits(), { step: 's' }), MediaFetchError)).message).toContain('scheme not allowed: file');
    expect((await refusal(guardedGet('ftp://media.fbcdn.net/x', policy([]), limits(), { step: 's' }), MediaFetchError)).message).toContain('scheme not allowed: ftp');
    expect((await refusal(guardedGet(`http://u:p@127.0.0.1:${target.port}/`, policy([target.url]), limits(), { step: 's' }), MediaFetchError)).message).toContain('credentials in the URL');
    expect(target.hits).toHaveLength(0);
  });

  it.each(['127.0.0.1', '10.0.0.1', '169.254.169.254', '::1', '::ffff:127.0.0.1', '100.64.1.1', 'fd00::1', '64:ff9b::7f00:1'])(
    'refuses an allowed host name that resolves to %s, before connecting',
    async (address) => {
      const target = await listen();
      const lookup = lookupTo(address);
      const err = await refusal(guardedGet(`http://scontent.xx.fbcdn.net:${target.port}/v/photo.jpg`, policy([]), limits({ lookup }), { step: 'attachment download' }), MediaFetchError);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(`address not allowed for scontent.xx.fbcdn.net: ${address}`);
      expect(lookup).toHaveBeenCalledWith('scontent.xx.fbcdn.net');
      expect(target.hits).toHaveLength(0);
    },
  );

  it('refuses a host when any one of its addresses is private', async () => {
    const target = await listen();
    const err = await refusal(guardedGet(`http://cdn.fbcdn.net:${target.port}/x`, policy([]), limits({ lookup: lookupTo('157.240.1.35', '127.0.0.1') }), { step: 's' }), MediaFetchError);
    expect(err.message).toContain('127.0.0.1 (loopback)');
    expect(target.hits).toHaveLength(0);
  });

  it('checks a literal IP like a resolved one, even when the allow-list names it', async () => {
    const target = await listen();
    const err = await refusal(guardedGet(`${target.url}/x`, policy([], ['127.0.0.1']), limits(), { step: 's' }), MediaFetchError);
    expect(err.message).toContain('address not allowed for 127.0.0.1: 127.0.0.1 (loopback)');
    const v6 = await refusal(guardedGet(`http://[::1]:${target.port}/x`, policy([], ['::1']), limits(), { step: 's' }), MediaFetchError);
    expect(v6.retryable).toBe(false);
    expect(target.hits).toHaveLength(0);
  });

  it('connects to the address it checked: no second lookup can swap in a private one', async () => {
    const target = await listen();
    // The first answer is public, every later one loopback (DNS rebinding): only one question may be asked.
    const lookup = jest.fn<ReturnType<HostLookup>, Parameters<HostLookup>>().mockResolvedValueOnce([{ address: '1.1.1.1', family: 4 }]).mockResolvedValue([{ address: '127.0.0.1', family: 4 }]);
    const connectedTo: string[] = [];
    // The socket says where it is about to connect; it is closed there, before reaching out to the internet.
    const onSocket = (message: unknown) => {
      const { socket } = message as { socket: Socket };
      socket.on('lookup', (_err: Error | null, address: string) => {
        connectedTo.push(address);
        socket.destroy();
      });
    };
    subscribe('net.client.socket', onSocket);
    try {
      const err = await refusal(guardedGet(`http://media.fbcdn.net:${target.port}/x`, policy([]), limits({ lookup, timeoutMs: 1_000 }), { step: 's' }), MediaFetchError);
      expect(err).toMatchObject({ retryable: true, message: 'messenger s: network error' });
    } finally {
      unsubscribe('net.client.socket', onSocket);
    }
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(connectedTo).toEqual(['1.1.1.1']);
    expect(target.hits).toHaveLength(0);
  });
});

describe('guardedGet: redirects', () => {
  it("refuses a configured origin's redirect to a listener that is not allowed: that listener receives nothing", async () => {
    const inside = await listen();
    const origin = await listen((_req, res) => res.writeHead(302, { location: `${inside.url}/admin` }).end());
    const err = await refusal(guardedGet(`${origin.url}/cdn/1`, policy([origin.url]), limits(), { step: 'attachment download' }), MediaFetchError);
    expect(err.message).toBe('messenger attachment download: host not allowed: 127.0.0.1');
    expect(origin.hits).toHaveLength(1);
    expect(inside.hits).toHaveLength(0);
  });

  it('refuses a redirect to an allowed name that resolves to a private address', async () => {
    const inside = await listen();
    const origin = await listen((_req, res) => res.writeHead(307, { location: `http://scontent.fbcdn.net:${inside.port}/x` }).end());
    const err = await refusal(guardedGet(`${origin.url}/cdn/1`, policy([origin.url]), limits({ lookup: lookupTo('169.254.169.254') }), { step: 's' }), MediaFetchError);
    expect(err.message).toContain('169.254.169.254 (link-local)');
    expect(inside.hits).toHaveLength(0);
  });

  it('follows a redirect to an allowed place; the credential stays on its origin', async () => {
    const files = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end('jpeg'));
    const api = await listen((req, res) => {
      if (req.url === '/media/1') return res.writeHead(302, { location: '/media/1/content' }).end();
      return res.writeHead(301, { location: `${files.url}/file.jpg` }).end();
    });
    const res = await guardedGet(`${api.url}/media/1`, policy([api.url, files.url]), limits(), { step: 'media download', credentials: { authorization: 'Basic c2VjcmV0' } });
    expect(res.bytes.toString()).toBe('jpeg');
    expect(api.hits.map((h) => [h.path, h.headers.authorization])).toEqual([
      ['/media/1', 'Basic c2VjcmV0'],
      ['/media/1/content', 'Basic c2VjcmV0'],
    ]);
    expect(files.hits).toHaveLength(1);
    expect(files.hits[0]?.headers.authorization).toBeUndefined();
  });

  it(`follows at most ${MAX_REDIRECTS} redirects`, async () => {
    const origin = await listen((req, res) => res.writeHead(302, { location: `/hop${req.url}` }).end());
    const err = await refusal(guardedGet(`${origin.url}/x`, policy([origin.url]), limits(), { step: 's' }), MediaFetchError);
    expect(err).toMatchObject({ retryable: false, status: 302 });
    expect(err.message).toContain(`more than ${MAX_REDIRECTS} redirects`);
    expect(origin.hits).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('never sends a credential to a host that is not a configured origin, even when asked to use it on allowed hosts', async () => {
    const target = await listen();
    await refusal(guardedGet(`${target.url}/x`, policy(['https://graph.facebook.com']), limits(), { step: 's', credentials: { authorization: 'Bearer t' }, credentialsTo: 'allowed-hosts' }), MediaFetchError);
    expect(target.hits).toHaveLength(0);
  });
});

describe('guardedGet: size and time', () => {
  const CAP = 256 * 1024;
  const CHUNK = 64 * 1024;

  /** The client request of the next fetch, to read how many bytes its socket took in. */
  function watchRequests(): { requests: ClientRequest[]; stop(): void } {
    const requests: ClientRequest[] = [];
    const onStart = (message: unknown) => requests.push((message as { request: ClientRequest }).request);
    subscribe('http.client.request.start', onStart);
    return { requests, stop: () => unsubscribe('http.client.request.start', onStart) };
  }

  it('aborts an endless body without Content-Length at the cap, reading at most a chunk past it', async () => {
    let written = 0;
    const endless = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      const chunk = Buffer.alloc(CHUNK, 1);
      const pump = () => {
        while (!res.destroyed) {
          written += CHUNK;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    const watch = watchRequests();
    const closed = endless.connectionClosed();
    const started = Date.now();
    try {
      const err = await refusal(guardedGet(`${endless.url}/video`, policy([endless.url]), limits({ maxBytes: CAP }), { step: 'media download' }), MediaFetchError);
      expect(err).toMatchObject({ retryable: false, status: undefined });
      expect(err.message).toBe(`messenger media download: larger than ${CAP} bytes`);
    } finally {
      watch.stop();
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2_000);
    // Kept: never more than the cap. Taken in by the socket: the cap, the chunk that crossed it and
    // at most one socket read (64 KiB) ahead, whatever the server goes on writing.
    const bytesRead = watch.requests[0]?.socket?.bytesRead ?? Number.POSITIVE_INFINITY;
    expect(bytesRead).toBeGreaterThan(CAP);
    expect(bytesRead).toBeLessThanOrEqual(CAP + 2 * CHUNK);
    // The connection is closed at once, not left to drain, while the server would go on for ever.
    expect((await closed) - started).toBeLessThan(2_000);
    expect(written).toBeGreaterThan(CAP);
  });

  it('refuses a Content-Length over the cap without reading the body', async () => {
    const big = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(CAP * 10) });
      res.flushHeaders();
      // The body never comes: a client that waited for it would time out instead.
    });
    const watch = watchRequests();
    const started = Date.now();
    try {
      const err = await refusal(guardedGet(`${big.url}/video`, policy([big.url]), limits({ maxBytes: CAP, timeoutMs: 3_000 }), { step: 'media download' }), MediaFetchError);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(`larger than ${CAP} bytes (Content-Length ${CAP * 10})`);
    } finally {
      watch.stop();
    }
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(watch.requests[0]?.socket?.bytesRead ?? Number.POSITIVE_INFINITY).toBeLessThan(1024);
  });

  it('keeps a body of exactly the cap', async () => {
    const exact = await listen((_req, res) => res.end(Buffer.alloc(CAP, 2)));
    const res = await guardedGet(`${exact.url}/x`, policy([exact.url]), limits({ maxBytes: CAP }), { step: 's' });
    expect(res.bytes.length).toBe(CAP);
  });

  it('times out a listener that never answers, as a retryable failure', async () => {
    const silent = await listen(() => undefined);
    const started = Date.now();
    const err = await refusal(guardedGet(`${silent.url}/x`, policy([silent.url]), limits({ timeoutMs: 300 }), { step: 'media download' }), MediaFetchError);
    expect(err).toMatchObject({ retryable: true });
    expect(err.message).toBe('messenger media download: timed out');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out a body that trickles, the deadline covering the whole fetch', async () => {
    const trickle = await listen((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 50);
    });
    const started = Date.now();
    const err = await refusal(guardedGet(`${trickle.url}/x`, policy([trickle.url]), limits({ timeoutMs: 400 }), { step: 's' }), MediaFetchError);
    expect(err).toMatchObject({ retryable: true, status: 200 });
    expect(err.message).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers 4xx as final and 429/5xx as retryable, without reading their bodies into the result', async () => {
    const origin = await listen((req, res) => res.writeHead(Number(req.url?.slice(1))).end('nope'));
    await expect(guardedGet(`${origin.url}/404`, policy([origin.url]), limits(), { step: 's' })).rejects.toMatchObject({ status: 404, retryable: false });
    await expect(guardedGet(`${origin.url}/429`, policy([origin.url]), limits(), { step: 's' })).rejects.toMatchObject({ status: 429, retryable: true });
    await expect(guardedGet(`${origin.url}/503`, policy([origin.url]), limits(), { step: 's' })).rejects.toMatchObject({ status: 503, retryable: true });
    const answered = await guardedGet(`${origin.url}/400`, policy([origin.url]), limits(), { step: 's', answerStatus: (s) => s === 400 });
    expect(answered).toMatchObject({ status: 400, bytes: Buffer.from('nope') });
  });
});
