import { randomBytes } from 'node:crypto';
import { ContactCipher } from './contact-cipher';

describe('the reporter contact cipher', () => {
  const contact = { name: 'Budi Santoso', phone: '+6281298765432' };

  it('opens what it sealed', () => {
    const cipher = new ContactCipher(randomBytes(32));
    expect(cipher.open(cipher.seal(contact))).toEqual(contact);
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
    expect(() => cipher.open(tampered)).toThrow();
    expect(() => new ContactCipher(randomBytes(32)).open(sealed)).toThrow();
  });

  it('names its key by a short hash, so rotated keys can be told apart', () => {
    const key = randomBytes(32);
    expect(new ContactCipher(key).keyId).toBe(new ContactCipher(Buffer.from(key)).keyId);
    expect(new ContactCipher(key).keyId).not.toBe(new ContactCipher(randomBytes(32)).keyId);
    expect(() => new ContactCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
