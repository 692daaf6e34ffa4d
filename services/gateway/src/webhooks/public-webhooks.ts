import { WEBHOOKS_PREFIX, webhookRouteOf, type WebhookRoute } from '@pengaduan/channels';
import { ServiceError, type Logger } from '@pengaduan/runtime';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf, retryAfterOf, toProblem, type ProblemDetails } from '../http/problem-details.filter';
import { clientAddressOf } from '../public-rate-limits/client-address';
import type { PublicRateLimits, RateLimit } from '../public-rate-limits/public-rate-limits';
import { rateLimited } from '../public-rate-limits/rate-limited';
import { webhooksProxy } from './webhooks-proxy';

/** What the public edge needs: where intake is, and the web form's flood limits. */
export interface PublicWebhooksOptions {
  /** intake's configured origin; the only place a webhook is ever forwarded to. */
  upstream: string;
  limits: PublicRateLimits;
  webFormLimit: RateLimit;
  /** Reads of a submission's status, which may issue a tracking PIN (ADR 0052). */
  webFormStatusLimit: RateLimit;
  logger: Logger;
}

/**
 * The platform's public `/webhooks/…`, mounted at the root before any body parser. A request
 * goes on to intake only when its target is exactly one of the provider routes
 * ({@link webhookRouteOf}, the same rule intake's router applies); anything else is answered
 * here (400, 404 or 405) and intake is never contacted. A submission to the web form, and a
 * read of a submission's status, is counted against its client address first, under its one
 * canonical route, so no way of writing the path escapes the count. Refusals are
 * problem+json; the body is left unread.
 */
export function publicWebhooks(options: PublicWebhooksOptions) {
  const forward = webhooksProxy(options.upstream, options.logger);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!looksLikeWebhook(req)) {
      next();
      return;
    }
    const route = webhookRouteOf(req.method, req.originalUrl);
    if (!route.ok) {
      options.logger.info({ code: route.code, method: req.method }, 'refused a request at the public webhooks');
      if (route.allow) res.setHeader('Allow', route.allow.join(', '));
      refuse(res, problemOf(route.status, route.code, route.detail, WEBHOOKS_PREFIX));
      return;
    }
    const limited = limitOfWebFormRequest(route, options);
    if (!limited) {
      forward(req, res, route);
      return;
    }
    options.limits.hit(limited.limit, clientAddressOf(req)).then(
      (hit) => {
        if (hit.allowed) forward(req, res, route);
        else refuseError(res, route, rateLimited('WEB_FORM.RATE_LIMITED', `too many ${limited.what} from this address; try again later`, hit.retryAfterSeconds));
      },
      (err: unknown) => {
        options.logger.warn({ err: { message: (err as Error).message }, limit: limited.limit.bucket }, 'could not count a request to the web form');
        refuseError(res, route, new ServiceError('unavailable', 'SERVICE.UNAVAILABLE', 'the web form cannot answer right now; try again shortly'));
      },
    );
  };
}

/**
 * Whether the edge answers for this request: any path that starts with the webhooks' prefix in
 * any case and is not merely a longer name (`/webhooks\..`, `/WEBHOOKS/`, `/webhooks;x` are
 * answered here, refused, rather than left to the routes after).
 */
function looksLikeWebhook(req: Request): boolean {
  return /^\/webhooks(?![A-Za-z0-9_-])/i.test(req.path);
}

/**
 * The limit of a request to the public web form, the one webhook limited per client address
 * (providers retry): a submission, or a read of a submission's status, which may issue a
 * tracking PIN (ADR 0052), so a script cannot ask without end. Nothing for any other webhook.
 */
function limitOfWebFormRequest(route: WebhookRoute, options: PublicWebhooksOptions): { limit: RateLimit; what: string } | undefined {
  if (route.provider !== 'web-form') return undefined;
  if (route.method === 'POST' && route.subpath === '') return { limit: options.webFormLimit, what: 'submissions' };
  if (route.method === 'GET' && route.subpath !== '') return { limit: options.webFormStatusLimit, what: 'reads of a report’s status' };
  return undefined;
}

function refuseError(res: Response, route: WebhookRoute, error: ServiceError): void {
  const { problem } = toProblem(error, route.path);
  const retryAfter = retryAfterOf(error, problem.status);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  refuse(res, problem);
}

function refuse(res: Response, problem: ProblemDetails): void {
  // The body is left unread: close the connection rather than drain a body nobody wants.
  res.setHeader('Connection', 'close');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
