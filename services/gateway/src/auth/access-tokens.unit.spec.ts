import { SignJWT, UnsecuredJWT } from 'jose';
import { SettableClock } from '@pengaduan/runtime';
import { refusal } from '@pengaduan/testing';
import { AccessTokens, InvalidTokenError, TOKEN_ISSUER } from './access-tokens';

const SECRET = 'a-test-secret-of-more-than-thirty-two-bytes';

const claims = { sub: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', role: 'KEPALA_KANTOR', office: 'BLP' };

function tokens(clock = new SettableClock(new Date('2026-03-14T01:00:00Z')), ttl = 28_800) {
  return { clock, tokens: new AccessTokens(SECRET, ttl, clock) };
}

describe("officers' access tokens", () => {
  it('reads back who a token was issued to, with the issuer and an 8 h lifetime', async () => {
    const { tokens: t } = tokens();
    const token = await t.issue({ ...claims, section: 'INTELDAKIM' });
    const verified = await t.verify(token);
    expect(verified).toEqual({ ...claims, section: 'INTELDAKIM', jti: expect.stringMatching(/^[0-9a-f-]{36}$/), issuedAt: new Date('2026-03-14T01:00:00Z'), expiresAt: new Date('2026-03-14T09:00:00Z') });
    expect((await t.verify(await t.issue(claims))).jti).not.toBe(verified.jti);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: TOKEN_ISSUER, sub: claims.sub, iat: 1773450000, exp: 1773450000 + 28_800 });
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('carries the issue time to the millisecond, so a token issued right after a revocation is told apart from one just before', async () => {
    const { clock, tokens: t } = tokens(new SettableClock(new Date('2026-03-14T01:00:00.123Z')));
    const token = await t.issue(claims);
    clock.advance(1);
    await expect(t.verify(token)).resolves.toMatchObject({ issuedAt: new Date('2026-03-14T01:00:00.123Z') });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ iat: 1773450000.123, nbf: 1773450000 });
  });

  it('refuses a token without an id (jti): it could not be revoked', async () => {
    const noId = await new SignJWT({ role: claims.role, office: claims.office })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt(1773450000)
      .setExpirationTime(1773450000 + 600)
      .sign(new TextEncoder().encode(SECRET));
    expect((await refusal(tokens().tokens.verify(noId), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('refuses a token once its lifetime has passed, and accepts it until then', async () => {
    const { clock, tokens: t } = tokens(undefined, 3_600);
    const token = await t.issue(claims);
    clock.advance(59 * 60_000);
    await expect(t.verify(token)).resolves.toMatchObject({ sub: claims.sub });
    clock.advance(61_000);
    expect((await refusal(t.verify(token), InvalidTokenError)).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await new AccessTokens('another-secret-of-more-than-thirty-two-bytes', 3_600, tokens().clock).issue({ ...claims, role: 'ADMIN_TIKKIM' });
    expect((await refusal(tokens().tokens.verify(forged), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const { tokens: t } = tokens();
    const [header, , signature] = (await t.issue(claims)).split('.');
    const altered = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN_TIKKIM', iss: TOKEN_ISSUER, exp: 9_999_999_999 })).toString('base64url');
    expect((await refusal(t.verify(`${header}.${altered}.${signature}`), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it("refuses an unsigned token (alg none) and another issuer's token", async () => {
    const { tokens: t } = tokens();
    const unsigned = new UnsecuredJWT({ ...claims }).setIssuer(TOKEN_ISSUER).setSubject(claims.sub).setIssuedAt().setExpirationTime('1h').encode();
    expect((await refusal(t.verify(unsigned), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
    const foreign = await new SignJWT({ role: claims.role, office: claims.office })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('someone-else')
      .setIssuedAt(1773450000)
      .setExpirationTime(1773450000 + 600)
      .sign(new TextEncoder().encode(SECRET));
    expect((await refusal(t.verify(foreign), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('refuses what is not a token at all', async () => {
    expect((await refusal(tokens().tokens.verify('not.a.token'), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
    expect((await refusal(tokens().tokens.verify(''), InvalidTokenError)).code).toBe('AUTH.INVALID_TOKEN');
  });
});
