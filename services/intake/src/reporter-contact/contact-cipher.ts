import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyFingerprint, type RingKey } from './key-ring';

/** How to reach the reporter. Personal data: it never leaves intake except to notification, over gRPC. */
export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
  handle?: string;
}

/**
 * Seals contacts with AES-256-GCM under a ring of keys (REPORTER_CONTACT_KEYS, see
 * `contactKeyRing`): it seals with the newest and opens with whichever key a value names. The
 * key id is stored beside each sealed value (`key_id`); a value sealed before rings names its
 * key by fingerprint (the first 8 hex digits of its SHA-256), which every key answers to as well.
 */
export class ContactCipher {
  /** The newest key's id: what `seal` writes beside each value. */
  readonly keyId: string;
  /** Every key's id, newest first. */
  readonly keyIds: readonly string[];
  private readonly byId = new Map<string, Buffer>();
  private readonly newest: Buffer;

  /** One key (under its fingerprint), or a ring newest first. */
  constructor(keys: Buffer | readonly RingKey[]) {
    const ring = Buffer.isBuffer(keys) ? [{ id: keyFingerprint(keys), key: keys }] : keys;
    if (ring.length === 0) throw new Error('a contact cipher needs at least one key');
    for (const { key } of ring) if (key.length !== 32) throw new Error('the reporter contact key must be 32 bytes');
    for (const { id, key } of ring) this.byId.set(id, key);
    for (const { key } of ring) if (!this.byId.has(keyFingerprint(key))) this.byId.set(keyFingerprint(key), key);
    this.keyId = ring[0].id;
    this.newest = ring[0].key;
    this.keyIds = ring.map((k) => k.id);
  }

  static fromBase64(b64: string): ContactCipher {
    return new ContactCipher(Buffer.from(b64, 'base64'));
  }

  /** Whether a value sealed under `keyId` opens here. */
  holds(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  seal(contact: ReporterContact): Buffer {
    return this.sealBytes(Buffer.from(JSON.stringify(contact), 'utf8'));
  }

  open(sealed: Buffer, keyId: string): ReporterContact {
    return JSON.parse(this.openBytes(sealed, keyId).toString('utf8')) as ReporterContact;
  }

  /** Seals any personal data intake keeps besides contacts (channel messages, quarantined requests), with the newest key. */
  sealBytes(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.newest, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  /** Opens a value sealed under `keyId` (the id stored beside it). */
  openBytes(sealed: Buffer, keyId: string): Buffer {
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`sealed with key ${keyId}, which this intake does not hold (its keys: ${this.keyIds.join(', ')})`);
    const iv = sealed.subarray(0, 12);
    const tag = sealed.subarray(sealed.length - 16);
    const body = sealed.subarray(12, sealed.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }
}
