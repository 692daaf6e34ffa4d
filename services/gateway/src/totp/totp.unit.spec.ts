import { Secret, TOTP } from 'otpauth';
import { SecondFactorPolicy, parseSecondFactorRules } from './second-factor-policy';
import { base32Of, matchTotpStep, newRecoveryCode, normalizeRecoveryCode, otpauthUri, recoveryCodeHash, totpStepAt } from './totp';
import { SealedSecretError, TotpSecretBox } from './totp-secret-box';

// RFC 6238's SHA-1 test secret ("12345678901234567890") and its published codes (the last 6 digits).
const RFC_SECRET = Buffer.from('12345678901234567890');
const at = (seconds: number) => new Date(seconds * 1000);

describe('a TOTP code', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('of RFC 6238 at %i s is %s, matched to its own step', (seconds, code) => {
    expect(matchTotpStep(RFC_SECRET, code, at(seconds))).toBe(Math.floor(seconds / 30));
  });

  it('is taken from one step before or after the current one, with the step it belongs to, never two steps away', () => {
    const now = at(1_800_000_015);
    const step = totpStepAt(now);
    const codeOf = (offset: number) => TOTP.generate({ secret: new Secret({ buffer: Uint8Array.from(RFC_SECRET).buffer }), timestamp: now.getTime() + offset * 30_000 });
    expect(matchTotpStep(RFC_SECRET, codeOf(0), now)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, codeOf(-1), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, codeOf(1), now)).toBe(step + 1);
    expect(matchTotpStep(RFC_SECRET, codeOf(-2), now)).toBeUndefined();
    expect(matchTotpStep(RFC_SECRET, codeOf(2), now)).toBeUndefined();
  });

  it('ignores spaces an officer types, and refuses anything but six digits', () => {
    expect(matchTotpStep(RFC_SECRET, ' 287 082 ', at(59))).toBe(1);
    for (const code of ['', '28708', '2870820', '28708a', '287082\n1']) expect(matchTotpStep(RFC_SECRET, code, at(59))).toBeUndefined();
  });

  it('is what an app computes from the otpauth:// URI of the secret', () => {
    const uri = otpauthUri(RFC_SECRET, 'admin.tikkim', 'BLP');
    expect(uri).toBe(`otpauth://totp/Pengaduan%20BLP:admin.tikkim?issuer=Pengaduan%20BLP&secret=${base32Of(RFC_SECRET)}&algorithm=SHA1&digits=6&period=30`);
    expect(base32Of(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});

describe('a recovery code', () => {
  it('has 80 random bits in four groups, and is hashed as typed in any case, with or without dashes', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(recoveryCodeHash(code.toLowerCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(code));
    expect(normalizeRecoveryCode('oil0-1234')).toBe('01101234');
    expect(recoveryCodeHash(code)).not.toContain(code.replace(/-/g, ''));
  });
});

describe('the sealed secret', () => {
  const box = new TotpSecretBox('a-test-secret-of-more-than-thirty-two-bytes');
  const account = '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f';

  it('opens for its account under the same gateway secret only', () => {
    const sealed = box.seal(RFC_SECRET, account);
    expect(sealed).not.toContain(RFC_SECRET.toString('base64url'));
    expect(box.open(sealed, account)).toEqual(RFC_SECRET);
    expect(() => box.open(sealed, '0199a1c2-0000-7c4d-9e5f-0a1b2c3d4e5f')).toThrow(SealedSecretError);
    expect(() => new TotpSecretBox('another-secret-of-more-than-thirty-two-bytes').open(sealed, account)).toThrow(/another GATEWAY_JWT_SECRET/);
    expect(() => box.open(sealed.replace(/\.[^.]{4}/, '.AAAA'), account)).toThrow(SealedSecretError);
  });
});

describe('the office policy', () => {
  it('requires the roles named for the office, and those named for every office', () => {
    const policy = new SecondFactorPolicy(parseSecondFactorRules('BLP=KEPALA_KANTOR|AUDITOR,*=KEPALA_SEKSI_TI'));
    expect(policy.requires({ role: 'AUDITOR', officeCode: 'BLP' })).toBe(true);
    expect(policy.requires({ role: 'AUDITOR', officeCode: 'JKT' })).toBe(false);
    expect(policy.requires({ role: 'KEPALA_SEKSI_TI', officeCode: 'JKT' })).toBe(true);
    expect(policy.requires({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).toBe(false);
    expect(new SecondFactorPolicy(parseSecondFactorRules('')).requires({ role: 'KEPALA_KANTOR', officeCode: 'BLP' })).toBe(false);
  });
});
