import { BlockList, isIP } from 'node:net';

/** One refused range: its CIDR and what it is, for the refusal's message. */
interface Range {
  cidr: string;
  name: string;
}

/** IPv4 addresses that are not on the public internet (IANA special-purpose registry). */
const V4_REFUSED: readonly Range[] = [
  { cidr: '0.0.0.0/8', name: 'this network' },
  { cidr: '10.0.0.0/8', name: 'private' },
  { cidr: '100.64.0.0/10', name: 'shared (CGNAT)' },
  { cidr: '127.0.0.0/8', name: 'loopback' },
  { cidr: '169.254.0.0/16', name: 'link-local' },
  { cidr: '172.16.0.0/12', name: 'private' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments' },
  { cidr: '192.0.2.0/24', name: 'documentation' },
  { cidr: '192.88.99.0/24', name: '6to4 relay' },
  { cidr: '192.168.0.0/16', name: 'private' },
  { cidr: '198.18.0.0/15', name: 'benchmarking' },
  { cidr: '198.51.100.0/24', name: 'documentation' },
  { cidr: '203.0.113.0/24', name: 'documentation' },
  { cidr: '224.0.0.0/4', name: 'multicast' },
  { cidr: '255.255.255.255/32', name: 'broadcast' },
  { cidr: '240.0.0.0/4', name: 'reserved' },
];

/** IPv6 ranges refused as a whole (the ones that embed an IPv4 address are judged by it, below). */
const V6_REFUSED: readonly Range[] = [
  { cidr: '::/128', name: 'unspecified' },
  { cidr: '::1/128', name: 'loopback' },
  { cidr: '::/96', name: 'IPv4-compatible (deprecated)' },
  { cidr: '64:ff9b:1::/48', name: 'local-use NAT64' },
  { cidr: '100::/64', name: 'discard-only' },
  { cidr: '2001::/23', name: 'IETF protocol assignments' },
  { cidr: '2001:db8::/32', name: 'documentation' },
  { cidr: 'fc00::/7', name: 'unique local' },
  { cidr: 'fe80::/10', name: 'link-local' },
  { cidr: 'fec0::/10', name: 'site-local (deprecated)' },
  { cidr: 'ff00::/8', name: 'multicast' },
];

function blockListOf(range: Range, type: 'ipv4' | 'ipv6'): { list: BlockList; name: string } {
  const [net, prefix] = range.cidr.split('/');
  const list = new BlockList();
  list.addSubnet(net as string, Number(prefix), type);
  return { list, name: range.name };
}

// One list per range (not one for all) so that a refusal can say which range it was.
const V4_LISTS = V4_REFUSED.map((r) => blockListOf(r, 'ipv4'));
const V6_LISTS = V6_REFUSED.map((r) => blockListOf(r, 'ipv6'));

/** The eight 16-bit words of an IPv6 address (with or without an embedded dotted quad), or undefined. */
function ipv6Words(address: string): number[] | undefined {
  let text = address;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    if (isIP(quad[1] as string) !== 4) return undefined;
    const [a, b, c, d] = (quad[1] as string).split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -quad[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(':').map((h) => parseInt(h, 16)) : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const words = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail] : head;
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

const v4Of = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;

/** The IPv4 address an IPv6 address carries by a standard mapping (mapped, NAT64, 6to4), if any. */
function embeddedV4(words: number[]): string | undefined {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = words as [number, number, number, number, number, number, number, number];
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (well-known NAT64 prefix): the last 32 bits.
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0xffff) return v4Of(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return v4Of(w6, w7);
  // 2002:aabb:ccdd::/48 (6to4): the 32 bits after the prefix.
  if (w0 === 0x2002) return v4Of(w1, w2);
  return undefined;
}

/**
 * Why an IP address must not be fetched from (`loopback`, `private`, `link-local` …), or
 * `undefined` when it is a public unicast address. IPv6 forms of an IPv4 address (mapped
 * `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address they
 * carry. Anything that is not an IP address is refused.
 */
export function refusedAddressReason(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return V4_LISTS.find((r) => r.list.check(bare, 'ipv4'))?.name;
  if (family !== 6) return 'not an IP address';
  const words = ipv6Words(bare);
  if (!words) return 'not an IP address';
  const v4 = embeddedV4(words);
  if (v4) {
    const reason = refusedAddressReason(v4);
    return reason ? `${reason} (as IPv6)` : undefined;
  }
  return V6_LISTS.find((r) => r.list.check(bare, 'ipv6'))?.name;
}
