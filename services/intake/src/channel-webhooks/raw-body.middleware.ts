import { webhookRouteOf } from '@pengaduan/channels';
import type { NextFunction, Request, Response } from 'express';

/** The request body as bytes, set by {@link rawWebhookBody}. */
export const RAW_BODY = Symbol('rawWebhookBody');
export type RequestWithRawBody = Request & { [RAW_BODY]?: Buffer };

/**
 * Reads a webhook's body as the provider sent it, byte for byte (signatures are computed over
 * these bytes, never over a re-serialised body), up to `limit` bytes: a larger body answers 413
 * at once (by its Content-Length, or as soon as the stream passes the limit) and is counted.
 * intake runs without Nest's body parsers, so nothing else reads the stream first. A path
 * that is not written the one canonical way (the rule the gateway's public edge applies) is
 * refused with 400 before anything is read.
 */
export function rawWebhookBody(limit: number, onTooLarge: (provider: string) => void) {
  return (req: RequestWithRawBody, res: Response, next: NextFunction): void => {
    const route = webhookRouteOf(req.method, req.originalUrl);
    if (!route.ok && route.status === 400) {
      res.setHeader('Connection', 'close');
      res.status(400).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: route.detail, status: 400, code: route.code }));
      return;
    }
    // Any name that is not a provider's route counts as `unknown`, so a caller cannot add counter rows at will.
    const provider = route.ok ? route.provider : 'unknown';
    const tooLarge = () => {
      onTooLarge(provider);
      res.status(413).type('application/problem+json').send(
        JSON.stringify({ type: 'about:blank', title: 'the request is larger than this webhook takes', status: 413, code: 'WEBHOOK.TOO_LARGE', limitBytes: limit }),
      );
    };
    if ((req as unknown as { _body?: boolean })._body || req.readableEnded) {
      next(new Error('the webhook body was read before rawWebhookBody: run intake with bodyParser: false'));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge();
      // Do not read what we refused; close the connection once the answer is out.
      res.on('finish', () => req.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        tooLarge();
        res.on('finish', () => req.destroy());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req[RAW_BODY] = Buffer.concat(chunks);
      next();
    });
    req.on('error', (err) => {
      if (!refused) next(err);
    });
  };
}
