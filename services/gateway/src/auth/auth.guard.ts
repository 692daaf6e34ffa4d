import { ServiceError, type ServiceErrorCode } from '@pengaduan/runtime';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AccessTokens, ENROLMENT_SCOPE, InvalidTokenError, type VerifiedAccessToken } from './access-tokens';
import type { AuthenticatedUser } from './authenticated-user';

const IS_PUBLIC = 'pengaduan:public-route';

/** Marks a route that needs no access token (login). Every other route of the API needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

const BEFORE_SECOND_FACTOR = 'pengaduan:before-second-factor';

/**
 * Marks a route an officer may use while the office policy requires a second factor they have
 * not enrolled yet (ADR 0027): the enrolment itself, its status, logout. Every other route
 * answers such an officer 403 `AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED`.
 */
export const BeforeSecondFactor = () => SetMetadata(BEFORE_SECOND_FACTOR, true);

const FOR_OPERATORS = 'pengaduan:for-operators';

/**
 * Marks a route (or a controller) a platform operator (`OPERATOR`, docs/adr/0043) may use: the
 * dead-lettered events and the operator's own account. Every other route answers an operator
 * 403 `AUTH.NOT_FOR_OPERATORS`: an operator sees no complaint and no contact data.
 */
export const ForOperators = () => SetMetadata(FOR_OPERATORS, true);

/** The active account a token names, and whether it has an active second factor (absent: none). */
export type ActiveAccount = AuthenticatedUser & { secondFactor?: boolean };

/** Which officers the office policy requires a second factor of (ADR 0027). */
export interface SecondFactorRequirement {
  requires(officer: Pick<AuthenticatedUser, 'role' | 'officeCode' | 'secondFactorRequired'>): boolean;
}

/** What the guard needs of a verified token to find its officer (ADR 0022). */
export type TokenHolderQuery = Pick<VerifiedAccessToken, 'sub' | 'jti' | 'issuedAt'>;

/**
 * Where the guard finds the officer an access token names: their active account; `revoked`
 * when the account is active but the token was logged out or issued before the account's
 * `tokens_valid_after`; nothing otherwise. One query per request.
 */
export abstract class AccountDirectory {
  abstract findActive(token: TokenHolderQuery): Promise<ActiveAccount | 'revoked' | undefined>;
}

/** Health probes are answered to anyone (the orchestrator has no token). */
const OPEN_PATH = /^\/health(\/|$)/;

/** The token of an `Authorization: Bearer <token>` header, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}

/** A 401 problem; the filter adds `WWW-Authenticate: Bearer`. */
export function unauthenticated(code: ServiceErrorCode, message: string): ServiceError {
  return new ServiceError('unauthenticated', code, message);
}

/**
 * The global guard: a route answers only to a request with a valid bearer access token of an
 * active account, except routes marked `@Public()` and the health probes (the OpenAPI
 * document is served outside Nest's routes and is public). The account is read on every
 * request, so a deactivated officer is refused at once and a changed role or office applies
 * at once; the token only says who the officer is. In the same query the token is checked
 * not to be revoked: not logged out, and issued after the account's `tokens_valid_after`.
 * A token that only enrols a second factor (its scope, or an officer whom the office policy
 * requires one of and who has none) passes only to routes marked {@link BeforeSecondFactor}; a
 * platform operator's only to routes marked {@link ForOperators}.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly accounts: AccountDirectory,
    private readonly secondFactorPolicy?: SecondFactorRequirement,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) || OPEN_PATH.test(request.path)) {
      return true;
    }
    const token = bearerToken(request.header('authorization'));
    if (!token) throw unauthenticated('AUTH.MISSING_TOKEN', 'this API needs an access token: log in at POST /api/v1/auth/login and send it as Authorization: Bearer <token>');
    let verified: VerifiedAccessToken;
    try {
      verified = await this.tokens.verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthenticated(err.code, err.message);
      throw err;
    }
    const account = await this.accounts.findActive(verified);
    if (account === 'revoked') throw unauthenticated('AUTH.TOKEN_REVOKED', 'the access token was revoked (logout, password change or reset); log in again');
    if (!account) throw unauthenticated('AUTH.INVALID_TOKEN', 'the access token is not valid');
    const { secondFactor, ...user } = account;
    const enrolmentOnly = verified.scope === ENROLMENT_SCOPE || (secondFactor !== true && this.secondFactorPolicy?.requires(user) === true);
    if (enrolmentOnly && !this.reflector.getAllAndOverride<boolean>(BEFORE_SECOND_FACTOR, [context.getHandler(), context.getClass()])) {
      throw new ServiceError('forbidden', 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED', 'the office policy requires a second factor for your role: enrol one at POST /api/v1/auth/totp/enrolment first');
    }
    if (user.role === 'OPERATOR' && !this.reflector.getAllAndOverride<boolean>(FOR_OPERATORS, [context.getHandler(), context.getClass()])) {
      throw new ServiceError('forbidden', 'AUTH.NOT_FOR_OPERATORS', "a platform operator's account reaches only the dead-lettered events and its own account");
    }
    const locals = context.switchToHttp().getResponse<Response>().locals;
    locals['user'] = user;
    locals['token'] = verified;
    return true;
  }
}
