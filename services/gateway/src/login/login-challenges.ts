import type { Clock } from '@pengaduan/runtime';
import { ServiceError } from '@pengaduan/runtime';
import { jwtVerify, SignJWT } from 'jose';
import { createHmac, randomUUID } from 'node:crypto';
import { TOKEN_ISSUER } from '../auth/access-tokens';

/** Label of the key derived from the gateway's secret, so a challenge is never an access token. */
const DERIVATION_LABEL = 'pengaduan/gateway/login-challenge/v1';
const AUDIENCE = 'pengaduan-login-second-factor';
/** How long an officer has to type the code after the password: 5 minutes. */
export const LOGIN_CHALLENGE_TTL_SECONDS = 300;

/** A challenge that verified: the account whose password was right, and when. */
export interface VerifiedLoginChallenge {
  accountId: string;
  issuedAt: Date;
}

/**
 * The short-lived signed token a login answers when the password was right and the account has
 * a second factor (ADR 0027): `POST /auth/login/totp` takes it with the code. HS256 under a key
 * derived from the gateway's secret for this purpose alone, with an audience of its own, so it
 * never passes as an access token (nor an access token as a challenge).
 */
export class LoginChallenges {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', secret).update(DERIVATION_LABEL).digest();
  }

  async issue(accountId: string): Promise<string> {
    const nowMs = this.clock.now().getTime();
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(accountId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(nowMs / 1000)
      .setExpirationTime(Math.floor(nowMs / 1000) + LOGIN_CHALLENGE_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** The challenge's account; 401 `AUTH.CHALLENGE_INVALID` when it is expired, forged or not a challenge. */
  async verify(challenge: string): Promise<VerifiedLoginChallenge> {
    try {
      const { payload } = await jwtVerify(challenge, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.iat !== 'number') throw new Error('malformed');
      return { accountId: payload.sub, issuedAt: new Date(Math.round(payload.iat * 1000)) };
    } catch {
      throw new ServiceError('unauthenticated', 'AUTH.CHALLENGE_INVALID', 'the login challenge is not valid or has expired; log in again with the password');
    }
  }
}
