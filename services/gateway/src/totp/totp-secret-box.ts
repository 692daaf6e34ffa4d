import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** Label of the key derived from the gateway's secret, so it serves this purpose alone. */
const DERIVATION_LABEL = 'pengaduan/gateway/totp-secret/v1';
const VERSION = 'v1';

/** A stored secret that does not open: another GATEWAY_JWT_SECRET sealed it, or the row was altered. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

/**
 * Seals the officers' TOTP secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
 * the gateway's secret (GATEWAY_JWT_SECRET), the account id as associated data, so a copy of the
 * table is useless without the secret and a sealed secret cannot be moved to another account.
 * The stored form names the key by a short fingerprint: a secret sealed under another key is
 * told apart from a damaged one.
 */
export class TotpSecretBox {
  private readonly key: Buffer;
  private readonly keyId: string;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), DERIVATION_LABEL, 32));
    this.keyId = createHash('sha256').update(this.key).digest('base64url').slice(0, 8);
  }

  /** `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url parts. */
  seal(secret: Uint8Array, accountId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(accountId));
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
    return [VERSION, this.keyId, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string, accountId: string): Buffer {
    const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
    if (version !== VERSION || !keyId || !iv || !ciphertext || !tag || rest.length > 0) throw new SealedSecretError('the stored second factor is not in a known form');
    if (keyId !== this.keyId) throw new SealedSecretError('the stored second factor was sealed under another GATEWAY_JWT_SECRET');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(accountId)).setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    } catch {
      throw new SealedSecretError('the stored second factor does not open');
    }
  }
}
