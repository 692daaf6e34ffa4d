import { withLogContext, type Logger } from '@pengaduan/runtime';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { loggablePath } from '../webhooks/loggable-path';

/** The header a caller may send (and always gets back) to follow one request through the logs. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** What a caller's id may be: printable ASCII without spaces, so it is safe in logs and metadata. */
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * Express middleware, first in the chain: takes the caller's `X-Correlation-Id` (or makes
 * one), echoes it in the response, runs the rest of the request inside its log context and
 * writes one access-log line when the response is sent.
 */
export function correlationIdMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.header(CORRELATION_ID_HEADER);
    const correlationId = given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    res.locals['correlationId'] = correlationId;
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = loggablePath(req.originalUrl.split('?')[0]);
      const line = { method: req.method, path, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6 };
      withLogContext({ correlationId }, () => (path.startsWith('/health/') ? logger.debug(line, 'request') : logger.info(line, 'request')));
    });
    withLogContext({ correlationId }, next);
  };
}

/** The request's correlation id, as the middleware settled it. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const id = ctx.switchToHttp().getResponse<Response>().locals['correlationId'] as string | undefined;
  if (!id) throw new Error('no correlation id: correlationIdMiddleware is not installed');
  return id;
});
