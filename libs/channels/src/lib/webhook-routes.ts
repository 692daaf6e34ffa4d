import type { ProviderId } from './provider';

/** Where every provider's webhooks live on the platform's public base URL. */
export const WEBHOOKS_PREFIX = '/webhooks';

/** One public webhook route: `METHOD /webhooks/<provider><subpath>`. */
export interface WebhookRouteSpec {
  method: 'GET' | 'POST';
  provider: ProviderId;
  /** `''` for the webhook itself, `/status` for Twilio's status callbacks; `/:id` takes one id segment. */
  subpath: '' | `/${string}`;
}

/**
 * Every route the public edge forwards to intake, and the only ones: Meta's GET handshake of
 * WhatsApp, Messenger and Instagram; each provider's webhook; Twilio's status callbacks and
 * Infobip's delivery reports; the web form's submissions and the page's question about one.
 */
export const WEBHOOK_ROUTES: readonly WebhookRouteSpec[] = [
  { method: 'GET', provider: 'whatsapp', subpath: '' },
  { method: 'POST', provider: 'whatsapp', subpath: '' },
  { method: 'GET', provider: 'messenger', subpath: '' },
  { method: 'POST', provider: 'messenger', subpath: '' },
  { method: 'GET', provider: 'instagram', subpath: '' },
  { method: 'POST', provider: 'instagram', subpath: '' },
  { method: 'POST', provider: 'twilio', subpath: '' },
  { method: 'POST', provider: 'twilio', subpath: '/status' },
  { method: 'POST', provider: 'infobip', subpath: '' },
  { method: 'POST', provider: 'infobip', subpath: '/reports' },
  { method: 'POST', provider: 'telegram', subpath: '' },
  { method: 'POST', provider: 'web-form', subpath: '' },
  { method: 'GET', provider: 'web-form', subpath: '/:id' },
];

/** A request target that is exactly one of {@link WEBHOOK_ROUTES}. */
export interface WebhookRoute {
  ok: true;
  method: 'GET' | 'POST';
  provider: ProviderId;
  /** The subpath as requested (`/status`, or `/<id>` for a `/:id` route). */
  subpath: string;
  /** `/webhooks/<provider><subpath>`: the path to forward, which is the path that came in. */
  path: string;
  /** The query as it came, `?` included, or `''`; providers sign it (Twilio), so it is kept verbatim. */
  search: string;
}

/** Why a request target is not a webhook route; `status` is the answer the edge gives. */
export interface WebhookRouteRefusal {
  ok: false;
  status: 400 | 404 | 405;
  code: 'HTTP.NOT_ORIGIN_FORM' | 'WEBHOOK.PATH_NOT_CANONICAL' | 'WEBHOOK.UNKNOWN_ROUTE' | 'WEBHOOK.METHOD_NOT_ALLOWED';
  detail: string;
  /** For a 405: the methods the path takes. */
  allow?: string[];
}

/** One segment of a canonical path: letters, digits, `-` and `_`, nothing a server could read another way. */
const SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The one rule for which request targets are webhook routes, for the gateway's public edge
 * (what it forwards, and what its rate limits count) and for intake's own router.
 *
 * Nothing is decoded or resolved: a target is a route only when it is already in origin form
 * and canonical, so there is exactly one way to write each route. Absolute form
 * (`http://host/…`), `.` and `..` segments, percent-encoding, backslashes, empty segments
 * (`//`), a trailing slash and upper case are all refused, because each is a way to make two
 * parsers disagree about where a request goes (an open proxy, a rate limit counted under
 * another key). Providers call exactly the URLs they were given, so none of them is lost.
 */
export function webhookRouteOf(method: string, target: string): WebhookRoute | WebhookRouteRefusal {
  if (!target.startsWith('/') || target.startsWith('//')) {
    return refusal(400, 'HTTP.NOT_ORIGIN_FORM', 'the request target must be a path (origin form)');
  }
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const search = q < 0 ? '' : target.slice(q);
  const segments = path.split('/').slice(1);
  if (segments[0] !== WEBHOOKS_PREFIX.slice(1) || segments.length < 2 || segments.length > 3 || !segments.every((s) => SEGMENT.test(s))) {
    return refusal(400, 'WEBHOOK.PATH_NOT_CANONICAL', 'not a webhook path: /webhooks/<provider>[/<subpath>], in lower case, with nothing encoded');
  }
  const [, provider, sub] = segments;
  const subpath = sub === undefined ? '' : `/${sub}`;
  const matching = WEBHOOK_ROUTES.filter((r) => r.provider === provider && (r.subpath === subpath || (r.subpath === '/:id' && sub !== undefined)));
  if (matching.length === 0) return refusal(404, 'WEBHOOK.UNKNOWN_ROUTE', 'no such webhook');
  const route = matching.find((r) => r.method === method);
  if (!route) return { ...refusal(405, 'WEBHOOK.METHOD_NOT_ALLOWED', `this webhook takes ${matching.map((r) => r.method).join(', ')}`), allow: matching.map((r) => r.method) };
  return { ok: true, method: route.method, provider: route.provider, subpath, path, search };
}

function refusal(status: WebhookRouteRefusal['status'], code: WebhookRouteRefusal['code'], detail: string): WebhookRouteRefusal {
  return { ok: false, status, code, detail };
}
