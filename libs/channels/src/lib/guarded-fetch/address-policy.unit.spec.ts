import { refusedAddressReason } from './address-policy';
import { hostAllowed, hostPatternProblem } from './host-patterns';

describe('refusedAddressReason', () => {
  it.each([
    // IPv4
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::7f00:1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['2001::1', 'IETF protocol assignments'],
    ['2001:db8::1', 'documentation'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local (deprecated)'],
    ['ff02::1', 'multicast'],
    // IPv6 forms of refused IPv4 addresses
    ['::ffff:127.0.0.1', 'loopback (as IPv6)'],
    ['::ffff:7f00:1', 'loopback (as IPv6)'],
    ['::ffff:10.0.0.1', 'private (as IPv6)'],
    ['::ffff:169.254.169.254', 'link-local (as IPv6)'],
    ['::ffff:0.0.0.0', 'this network (as IPv6)'],
    ['64:ff9b::127.0.0.1', 'loopback (as IPv6)'],
    ['64:ff9b::a9fe:a9fe', 'link-local (as IPv6)'],
    ['64:ff9b::192.168.0.1', 'private (as IPv6)'],
    ['2002:a00:1::1', 'private (as IPv6)'],
    ['2002:7f00:1::', 'loopback (as IPv6)'],
    // not addresses at all
    ['localhost', 'not an IP address'],
    ['', 'not an IP address'],
  ])('%s is refused (%s)', (address, reason) => {
    expect(refusedAddressReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '157.240.1.35', '100.63.255.255', '100.128.0.0', '172.32.0.1', '192.169.0.1', '223.255.255.255', '2a03:2880:f12f:83:face:b00c:0:25de', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1'])(
    '%s is public',
    (address) => {
      expect(refusedAddressReason(address)).toBeUndefined();
    },
  );
});

describe('host patterns', () => {
  it('matches exact hosts and *.domain below the domain only, case and trailing dot aside', () => {
    const patterns = ['api.twilio.com', '*.fbcdn.net'];
    expect(hostAllowed('api.twilio.com', patterns)).toBe(true);
    expect(hostAllowed('API.Twilio.com.', patterns)).toBe(true);
    expect(hostAllowed('scontent.xx.fbcdn.net', patterns)).toBe(true);
    expect(hostAllowed('fbcdn.net', patterns)).toBe(false);
    expect(hostAllowed('evilfbcdn.net', patterns)).toBe(false);
    expect(hostAllowed('fbcdn.net.evil.example', patterns)).toBe(false);
    expect(hostAllowed('api.twilio.com.evil.example', patterns)).toBe(false);
    expect(hostAllowed('127.0.0.1', patterns)).toBe(false);
  });

  it('names patterns that cannot be used', () => {
    expect(hostPatternProblem('*.fbsbx.com')).toBeUndefined();
    expect(hostPatternProblem('api.telegram.org')).toBeUndefined();
    expect(hostPatternProblem('*')).toBeDefined();
    expect(hostPatternProblem('*.com')).toBeDefined();
    expect(hostPatternProblem('a.*.com')).toBeDefined();
    expect(hostPatternProblem('https://api.twilio.com')).toBeDefined();
    expect(hostPatternProblem('api.twilio.com:443')).toBeDefined();
  });
});
