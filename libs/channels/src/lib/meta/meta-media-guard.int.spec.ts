// The Meta media fetchers against URLs an attacker controls: a Messenger attachment URL on a
// loopback listener, and a WhatsApp media metadata answer whose download URL points elsewhere.
// Each listener records what reached it, headers included.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MediaFetchError } from '../provider';
import type { WhatsAppSettings } from '../settings';
import { MetaMessagingMediaFetcher } from './meta-messaging.media';
import { WhatsAppMediaFetcher } from './whatsapp.media';

interface Listener {
  url: string;
  port: number;
  hits: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

const listeners: Listener[] = [];

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('stolen')): Promise<Listener> {
  const hits: Listener['hits'] = [];
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const l: Listener = {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
  listeners.push(l);
  return l;
}

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

const TOKEN = 'EAAG-secret-token';

/** A Graph stand-in (the configured META_GRAPH_URL) whose media metadata names `downloadUrl`. */
async function graphAnswering(downloadUrl: (graph: Listener) => string): Promise<Listener> {
  const graph: Listener = await listen((req, res) => {
    if (req.url?.startsWith('/v23.0/')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: downloadUrl(graph), mime_type: 'image/jpeg', id: 'm1' }));
    return res.writeHead(404).end();
  });
  return graph;
}

const whatsapp = (graphUrl: string): WhatsAppSettings => ({ phoneNumbers: new Map([['1065', 'BLP']]), accessToken: TOKEN, appSecret: 's', verifyToken: 'v', graphUrl, graphVersion: 'v23.0' });

describe('Messenger attachments', () => {
  it('an attachment URL on a loopback listener is refused and the listener receives no request', async () => {
    const inside = await listen();
    const fetcher = new MetaMessagingMediaFetcher('messenger', { graphUrl: 'https://graph.facebook.com' });
    const err = await fetcher.fetch({ kind: 'image', ref: `${inside.url}/admin/export?sig=abc` }, 'page-1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MediaFetchError);
    expect(err).toMatchObject({ provider: 'messenger', retryable: false, message: 'messenger attachment download: host not allowed: 127.0.0.1' });
    expect(inside.hits).toHaveLength(0);
  });

  it("a CDN host name resolving to a private address is refused before connecting", async () => {
    const inside = await listen();
    const fetcher = new MetaMessagingMediaFetcher('instagram', { graphUrl: 'https://graph.facebook.com' }, { lookup: async () => [{ address: '10.0.0.5', family: 4 }] });
    await expect(fetcher.fetch({ kind: 'image', ref: `http://lookaside.fbsbx.com:${inside.port}/ig_messaging_cdn/?asset_id=1` }, 'ig-1')).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('address not allowed for lookaside.fbsbx.com: 10.0.0.5'),
    });
    expect(inside.hits).toHaveLength(0);
  });
});

describe('WhatsApp media', () => {
  it('a download URL on a host that is not allowed is refused: the bearer token never reaches it', async () => {
    const thief = await listen();
    const graph = await graphAnswering(() => `${thief.url}/collect`);
    const err = await new WhatsAppMediaFetcher(whatsapp(graph.url)).fetch({ kind: 'image', ref: 'm1' }, '1065').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ provider: 'whatsapp', retryable: false, message: 'whatsapp media download: host not allowed: 127.0.0.1' });
    expect(graph.hits[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(thief.hits).toHaveLength(0);
  });

  it("an allowed media host that resolves to a loopback address is refused, the token not sent", async () => {
    const thief = await listen();
    const graph = await graphAnswering(() => `http://lookaside.fbsbx.com:${thief.port}/whatsapp_business/attachments/?mid=m1`);
    const fetcher = new WhatsAppMediaFetcher(whatsapp(graph.url), { lookup: async () => [{ address: '::ffff:127.0.0.1', family: 6 }] });
    await expect(fetcher.fetch({ kind: 'image', ref: 'm1' }, '1065')).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('address not allowed for lookaside.fbsbx.com') });
    expect(thief.hits).toHaveLength(0);
  });

  it("Graph's own redirect of the download to another host is refused there, without the token", async () => {
    const thief = await listen();
    const graph = await listen((req, res) => {
      if (req.url?.startsWith('/v23.0/')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `http://127.0.0.1:${(req.socket.address() as AddressInfo).port}/download/m1` }));
      return res.writeHead(302, { location: `${thief.url}/collect` }).end();
    });
    await expect(new WhatsAppMediaFetcher(whatsapp(graph.url)).fetch({ kind: 'image', ref: 'm1' }, '1065')).rejects.toMatchObject({ retryable: false, message: 'whatsapp media download: host not allowed: 127.0.0.1' });
    expect(graph.hits.map((h) => h.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(thief.hits).toHaveLength(0);
  });

  it('an attachment larger than the limit is refused while it streams', async () => {
    const graph: Listener = await listen((req, res) => {
      if (req.url?.startsWith('/v23.0/')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `${graph.url}/download/m1` }));
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.alloc(64 * 1024));
    });
    await expect(new WhatsAppMediaFetcher(whatsapp(graph.url), { maxBytes: 1024 }).fetch({ kind: 'image', ref: 'm1' }, '1065')).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('larger than 1024 bytes'),
    });
  });
});
