import { WEBHOOK_ROUTES, WEBHOOKS_PREFIX } from '@pengaduan/channels';

/** The webhook paths that hold no id, logged as they are (`/webhooks/web-form`, `/webhooks/twilio/status` …). */
const FIXED_PATHS = new Set(WEBHOOK_ROUTES.filter((r) => r.subpath !== '/:id').map((r) => `${WEBHOOKS_PREFIX}/${r.provider}${r.subpath}`));

/**
 * A request path as a log line may show it. The id in `GET /webhooks/web-form/<id>` is what
 * entitles the reporter's page to the tracking number and a tracking PIN (ADR 0052), so under
 * `/webhooks` whatever follows the provider, unless it is one of the fixed routes, is written
 * `/:id`; however the path was cased or encoded, no such id reaches a log.
 */
export function loggablePath(path: string): string {
  if (!/^\/webhooks(?![A-Za-z0-9_-])/i.test(path) || FIXED_PATHS.has(path)) return path;
  const provider = /^\/webhooks(\/[a-z-]{1,32})?/i.exec(path)?.[0] ?? WEBHOOKS_PREFIX;
  return provider.length === path.length ? path : `${provider}/:id`;
}
