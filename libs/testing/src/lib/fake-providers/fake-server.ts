import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake provider received from the platform, as it came. */
export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  at: Date;
}

/** What a fake answers. */
export interface FakeResponse {
  status: number;
  /** An object is sent as JSON; a string or Buffer as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A programmed answer that replaces the normal one for the next matching requests. */
interface Override {
  remaining: number;
  response: FakeResponse;
  matches: (request: RecordedRequest) => boolean;
}

/** What the platform answered a webhook the fake sent. */
export interface WebhookAnswer {
  status: number;
  body: string;
}

/**
 * The base of every fake provider: a real HTTP server on 127.0.0.1 (a free port) that records
 * each request the platform's adapters make, answers as the provider documents, and can be told
 * to answer the next requests with an error (a rate limit, a 5xx) instead. Fakes also play the
 * provider's side of webhooks: they post signed requests to the platform, as the real one does.
 */
export abstract class FakeProviderServer {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;
  private overrides: Override[] = [];
  private baseUrl?: string;

  /** The fake's base URL, e.g. `http://127.0.0.1:41234` (what the adapter is configured with). */
  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.constructor.name} is not started`);
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Answers the next `times` requests that match (default: every request) with `response`
   * instead of the normal answer: `failNext(2, { status: 429, … })` rate-limits twice, then
   * the provider recovers.
   */
  failNext(times: number, response: FakeResponse, matches: (request: RecordedRequest) => boolean = () => true): void {
    this.overrides.push({ remaining: times, response, matches });
  }

  /** Requests to a path that matches. */
  requestsTo(path: RegExp | string): RecordedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  /** The provider's normal answer. */
  protected abstract route(request: RecordedRequest): FakeResponse | Promise<FakeResponse>;

  /** Posts a webhook to the platform as the provider does; answers what the platform said. */
  protected async postWebhook(url: string, body: string | Buffer, headers: Record<string, string>): Promise<WebhookAnswer> {
    const res = await fetch(url, { method: 'POST', body, headers });
    return { status: res.status, body: await res.text() };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: Buffer.concat(chunks), at: new Date() };
    this.requests.push(request);
    let response: FakeResponse;
    try {
      const override = this.overrides.find((o) => o.remaining > 0 && o.matches(request));
      if (override) {
        override.remaining -= 1;
        response = override.response;
      } else {
        response = await this.route(request);
      }
    } catch (err) {
      response = { status: 500, body: { error: `fake provider failed: ${(err as Error).message}` } };
    }
    const isRaw = typeof response.body === 'string' || Buffer.isBuffer(response.body);
    const payload = response.body === undefined ? '' : isRaw ? (response.body as string | Buffer) : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(isRaw || response.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...response.headers,
    });
    res.end(payload);
  }
}

/** Answers as JSON. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}

/** A Graph API error as Meta answers it (WhatsApp, Messenger and Instagram share the Graph API). */
export function graphError(status: number, code: number, message: string, extra: Record<string, unknown> = {}): FakeResponse {
  return jsonResponse(status, { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: randomBytes(8).toString('base64url') } });
}
