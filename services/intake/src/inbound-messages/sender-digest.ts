import type { Channel } from '@pengaduan/sop';
import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A keyed digest of a sender's address on a channel (their WhatsApp number, page-scoped id,
 * chat id): equal for the same sender, useless without the key. intake finds a sender's open
 * complaint by it, so no address is kept in clear. The key is derived from the reporter-contact
 * key (HKDF), so there is no second secret to manage.
 */
export class SenderDigest {
  private readonly key: Buffer;

  constructor(contactKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', contactKey, Buffer.alloc(0), 'pengaduan/intake/sender-digest', 32));
  }

  static fromBase64(b64: string): SenderDigest {
    return new SenderDigest(Buffer.from(b64, 'base64'));
  }

  of(channel: Channel, address: string): string {
    return createHmac('sha256', this.key).update(`${channel}\u0000${normaliseAddress(channel, address)}`).digest('hex');
  }
}

/** The same person writes as `+62812…` on one webhook and `62812…` on another: numbers compare by digits. */
export function normaliseAddress(channel: Channel, address: string): string {
  const trimmed = address.trim();
  if (channel === 'WHATSAPP' || channel === 'SMS') return `+${trimmed.replace(/[^0-9]/g, '')}`;
  return trimmed;
}
