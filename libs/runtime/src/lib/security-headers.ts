import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** HSTS for a year, subdomains included; sent only on a request that came over TLS. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers of every HTTP response of every service (helmet): a CSP that allows
 * nothing (an API answer, a probe, a webhook's reply loads, frames and submits nothing), `nosniff`, `frame-ancestors 'none'` and `X-Frame-Options: DENY`, no referrer,
 * cross-origin isolation of resources, no `X-Powered-By`; and Strict-Transport-Security when
 * the request came over TLS (`req.secure`, which believes X-Forwarded-Proto only from a trusted
 * proxy), since over plain HTTP it means nothing. A page that needs more (the web app, the
 * OpenAPI page) sets its own CSP after this.
 */
export function securityHeaders() {
  const base = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    base(req, res, next);
  };
}
