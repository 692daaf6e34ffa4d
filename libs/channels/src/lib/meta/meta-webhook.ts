import { WebhookPayloadError, type HandshakeAnswer, type VerifyOutcome, type WebhookAck, type WebhookRequest } from '../provider';
import { isJson, type Json } from './meta-json';
import { metaHandshake, verifyMetaSignature } from './meta-signature';

/** The body of a webhook as a JSON object, or a payload error. */
export function webhookJson(rawBody: Buffer): Json {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookPayloadError('body is not JSON');
  }
  if (!isJson(body)) throw new WebhookPayloadError('body is not a JSON object');
  return body;
}

/**
 * What every webhook of Meta's platform shares (WhatsApp Cloud API, Messenger, Instagram): the
 * subscription handshake with the verify token, the app-secret signature, the quick plain 2xx,
 * and a JSON body `{ object, entry: [...] }`.
 */
export abstract class MetaWebhookInbound {
  /** Meta wants any 2xx, quickly; the body is not read. */
  readonly ack: WebhookAck = { contentType: 'text/plain', body: 'EVENT_RECEIVED' };

  protected constructor(private readonly secrets: { readonly verifyToken: string; readonly appSecret: string }) {}

  handshake(request: WebhookRequest): HandshakeAnswer {
    return metaHandshake(this.secrets.verifyToken, request);
  }

  verify(request: WebhookRequest): VerifyOutcome {
    return verifyMetaSignature(this.secrets.appSecret, request);
  }

  /** The body's `entry` array, once its `object` is the one this webhook subscribes to. */
  protected entriesOf(request: WebhookRequest, object: string): unknown[] {
    const body = webhookJson(request.rawBody);
    if (body['object'] !== object) throw new WebhookPayloadError(`object is not ${object}`);
    if (!Array.isArray(body['entry'])) throw new WebhookPayloadError('entry is not an array');
    return body['entry'];
  }
}
