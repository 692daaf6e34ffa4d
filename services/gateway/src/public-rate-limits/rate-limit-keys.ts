import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** Label of the key derived from the gateway's secret, so it serves this purpose alone. */
const DERIVATION_LABEL = 'pengaduan/gateway/public-rate-limit/v1';

/**
 * Turns what a limit counts by (a client address, a tracking number) into the key its rows
 * are stored under: HMAC-SHA256 with a key derived from the gateway's secret
 * (GATEWAY_JWT_SECRET), so the table holds no address or tracking number in clear, and a
 * copy of it cannot be reversed by trying every address or number without the secret.
 */
export class RateLimitKeys {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update(DERIVATION_LABEL).digest();
  }

  of(bucket: string, value: string): string {
    return createHmac('sha256', this.key).update(`${bucket}\n${value}`).digest('base64url');
  }
}

/**
 * What a client address is counted as: an IPv4 address as it is (also when written as
 * IPv4-mapped IPv6), an IPv6 address by its /64 network, since one subscriber usually holds
 * a whole /64 and could otherwise take a new address for every guess.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(plain)) return plain;
  if (!isIPv6(plain)) return plain;
  return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, as four lowercase hex digits each. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const withV4 = (groups: string[]) =>
    groups.flatMap((g) => {
      if (!g.includes('.')) return [g];
      const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = withV4(groupsOf(head));
  const right = tail === undefined ? [] : withV4(groupsOf(tail));
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((g) => g.padStart(4, '0'));
}
