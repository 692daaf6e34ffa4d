// Test support: a stand-in for intake's /webhooks/<provider> that verifies and parses with an
// adapter and answers as intake would, so a fake provider's signed webhooks can be checked
// end to end over real HTTP without the service.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundProvider, ParsedWebhook, WebhookRequest } from '../provider';

export interface WebhookEndpoint {
  url: string;
  /** The URL to give the fake: the endpoint's base plus the webhook's path. */
  webhookUrl: string;
  /** What each accepted request parsed to, in order. */
  parsed: ParsedWebhook[];
  close(): Promise<void>;
}

export async function webhookEndpoint(provider: InboundProvider, prefix: string): Promise<WebhookEndpoint> {
  const parsed: ParsedWebhook[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const request: WebhookRequest = { method: 'POST', publicUrl: `${url}${req.url}`, subpath: path.slice(prefix.length), headers, query: {}, rawBody: Buffer.concat(chunks) };
    const verified = provider.verify(request);
    if (!verified.ok) return res.writeHead(verified.status).end(verified.reason);
    try {
      parsed.push(provider.parse(request, new Date()));
    } catch (err) {
      return res.writeHead((err as { code?: string }).code === 'WEBHOOK.UNKNOWN_ACCOUNT' ? 403 : 400).end();
    }
    res.writeHead(200, { 'content-type': provider.ack.contentType }).end(provider.ack.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, webhookUrl: `${url}${prefix}`, parsed, close: () => new Promise<void>((r) => server.close(() => r())) };
}
