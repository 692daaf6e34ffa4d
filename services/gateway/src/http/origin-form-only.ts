import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem-details.filter';

/**
 * Refuses any request whose target is not a path (origin form, RFC 9112 §3.2.1): an
 * absolute-form target (`GET http://host/… HTTP/1.1`), which is for proxies and which this
 * server is not, authority form and `*`. Express would otherwise serve the absolute form's path
 * as if it were the request's, and code that resolves `req.originalUrl` against a base would
 * take the request's own host for the target's. A target starting `//` is refused too: URL
 * parsers read it as a host.
 */
export function originFormOnly() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//')) {
      next();
      return;
    }
    const problem = problemOf(400, 'HTTP.NOT_ORIGIN_FORM', 'the request target must be a path', '/');
    res.setHeader('Connection', 'close');
    res.status(400).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  };
}
