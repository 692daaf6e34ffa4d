import type { Clock } from '@pengaduan/runtime';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';

/** The `iss` of every access token. */
export const TOKEN_ISSUER = 'pengaduan-gateway';
const ALGORITHM = 'HS256';

/** What an access token says: the account (`sub`) and, for logs and clients, who it was issued to. */
export interface AccessTokenClaims {
  /** The account id. */
  sub: string;
  role: string;
  office: string;
  section?: string;
  /**
   * What the token allows when not everything: `totp-enrolment`, a token of an officer whom the
   * office policy requires a second factor and who has none yet (ADR 0027): it enrols one, nothing else.
   */
  scope?: AccessTokenScope;
}

/** The one restricted scope a token may have (ADR 0027). */
export const ENROLMENT_SCOPE = 'totp-enrolment';
export type AccessTokenScope = typeof ENROLMENT_SCOPE;

/** A token that verified: its claims, and what revocation checks (ADR 0022). */
export interface VerifiedAccessToken extends AccessTokenClaims {
  /** The token's id: what a logout revokes. */
  jti: string;
  /** When it was issued, to the millisecond: refused if before the account's `tokens_valid_after`. */
  issuedAt: Date;
  expiresAt: Date;
}

/** Why a token was refused: stable codes for the 401 problem. */
export class InvalidTokenError extends Error {
  constructor(
    readonly code: 'AUTH.TOKEN_EXPIRED' | 'AUTH.INVALID_TOKEN',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Issues and checks the officers' access tokens: JWT signed HS256 with the gateway's secret,
 * issuer `pengaduan-gateway`, a lifetime of `ttlSeconds`. Only HS256 is accepted on the way
 * in (no `none`, no algorithm confusion), and time comes from the clock so tests set it.
 */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * A new token with a random `jti`. Its `iat` carries milliseconds (a NumericDate may be
   * fractional, RFC 7519 §2), so a token issued right after a password change is told apart
   * from one issued just before it; `nbf` stays whole seconds.
   */
  async issue(claims: AccessTokenClaims): Promise<string> {
    const nowMs = this.clock.now().getTime();
    const now = Math.floor(nowMs / 1000);
    const { sub, ...rest } = claims;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt(nowMs / 1000)
      .setNotBefore(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** The token's claims and id, or an InvalidTokenError (expired, forged, malformed, another issuer, no `jti` …). */
  async verify(token: string): Promise<VerifiedAccessToken> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new InvalidTokenError('AUTH.TOKEN_EXPIRED', 'the access token has expired; log in again');
      throw new InvalidTokenError('AUTH.INVALID_TOKEN', 'the access token is not valid');
    }
    const { sub, role, office, section, scope, jti, iat, exp } = payload;
    if (
      typeof sub !== 'string' ||
      (scope !== undefined && scope !== ENROLMENT_SCOPE) ||
      typeof role !== 'string' ||
      typeof office !== 'string' ||
      (section !== undefined && typeof section !== 'string') ||
      typeof jti !== 'string' ||
      jti === '' ||
      typeof iat !== 'number' ||
      typeof exp !== 'number'
    ) {
      throw new InvalidTokenError('AUTH.INVALID_TOKEN', 'the access token is not valid');
    }
    return { sub, role, office, ...(section === undefined ? {} : { section }), ...(scope === ENROLMENT_SCOPE ? { scope } : {}), jti, issuedAt: new Date(Math.round(iat * 1000)), expiresAt: new Date(exp * 1000) };
  }
}
