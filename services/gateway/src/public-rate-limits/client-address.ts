import type { Request } from 'express';
import { addressKey } from './rate-limit-keys';

/**
 * The address a public request is counted by: Express's `req.ip`, which follows the
 * GATEWAY_TRUST_PROXY setting (the connection's address unless trusted proxies say otherwise),
 * as {@link addressKey} groups it.
 */
export function clientAddressOf(req: Request): string {
  return addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}
