import { chainAndSign, chainDigest, chainLinkOf, EMPTY_CHAIN } from './event-chain';
import type { EventEnvelope } from './envelope';
import { generateEventSigningKey, parseEventKeyRing, parseEventSigningKey } from './event-signature';

const pair = generateEventSigningKey('intake-1', 'pengaduan/intake');
const key = parseEventSigningKey(pair.privateKey);
const keyRing = parseEventKeyRing(pair.publicEntry);
const event = (): EventEnvelope =>
  ({ specversion: '1.0', id: crypto.randomUUID(), type: 'complaint.received', source: 'pengaduan/intake', subject: crypto.randomUUID(), office: 'BLP', time: '2026-03-02T01:00:00.000Z', data: { trackingNumber: 'BLP-2026-000001' } }) as unknown as EventEnvelope;

describe('hash-chained events (ADR 0034)', () => {
  it('links each event to the digest of the one before, inside what is signed, the same bytes every time', () => {
    const first = chainAndSign(event(), 't/0', EMPTY_CHAIN, key);
    const second = chainAndSign(event(), 't/0', first.tip, key);
    expect(first.signed).toMatchObject({ chain: 't/0', chainseq: 1 });
    expect(first.signed).not.toHaveProperty('chainprev');
    expect(second.signed).toMatchObject({ chain: 't/0', chainseq: 2, chainprev: chainDigest(first.signed) });
    expect(second.tip).toEqual({ seq: 2, digest: chainDigest(second.signed) });
    expect(keyRing.verify(second.signed)).toEqual({ ok: true, keyId: 'intake-1' });
    // Deterministic: published again from the same tip, the same bytes.
    const { chain: _c, chainseq: _s, chainprev: _p, signature: _g, signaturekeyid: _k, ...unsigned } = second.signed as unknown as Record<string, unknown>;
    expect(chainAndSign(unsigned as never, 't/0', first.tip, key).signed).toEqual(second.signed);
    // A changed link no longer verifies.
    expect(keyRing.verify({ ...second.signed, chainseq: 3 })).toMatchObject({ ok: false, code: 'EVENT.BAD_SIGNATURE' });
  });

  it('reads the link an envelope claims, and tells a malformed one', () => {
    expect(chainLinkOf({ source: 's', chain: 't/0', chainseq: 2, chainprev: 'd' })).toEqual({ key: 's t/0', seq: 2, prev: 'd' });
    expect(chainLinkOf({ source: 's', chain: 't/0', chainseq: 1 })).toEqual({ key: 's t/0', seq: 1, prev: null });
    expect(chainLinkOf({ source: 's' })).toBeUndefined();
    for (const bad of [{ chain: 't/0' }, { chain: 't/0', chainseq: 0 }, { chain: 't/0', chainseq: 1.5 }, { chain: 't/0', chainseq: '2', chainprev: 'd' }, { chain: 't/0', chainseq: 2 }, { chain: 't/0', chainseq: 1, chainprev: 'd' }, { chain: '', chainseq: 1 }]) {
      expect(chainLinkOf({ source: 's', ...bad })).toBe('malformed');
    }
  });
});
