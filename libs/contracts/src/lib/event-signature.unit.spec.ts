import { createEnvelope } from './envelope';
import { canonicalJson, generateEventSigningKey, parseEventKeyRing, parseEventSigningKey, signEnvelope } from './event-signature';
import { Channel } from '../gen/pengaduan/common/v1/channel_pb';

const intake = generateEventSigningKey('intake-2026-12', 'pengaduan/intake');
const disposition = generateEventSigningKey('disposition-2026-12', 'pengaduan/disposition');
const ring = parseEventKeyRing([intake.publicEntry, disposition.publicEntry].join(','));
const key = parseEventSigningKey(intake.privateKey);

const envelope = createEnvelope({
  type: 'complaint.received',
  source: 'pengaduan/intake',
  subject: '0190f0a0-0000-7000-8000-00000000000a',
  office: 'BLP',
  actor: 'system:intake',
  correlationId: 'c-1',
  time: new Date('2026-12-01T02:00:00Z'),
  data: {
    complaintId: '0190f0a0-0000-7000-8000-00000000000a',
    officeCode: 'BLP',
    trackingNumber: 'BLP-2026-000001',
    channel: Channel.WHATSAPP,
    receivedAt: { seconds: BigInt(1796090400), nanos: 0 },
    reporterRef: 'rep_00112233445566778899aabb',
    messageCount: 1,
  },
});

describe('signed events', () => {
  it('verifies an event its service signed, whatever order its JSON keys come in', () => {
    const signed = signEnvelope(envelope, key);
    expect(signed.signaturekeyid).toBe('intake-2026-12');
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()))) as Record<string, unknown>;
    expect(ring.verify(reordered)).toEqual({ ok: true, keyId: 'intake-2026-12' });
  });

  it('refuses an altered payload, a forged signature, an unsigned event and an unknown key, each with its reason', () => {
    const signed = signEnvelope(envelope, key);
    const altered = { ...signed, data: { ...signed.data, trackingNumber: 'BLP-2026-000999' } };
    expect(ring.verify(altered)).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    const forger = parseEventSigningKey(generateEventSigningKey('intake-2026-12', 'pengaduan/intake').privateKey);
    expect(ring.verify(signEnvelope(envelope, forger))).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
    expect(ring.verify(envelope)).toMatchObject({ ok: false, code: 'EVENT.UNSIGNED' });
    const stranger = parseEventSigningKey(generateEventSigningKey('nobody', 'pengaduan/intake').privateKey);
    expect(ring.verify(signEnvelope(envelope, stranger))).toMatchObject({ ok: false, code: 'EVENT.UNKNOWN_KEY' });
  });

  it('refuses a key signing for a service it was not published for', () => {
    const dispositionKey = parseEventSigningKey(disposition.privateKey);
    expect(ring.verify(signEnvelope(envelope, dispositionKey))).toMatchObject({ ok: false, code: 'EVENT.KEY_NOT_FOR_SOURCE' });
  });

  it('signs the same bytes for the same event (Ed25519 is deterministic), and canonical JSON sorts keys at every level', () => {
    expect(signEnvelope(envelope, key).signature).toBe(signEnvelope(envelope, key).signature);
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('names a malformed key without printing it', () => {
    expect(() => parseEventSigningKey('intake:bm90LWEta2V5')).toThrow(/key intake is not a base64 PKCS#8 private key/);
    expect(() => parseEventKeyRing('intake=pengaduan/intake')).toThrow(/expected <key id>=<source>=/);
  });
});
