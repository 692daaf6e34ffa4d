import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { MediaFetchError, type ProviderId } from '../provider';
import { refusedAddressReason } from './address-policy';
import { hostAllowed, normalisedHost } from './host-patterns';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (tests inject their own answers). */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver, every address, in the resolver's order. */
export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Where one provider's fetches may go. */
export interface OutboundPolicy {
  provider: ProviderId;
  /**
   * Origins from configuration (`META_GRAPH_URL`, `TWILIO_API_URL` …), matched exactly. The
   * operator chose them, so their addresses are trusted even when private (fakes on 127.0.0.1).
   */
  configuredOrigins: readonly string[];
  /** Host patterns the provider serves media from (`*.fbcdn.net`); every address they resolve to must be public. */
  allowedHosts: readonly string[];
}

/** How much one fetch may take. */
export interface FetchLimits {
  /** The largest body read; a larger one is refused, never buffered. */
  maxBytes: number;
  /** The whole fetch, redirects and DNS included. */
  timeoutMs: number;
  /** Default: the system resolver. */
  lookup?: HostLookup;
}

export interface GuardedGetOptions {
  /** What the fetch is for, in messages: `media download`. */
  step: string;
  headers?: Record<string, string>;
  /** Headers that carry a credential (`authorization`): sent only where {@link credentialsTo} allows. */
  credentials?: Record<string, string>;
  /**
   * `configured-origin` (default): only to a configured origin. `allowed-hosts`: also to the
   * provider's own media hosts, for an API that requires its token there (WhatsApp's media URL).
   * Either way never after a redirect to another origin.
   */
  credentialsTo?: 'configured-origin' | 'allowed-hosts';
  /** Statuses besides 2xx whose body is answered rather than thrown (an API that explains a refusal in JSON). */
  answerStatus?: (status: number) => boolean;
  /** A lower cap than the limits' for this fetch (an API's JSON answer). */
  maxBytes?: number;
}

