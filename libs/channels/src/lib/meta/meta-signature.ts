import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../crypto';
import type { HandshakeAnswer, VerifyOutcome, WebhookRequest } from '../provider';

/**
 * The `X-Hub-Signature-256` value Meta sends with every webhook of WhatsApp, Messenger and
 * Instagram: `sha256=` and the lowercase hex HMAC-SHA256 of the raw body, keyed with the app secret.
 */
export function metaSignature(appSecret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Checks `x-hub-signature-256` over the raw bytes as received. Never over re-serialised JSON:
 * Meta escapes non-ASCII characters (`\u00e9`) and slashes, so a parsed-and-stringified body
 * has other bytes and another HMAC.
 */
export function verifyMetaSignature(appSecret: string, request: WebhookRequest): VerifyOutcome {
  const header = request.headers['x-hub-signature-256']?.trim();
  if (!header) return { ok: false, status: 401, reason: 'MISSING_SIGNATURE' };
  // Hex is case-insensitive; Meta sends lowercase, so only the header is folded.
  const ok = constantTimeEqual(header.toLowerCase(), metaSignature(appSecret, request.rawBody));
  return ok ? { ok: true } : { ok: false, status: 403, reason: 'BAD_SIGNATURE' };
}

/*
 * Meta sends an integer as `hub.challenge`. Only a short token of safe characters is echoed, so
 * the endpoint can never be made to reflect markup or a long body to whoever calls it.
 */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

/**
 * Meta's subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
 * is answered with the challenge (200, plain text) when the token is ours, else 403.
 */
export function metaHandshake(verifyToken: string, request: WebhookRequest): HandshakeAnswer {
  const mode = request.query['hub.mode'];
  const token = request.query['hub.verify_token'];
  const challenge = request.query['hub.challenge'];
  const accepted =
    request.method === 'GET' &&
    mode === 'subscribe' &&
    token !== undefined &&
    challenge !== undefined &&
    CHALLENGE.test(challenge) &&
    constantTimeEqual(token, verifyToken);
  return accepted ? { status: 200, body: challenge } : { status: 403, body: '' };
}
