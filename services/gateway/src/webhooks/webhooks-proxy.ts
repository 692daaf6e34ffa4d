import type { WebhookRoute } from '@pengaduan/channels';
import type { Logger } from '@pengaduan/runtime';
import type { Request, Response } from 'express';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loggablePath } from './loggable-path';

/** How long intake may take to store a webhook before the provider is answered 502 (it will retry). */
export const WEBHOOK_UPSTREAM_TIMEOUT_MS = 15_000;

/** Headers that belong to one hop and are not forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/**
 * Forwards one public webhook to intake byte for byte: the body is streamed, never parsed
 * (providers sign the raw bytes), the route's path and query and the headers are kept, and
 * intake's answer comes back as it is. The target is always intake's configured origin plus
 * the route's canonical path: nothing of the request chooses where it goes. An intake that
 * does not answer is a 502, which providers retry; nothing is stored by the gateway.
 */
export function webhooksProxy(upstream: string, logger: Logger) {
  const base = new URL(upstream);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const basePath = base.pathname.replace(/\/+$/, '');
  return (req: Request, res: Response, route: WebhookRoute): void => {
    const headers = forwardable(req.headers);
    headers['host'] = base.host;
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = req.protocol;
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const target = { protocol: base.protocol, hostname: base.hostname, port: base.port, path: `${basePath}${route.path}${route.search}` };
    const upstreamReq = send({ ...target, method: route.method, headers, timeout: WEBHOOK_UPSTREAM_TIMEOUT_MS }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, forwardable(upstreamRes.headers));
      upstreamRes.pipe(res);
    });
    const fail = (why: string) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      logger.warn({ path: loggablePath(route.path), why }, 'intake did not answer a webhook');
      res
        .status(502)
        .type('application/problem+json')
        .send(JSON.stringify({ type: 'about:blank', title: 'the webhook could not be handed on; try again', status: 502, code: 'WEBHOOK.UPSTREAM_UNAVAILABLE' }));
    };
    upstreamReq.on('timeout', () => upstreamReq.destroy(new Error('timeout')));
    upstreamReq.on('error', (err) => fail(err.message));
    req.pipe(upstreamReq);
  };
}
