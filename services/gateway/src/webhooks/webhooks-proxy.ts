import type { Logger } from '@pengaduan/runtime';
import type { NextFunction, Request, Response } from 'express';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

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
 * The platform's public `/webhooks/…` live in intake; the gateway is the one public port, so it
 * forwards them there byte for byte: the body is streamed, never parsed (providers sign the raw
 * bytes), path, query and headers are kept, and intake's answer comes back as it is. This runs
 * before the gateway's body parsers. An intake that does not answer is a 502, which providers
 * retry; nothing is stored by the gateway.
 */
export function webhooksProxy(upstream: string, logger: Logger) {
  const base = new URL(upstream);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return (req: Request, res: Response, _next: NextFunction): void => {
    const target = new URL(req.originalUrl, base);
    const headers = forwardable(req.headers);
    headers['host'] = target.host;
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = req.protocol;
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstreamReq = send(target, { method: req.method, headers, timeout: WEBHOOK_UPSTREAM_TIMEOUT_MS }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, forwardable(upstreamRes.headers));
      upstreamRes.pipe(res);
    });
    const fail = (why: string) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      logger.warn({ path: req.path, why }, 'intake did not answer a webhook');
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
