import { ServiceError, type Logger } from '@pengaduan/runtime';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, retryAfterOf, toProblem } from '../http/problem-details.filter';
import { clientAddressOf } from '../public-rate-limits/client-address';
import type { PublicRateLimits, RateLimit } from '../public-rate-limits/public-rate-limits';
import { rateLimited } from '../public-rate-limits/rate-limited';

/** intake's endpoint for the public web form's submissions, as the gateway forwards it. */
export const WEB_FORM_PATH = '/webhooks/web-form';

/**
 * Express middleware in front of the webhooks proxy: a submission to the public web form
 * (`POST /webhooks/web-form`) counts against its client address, and one over the limit is
 * answered 429 with Retry-After before anything reaches intake. The body is neither read nor
 * touched: the proxy streams it on as it came. Providers' webhooks are not limited (they
 * retry); nor are reads of a submission's status. Should the count fail, the submission is
 * refused with a 503 (try again), never let through uncounted.
 */
export function webFormRateLimit(limits: PublicRateLimits, limit: RateLimit, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !isWebFormSubmission(req.path)) {
      next();
      return;
    }
    limits.hit(limit, clientAddressOf(req)).then(
      (hit) => {
        if (hit.allowed) next();
        else refuse(req, res, rateLimited('WEB_FORM.RATE_LIMITED', 'too many submissions from this address; try again later', hit.retryAfterSeconds));
      },
      (err: unknown) => {
        logger.warn({ err: { message: (err as Error).message } }, 'could not count a web form submission');
        refuse(req, res, new ServiceError('unavailable', 'WEB_FORM.UNAVAILABLE', 'the submission cannot be taken right now; try again shortly'));
      },
    );
  };
}

/**
 * A submission to the web form, however the path is written: intake's router ignores case
 * and decodes the provider's name, so `/webhooks/Web%2Dform/` reaches the web form too.
 */
export function isWebFormSubmission(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Not decodable: intake's router refuses it (400) without reaching the web form.
    return false;
  }
  const [first, second] = decoded.toLowerCase().split('/').filter(Boolean);
  return first === 'webhooks' && second === 'web-form';
}

function refuse(req: Request, res: Response, error: ServiceError): void {
  const { problem } = toProblem(error, req.originalUrl.split('?')[0] ?? WEB_FORM_PATH);
  const retryAfter = retryAfterOf(error, problem.status);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  // The body is left unread: close the connection rather than drain a body nobody wants.
  res.setHeader('Connection', 'close');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