/** The final answer, its body read in full (within the cap). */
export interface BytesResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** Redirects followed at most; each target is checked like the first. */
export const MAX_REDIRECTS = 3;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The one way a URL that came from outside (a webhook, a provider's metadata) is fetched: GET,
 * http(s) only, to a configured origin or an allow-listed host whose every resolved address is
 * public, connecting to the address that was checked; redirects re-checked (at most
 * {@link MAX_REDIRECTS}); credentials only where {@link GuardedGetOptions.credentialsTo} allows;
 * the body capped while it streams; one deadline over the whole. Throws {@link MediaFetchError}:
 * refusals and 4xx are final, network errors, timeouts, 429 and 5xx retryable. Messages name the
 * host at most, never the URL (its query can carry a signature or a token).
 */
export async function guardedGet(url: string, policy: OutboundPolicy, limits: FetchLimits, options: GuardedGetOptions): Promise<BytesResponse> {
  const { provider } = policy;
  const refuse = (why: string, status?: number) => new MediaFetchError(provider, status, false, `${provider} ${options.step}: ${why}`);
  const transient = (why: string, status?: number) => new MediaFetchError(provider, status, true, `${provider} ${options.step}: ${why}`);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const lookup = limits.lookup ?? systemLookup;
  const maxBytes = Math.min(options.maxBytes ?? limits.maxBytes, limits.maxBytes);

  let current = parseUrl(url, refuse);
  const configured = (u: URL) => policy.configuredOrigins.some((o) => originOf(o) === u.origin);
  let sendCredentials = credentialsAllowed(current, configured(current), policy, options);

  for (let hop = 0; ; hop += 1) {
    const pinned = await checkTarget(current, policy, configured(current), lookup, signal, refuse, transient);
    const headers = { ...options.headers, ...(sendCredentials ? options.credentials : {}) };
    let exchange: Exchange;
    try {
      exchange = await send(current, headers, pinned, signal);
    } catch {
      throw signal.aborted ? transient('timed out') : transient('network error');
    }
    const { req, res } = exchange;
    try {
      const status = res.statusCode ?? 0;
      const next = redirectTarget(status, res.headers.location, hop, current, refuse);
      if (next) {
        // A credential never follows a redirect to another origin.
        sendCredentials = sendCredentials && next.origin === current.origin;
        current = next;
        continue;
      }
      if ((status < 200 || status >= 300) && !options.answerStatus?.(status)) {
        throw new MediaFetchError(provider, status, status === 429 || status >= 500, `${provider} ${options.step}: HTTP ${status}`);
      }
      const bytes = await readCapped(res, maxBytes, signal, refuse, transient);
      return { status, headers: headersOf(res), bytes };
    } finally {
      // Whatever was not read is dropped with the connection (there is no pooling: agent false).
      req.destroy();
    }
  }
}

function originOf(configured: string): string | undefined {
  try {
    return new URL(configured).origin;
  } catch {
    return undefined;
  }
}

type Failure = (why: string, status?: number) => MediaFetchError;

function parseUrl(url: string, refuse: Failure): URL {
  try {
    return new URL(url);
  } catch {
    throw refuse('not a URL');
  }
}

/** Whether the first request carries the credentials (see {@link GuardedGetOptions.credentialsTo}). */
function credentialsAllowed(url: URL, configured: boolean, policy: OutboundPolicy, options: GuardedGetOptions): boolean {
  if (!options.credentials) return false;
  return configured || (options.credentialsTo === 'allowed-hosts' && hostAllowed(url.hostname, policy.allowedHosts));
}

/** Where a redirect answer points (undefined when the answer is not one); refuses one too many or one that is not a URL. */
function redirectTarget(status: number, location: string | undefined, hop: number, current: URL, refuse: Failure): URL | undefined {
  if (!REDIRECTS.has(status) || !location) return undefined;
  if (hop >= MAX_REDIRECTS) throw refuse(`more than ${MAX_REDIRECTS} redirects`, status);
  try {
    return new URL(location, current);
  } catch {
    throw refuse('redirect to something that is not a URL', status);
  }
}

/** Refuses a target that is not allowed; answers the checked addresses to connect to (none for a configured origin). */
async function checkTarget(url: URL, policy: OutboundPolicy, configured: boolean, lookup: HostLookup, signal: AbortSignal, refuse: Failure, transient: Failure): Promise<readonly ResolvedAddress[] | undefined> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(`scheme not allowed: ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) throw refuse('credentials in the URL');
  const host = normalisedHost(url.hostname);
  if (configured) return undefined;
  if (!hostAllowed(host, policy.allowedHosts)) throw refuse(`host not allowed: ${host}`);
  let addresses: readonly ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await untilAborted(lookup(host), signal);
    } catch {
      throw signal.aborted ? transient('timed out') : transient(`cannot resolve ${host}`);
    }
  }
  if (addresses.length === 0) throw transient(`cannot resolve ${host}`);
  for (const { address } of addresses) {
    const reason = refusedAddressReason(address);
    if (reason) throw refuse(`address not allowed for ${host}: ${address} (${reason})`);
  }
  return addresses;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A lookup that answers only the addresses already checked: no second DNS query between check and connect. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (!first) return callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
    return callback(null, first.address, first.family);
  };
}

interface Exchange {
  req: ClientRequest;
  res: IncomingMessage;
}

function send(url: URL, headers: OutgoingHttpHeaders, pinned: readonly ResolvedAddress[] | undefined, signal: AbortSignal): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // agent false: a fresh connection each time, never a pooled socket made for another check.
    const req = request(url, { method: 'GET', headers, agent: false, signal, ...(pinned ? { lookup: pinnedLookup(pinned) } : {}) }, (res) => resolve({ req, res }));
    req.on('error', reject);
    req.end();
  });
}

/** The body, refused as soon as it would pass `maxBytes` (or says it will): never more than the cap in memory. */
async function readCapped(res: IncomingMessage, maxBytes: number, signal: AbortSignal, refuse: Failure, transient: Failure): Promise<Buffer> {
  const status = res.statusCode;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw refuse(`larger than ${maxBytes} bytes (Content-Length ${declared})`);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw refuse(`larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw signal.aborted ? transient('timed out', status) : transient('body cut off', status);
  }
  return Buffer.concat(chunks, total);
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
