import { addressKey, RateLimitKeys } from './rate-limit-keys';

describe('what a client address is counted as', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:0db8:85a3:08d3::/64'],
    ['2001:db8:85a3:8d3::1', '2001:0db8:85a3:08d3::/64'],
    ['2001:DB8:85A3:8D3:ffff::9', '2001:0db8:85a3:08d3::/64'],
    ['2001:db8::1', '2001:0db8:0000:0000::/64'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000::/64'],
    ['::1', '0000:0000:0000:0000::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('the keys the rate limits are stored under', () => {
  const keys = new RateLimitKeys('s'.repeat(48));

  it('are HMACs that hold nothing of the value, one per bucket and value', () => {
    const key = keys.of('tracking:number', 'BLP-2026-000123');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('BLP');
    expect(keys.of('tracking:number', 'BLP-2026-000123')).toBe(key);
    expect(keys.of('tracking:number', 'BLP-2026-000124')).not.toBe(key);
    expect(keys.of('tracking:address', 'BLP-2026-000123')).not.toBe(key);
  });

  it('depend on the secret', () => {
    expect(new RateLimitKeys('t'.repeat(48)).of('tracking:number', 'BLP-2026-000123')).not.toBe(keys.of('tracking:number', 'BLP-2026-000123'));
  });
});
