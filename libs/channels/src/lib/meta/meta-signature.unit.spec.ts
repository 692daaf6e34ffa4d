import type { WebhookRequest } from '../provider';
import { metaHandshake, metaSignature, verifyMetaSignature } from './meta-signature';

/*
 * Meta's documentation describes the scheme (sha256= + hex HMAC-SHA256 of the payload with the
 * app secret) but publishes no body/secret/signature triple. This vector was computed
 * independently of this code with OpenSSL 3.0:
 *   printf '%s' "$BODY" > body.json; openssl dgst -sha256 -hmac 'e8c2a1f0b7d94c3a9f6e5d4c3b2a1908' body.json
 * The body is compact, with `\u00e9` and `\/` escaped as Meta writes them.
 */
const SECRET = 'e8c2a1f0b7d94c3a9f6e5d4c3b2a1908';
const BODY = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Caf\u00e9 di https:\/\/imigrasi.go.id"}}]},"field":"messages"}]}]}`;
const OPENSSL_SIGNATURE = 'sha256=ef602d24bca6caab00662b02f8b1fc727f38c102c0ccf46bd4dd72eec7213690';

function request(over: Partial<WebhookRequest> = {}): WebhookRequest {
  return { method: 'POST', publicUrl: 'https://pengaduan.example/webhooks/whatsapp', subpath: '', headers: {}, query: {}, rawBody: Buffer.from(BODY, 'utf8'), ...over };
}

describe('metaSignature', () => {
  it('computes the OpenSSL vector over the raw bytes', () => {
    expect(metaSignature(SECRET, Buffer.from(BODY, 'utf8'))).toBe(OPENSSL_SIGNATURE);
  });
});

describe('verifyMetaSignature', () => {
  it('accepts the right signature, in either hex case', () => {
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature-256': OPENSSL_SIGNATURE } }))).toEqual({ ok: true });
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature-256': OPENSSL_SIGNATURE.toUpperCase().replace('SHA256=', 'sha256=') } }))).toEqual({ ok: true });
  });

  it('refuses a request without the header with 401', () => {
    expect(verifyMetaSignature(SECRET, request())).toEqual({ ok: false, status: 401, reason: 'MISSING_SIGNATURE' });
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature-256': '' } }))).toEqual({ ok: false, status: 401, reason: 'MISSING_SIGNATURE' });
  });

  it('refuses a wrong signature, another secret, a bare hex and the old SHA-1 header with 403', () => {
    const bad = { ok: false, status: 403, reason: 'BAD_SIGNATURE' };
    const flipped = OPENSSL_SIGNATURE.slice(0, -1) + (OPENSSL_SIGNATURE.endsWith('0') ? '1' : '0');
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature-256': flipped } }))).toEqual(bad);
    expect(verifyMetaSignature('another-secret', request({ headers: { 'x-hub-signature-256': OPENSSL_SIGNATURE } }))).toEqual(bad);
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature-256': OPENSSL_SIGNATURE.slice('sha256='.length) } }))).toEqual(bad);
    expect(verifyMetaSignature(SECRET, request({ headers: { 'x-hub-signature': OPENSSL_SIGNATURE } })).ok).toBe(false);
  });

  it('does not verify the same JSON re-serialised (other bytes, other HMAC)', () => {
    const reserialised = JSON.stringify(JSON.parse(BODY));
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(reserialised).not.toBe(BODY); // é and / are no longer escaped
    for (const body of [reserialised, pretty]) {
      expect(verifyMetaSignature(SECRET, request({ rawBody: Buffer.from(body), headers: { 'x-hub-signature-256': OPENSSL_SIGNATURE } }))).toEqual({ ok: false, status: 403, reason: 'BAD_SIGNATURE' });
    }
  });
});

describe('metaHandshake', () => {
  const get = (query: Record<string, string>) => request({ method: 'GET', rawBody: Buffer.alloc(0), query });

  it('echoes the challenge for subscribe with our verify token', () => {
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-kanim', 'hub.challenge': '1158201444' }))).toEqual({ status: 200, body: '1158201444' });
  });

  it('refuses another token, another mode, a missing or unsafe challenge, and a POST', () => {
    const refused = { status: 403, body: '' };
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-lain', 'hub.challenge': '1158201444' }))).toEqual(refused);
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'token-kanim', 'hub.challenge': '1158201444' }))).toEqual(refused);
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-kanim' }))).toEqual(refused);
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-kanim', 'hub.challenge': '<script>x</script>' }))).toEqual(refused);
    expect(metaHandshake('token-kanim', get({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }))).toEqual(refused);
    expect(
      metaHandshake('token-kanim', request({ method: 'POST', query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'token-kanim', 'hub.challenge': '1158201444' } })),
    ).toEqual(refused);
  });
});
