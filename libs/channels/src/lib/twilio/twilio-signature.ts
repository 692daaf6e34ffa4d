import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../crypto';
import type { VerifyOutcome, WebhookRequest } from '../provider';
import type { TwilioSettings } from '../settings';

/**
 * Twilio's `X-Twilio-Signature`: base64 of HMAC-SHA1 keyed with the auth token over the full
 * URL Twilio called followed by every POST parameter's name and value, sorted by name
 * (case-sensitive, byte order; repeated names by value), with no delimiters.
 * See https://www.twilio.com/docs/usage/webhooks/webhooks-security.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string> | [string, string][]): string {
  const pairs = Array.isArray(params) ? [...params] : Object.entries(params);
  // Plain code-unit comparison (Unix-style sort), never localeCompare.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort(([an, av], [bn, bv]) => cmp(an, bn) || cmp(av, bv));
  let data = url;
  for (const [name, value] of pairs) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The form parameters of a webhook body, in the order sent (repeated names kept). */
export function formParams(rawBody: Buffer): [string, string][] {
  return [...new URLSearchParams(rawBody.toString('utf8')).entries()];
}

/**
 * Checks `X-Twilio-Signature` against `publicUrl`: the URL Twilio called as Twilio saw it
 * (scheme, host, path and query), never the internal address the request reached us on.
 */
export function verifyTwilioSignature(settings: Pick<TwilioSettings, 'authToken'>, publicUrl: string, request: Pick<WebhookRequest, 'headers' | 'rawBody'>): VerifyOutcome {
  const given = request.headers['x-twilio-signature'];
  if (!given) return { ok: false, status: 401, reason: 'MISSING_SIGNATURE' };
  const expected = twilioSignature(settings.authToken, publicUrl, formParams(request.rawBody));
  return constantTimeEqual(given, expected) ? { ok: true } : { ok: false, status: 403, reason: 'BAD_SIGNATURE' };
}
