import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import type { VerifiedAccessToken } from './access-tokens';
import type { AuthenticatedUser } from './authenticated-user';

/** The officer the auth guard authenticated for this request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getResponse<Response>().locals['user'] as AuthenticatedUser | undefined;
  // Only a route marked @Public() has no user, and such a route never asks for one.
  if (!user) throw new Error('no authenticated user: the route is public or the AuthGuard is not installed');
  return user;
});

/** The access token the request was authenticated with (its `jti` and expiry, for logout). */
export const CurrentToken = createParamDecorator((_: unknown, ctx: ExecutionContext): VerifiedAccessToken => {
  const token = ctx.switchToHttp().getResponse<Response>().locals['token'] as VerifiedAccessToken | undefined;
  if (!token) throw new Error('no access token: the route is public or the AuthGuard is not installed');
  return token;
});
