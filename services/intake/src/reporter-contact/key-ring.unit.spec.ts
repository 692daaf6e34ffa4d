import { ConfigError } from '@pengaduan/runtime';
import { randomBytes } from 'node:crypto';
import { loadIntakeConfig } from '../config';
import { SenderDigest } from '../inbound-messages/sender-digest';
import { contactKeyRing, keyFingerprint, parseKeyRing } from './key-ring';

const b64 = () => randomBytes(32).toString('base64');
const base = { DATABASE_URL: 'postgres://u@db:5432/p', KAFKA_BROKERS: 'k1:9092' };

/** The configuration's problems, or none. */
function problemsOf(env: Record<string, string>): string {
  try {
    loadIntakeConfig({ ...base, ...env });
    return '';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.join('\n');
  }
}

describe('a key ring', () => {
  const [a, b, c] = [b64(), b64(), b64()];

  it('is newest first: the first entry, or the one marked with *', () => {
    expect(parseKeyRing(`k2:${b}, k1:${a}`).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(parseKeyRing(`k1:${a},*k2:${b},k0:${c}`).map((k) => k.id)).toEqual(['k2', 'k1', 'k0']);
    expect(parseKeyRing(`2026-05.a:${a}`)[0]).toEqual({ id: '2026-05.a', key: Buffer.from(a, 'base64') });
  });

  it.each([
    ['an entry without an id', () => `k1:${a},${b}`, /entry 2 has no id/],
    ['an id of other characters', () => `k/1:${a}`, /entry 1: the id must be/],
    ['an empty id', () => `:${a}`, /entry 1: the id must be/],
    ['a short key', () => `k1:${randomBytes(16).toString('base64')}`, /entry 1 \(id k1\): the key must be 32 bytes/],
    ['a key that is not base64', () => `k1:${a.slice(0, -2)}!!`, /entry 1 \(id k1\): the key must be 32 bytes/],
    ['an id listed twice', () => `k1:${a},k1:${b}`, /the id k1 is listed twice/],
    ['one key under two ids', () => `k1:${a},k2:${a}`, /ids k1 and k2 hold the same key/],
    ['two marked newest', () => `*k1:${a},*k2:${b}`, /only one key may be marked newest/],
    ['nothing', () => ' , ', /at least one key/],
  ])('refuses %s', (_what, raw, message) => {
    const value = raw();
    expect(() => parseKeyRing(value)).toThrow(message);
  });

  it('names the variable and never prints a key', () => {
    const short = randomBytes(16).toString('base64');
    const cases: [Record<string, string>, string, string[]][] = [
      [{ REPORTER_CONTACT_KEYS: `k1:${a},k2:${short}` }, 'REPORTER_CONTACT_KEYS', [a, short]],
      [{ REPORTER_CONTACT_KEYS: `k1:${a},${b}` }, 'REPORTER_CONTACT_KEYS', [a, b]],
      [{ REPORTER_CONTACT_KEYS: `k1:${a}`, SENDER_DIGEST_KEYS: `d1:${b},d1:${c}` }, 'SENDER_DIGEST_KEYS', [a, b, c]],
      [{ REPORTER_CONTACT_KEY: short }, 'REPORTER_CONTACT_KEY', [short]],
      [{}, 'REPORTER_CONTACT_KEYS', []],
    ];
    for (const [env, variable, keys] of cases) {
      const problems = problemsOf(env);
      expect(problems).toContain(variable);
      for (const key of keys) {
        expect(problems).not.toContain(key);
        expect(problems).not.toContain(Buffer.from(key, 'base64').toString('hex'));
      }
    }
  });

  it('keeps the single REPORTER_CONTACT_KEY, under its fingerprint, beside the ring', () => {
    const legacy = Buffer.from(c, 'base64');
    const config = loadIntakeConfig({ ...base, REPORTER_CONTACT_KEY: c, REPORTER_CONTACT_KEYS: `k1:${a}` });
    expect(contactKeyRing(config.reporterContactKey, config.reporterContactKeys).map((k) => k.id)).toEqual(['k1', keyFingerprint(legacy)]);
    // Alone it is a ring of one, the newest; listed in the ring too, it is not added twice.
    expect(contactKeyRing(c, undefined)).toEqual([{ id: keyFingerprint(legacy), key: legacy }]);
    expect(contactKeyRing(c, parseKeyRing(`k0:${c}`)).map((k) => k.id)).toEqual(['k0']);
    expect(() => contactKeyRing(c, parseKeyRing(`${keyFingerprint(legacy)}:${a}`))).toThrow(/fingerprint of another key/);
    expect(problemsOf({ REPORTER_CONTACT_KEY: c, REPORTER_CONTACT_KEYS: `${keyFingerprint(legacy)}:${a}` })).toContain('REPORTER_CONTACT_KEYS uses the id');
  });
});

describe('the sender digest', () => {
  const contactKey = randomBytes(32);
  const address = '+6281234567890';

  it('digests as before rings when only the single contact key is set', () => {
    const single = SenderDigest.fromBase64(contactKey.toString('base64'));
    const ring = SenderDigest.fromKeys(contactKeyRing(contactKey.toString('base64'), undefined));
    expect(ring.of('WHATSAPP', address)).toBe(single.of('WHATSAPP', address));
    expect(ring.version).toBe(`contact-key:${keyFingerprint(contactKey)}`);
  });

  it('digests with its own newest key and looks up under every version, the derived ones last', () => {
    const before = SenderDigest.fromKeys([{ id: 'k1', key: contactKey }]);
    const after = SenderDigest.fromKeys([{ id: 'k1', key: contactKey }], parseKeyRing(`d2:${b64()},d1:${b64()}`));
    expect(after.version).toBe('d2');
    expect(after.versions).toEqual(['d2', 'd1', 'contact-key:k1']);
    const all = after.all('WHATSAPP', '6281234567890');
    expect(all).toHaveLength(3);
    expect(all[0]).toBe(after.of('WHATSAPP', address));
    expect(all).toContain(before.of('WHATSAPP', address));
    expect(new Set(all).size).toBe(3);
  });
});
