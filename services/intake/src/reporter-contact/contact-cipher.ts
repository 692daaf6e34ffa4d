import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** How to reach the reporter. Personal data: it never leaves intake except to notification, over gRPC. */
export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
  handle?: string;
}

/**
 * Seals contacts with AES-256-GCM. The key (32 bytes, base64 in REPORTER_CONTACT_KEY) comes
 * from the environment; its id is the first 8 hex digits of its SHA-256, stored with each
 * contact so that keys can be rotated.
 */
export class ContactCipher {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the reporter contact key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  static fromBase64(b64: string): ContactCipher {
    return new ContactCipher(Buffer.from(b64, 'base64'));
  }

  seal(contact: ReporterContact): Buffer {
    return this.sealBytes(Buffer.from(JSON.stringify(contact), 'utf8'));
  }

  open(sealed: Buffer): ReporterContact {
    return JSON.parse(this.openBytes(sealed).toString('utf8')) as ReporterContact;
  }

  /** Seals any personal data intake keeps besides contacts (channel messages, quarantined requests). */
  sealBytes(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  openBytes(sealed: Buffer): Buffer {
    const iv = sealed.subarray(0, 12);
    const tag = sealed.subarray(sealed.length - 16);
    const body = sealed.subarray(12, sealed.length - 16);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  }
}
