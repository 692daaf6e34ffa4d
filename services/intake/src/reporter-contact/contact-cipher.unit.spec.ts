import { randomBytes } from 'node:crypto';
import { ContactCipher } from './contact-cipher';
import { keyFingerprint } from './key-ring';

describe('the reporter contact cipher', () => {
  const contact = { name: 'Budi Santoso', phone: '+6281298765432' };

  it('opens what it sealed', () => {
    const cipher = new ContactCipher(randomBytes(32));
    expect(cipher.open(cipher.seal(contact), cipher.keyId)).toEqual(contact);
  });

  it('never seals the same contact to the same bytes, and hides it', () => {
    const cipher = new ContactCipher(randomBytes(32));
    const a = cipher.seal(contact);
    const b = cipher.seal(contact);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('Budi');
  });

  it('refuses to open a tampered contact or one sealed with another key', () => {
    const cipher = new ContactCipher(randomBytes(32));
    const sealed = cipher.seal(contact);
    const tampered = Buffer.from(sealed);
    tampered[14] ^= 0x01;
    expect(() => cipher.open(tampered, cipher.keyId)).toThrow();
    const other = new ContactCipher([{ id: cipher.keyId, key: randomBytes(32) }]);
    expect(() => other.open(sealed, cipher.keyId)).toThrow();
  });

  it('names its key by a short hash, so rotated keys can be told apart', () => {
    const key = randomBytes(32);
    expect(new ContactCipher(key).keyId).toBe(new ContactCipher(Buffer.from(key)).keyId);
    expect(new ContactCipher(key).keyId).not.toBe(new ContactCipher(randomBytes(32)).keyId);
    expect(() => new ContactCipher(randomBytes(16))).toThrow(/32 bytes/);
  });

  describe('as a ring', () => {
    const [k1, k2, legacy] = [randomBytes(32), randomBytes(32), randomBytes(32)];

    it('seals with the newest and opens with any key it holds, by id or by fingerprint', () => {
      const before = new ContactCipher(legacy);
      const old = new ContactCipher([{ id: 'k1', key: k1 }]);
      const ring = new ContactCipher([{ id: 'k2', key: k2 }, { id: 'k1', key: k1 }, { id: 'other', key: legacy }]);
      expect(ring.keyId).toBe('k2');
      expect(ring.keyIds).toEqual(['k2', 'k1', 'other']);
      expect(ring.open(ring.seal(contact), 'k2')).toEqual(contact);
      expect(ring.open(old.seal(contact), 'k1')).toEqual(contact);
      // What the single key sealed names it by fingerprint.
      expect(before.keyId).toBe(keyFingerprint(legacy));
      expect(ring.open(before.seal(contact), before.keyId)).toEqual(contact);
    });

    it('names a key it does not hold, and refuses it', () => {
      const ring = new ContactCipher([{ id: 'k2', key: k2 }]);
      expect(ring.holds('k1')).toBe(false);
      expect(() => ring.open(new ContactCipher([{ id: 'k1', key: k1 }]).seal(contact), 'k1')).toThrow(/key k1, which this intake does not hold/);
    });
  });
});
