import type { Channel } from '@pengaduan/sop';
import { createHmac, hkdfSync } from 'node:crypto';
import { keyFingerprint, type RingKey } from '../reporter-contact/key-ring';

/** The version a digest key derived from a contact key goes by (stored beside the digest). */
export const derivedDigestVersion = (contactKeyId: string): string => `contact-key:${contactKeyId}`;

/**
 * A keyed digest of a sender's address on a channel (their WhatsApp number, page-scoped id,
 * chat id): equal for the same sender, useless without the key. intake finds a sender's open
 * complaint by it, so no address is kept in clear. Its keys are versioned: it digests with the
 * newest (`of`, stored with `version` beside the digest) and looks up under every version it
 * holds (`all`: `sender_digest = ANY(…)`), so a sender is found across a rotation until
 * `reseal-contacts` has re-digested everything under the newest. The versions are
 * SENDER_DIGEST_KEYS, newest first, followed by one derived (HKDF) from each contact key, which
 * are the only ones when SENDER_DIGEST_KEYS is unset, as before there were versions.
 */
export class SenderDigest {
  /** The newest version: what `of` digests under. */
  readonly version: string;
  /** Every version, newest first. */
  readonly versions: readonly string[];
  private readonly keys: readonly Buffer[];

  /** `versions` newest first, each with its HMAC key. */
  constructor(versions: readonly RingKey[]) {
    if (versions.length === 0) throw new Error('a sender digest needs at least one key');
    this.version = versions[0].id;
    this.versions = versions.map((v) => v.id);
    this.keys = versions.map((v) => v.key);
  }

  /** The versions of a deployment: its own digest keys (if any), then those derived from its contact keys. */
  static fromKeys(contactKeys: readonly RingKey[], digestKeys: readonly RingKey[] = []): SenderDigest {
    const derived = contactKeys.map((k) => ({ id: derivedDigestVersion(k.id), key: Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'pengaduan/intake/sender-digest', 32)) }));
    return new SenderDigest([...digestKeys, ...derived]);
  }

  /** With the single legacy contact key only (REPORTER_CONTACT_KEY), as before there were versions. */
  static fromBase64(contactKey: string): SenderDigest {
    const key = Buffer.from(contactKey, 'base64');
    return SenderDigest.fromKeys([{ id: keyFingerprint(key), key }]);
  }

  /** The sender's digest under the newest version. */
  of(channel: Channel, address: string): string {
    return this.under(this.keys[0], channel, address);
  }

  /** The sender's digest under every version, newest first: what a lookup compares with. */
  all(channel: Channel, address: string): string[] {
    return this.keys.map((key) => this.under(key, channel, address));
  }

  private under(key: Buffer, channel: Channel, address: string): string {
    return createHmac('sha256', key).update(`${channel}\u0000${normaliseAddress(channel, address)}`).digest('hex');
  }
}

/** The same person writes as `+62812…` on one webhook and `62812…` on another: numbers compare by digits. */
export function normaliseAddress(channel: Channel, address: string): string {
  const trimmed = address.trim();
  if (channel === 'WHATSAPP' || channel === 'SMS') return `+${trimmed.replace(/[^0-9]/g, '')}`;
  return trimmed;
}
