import { ServiceError, SettableClock } from '@pengaduan/runtime';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { AccountDirectory, AuthGuard, bearerToken, BeforeSecondFactor, Public, type ActiveAccount, type TokenHolderQuery } from './auth.guard';
import type { AuthenticatedUser } from './authenticated-user';

const officer: AuthenticatedUser = { id: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', username: 'kepala.kantor', displayName: 'Kepala', role: 'KEPALA_KANTOR', officeCode: 'BLP' };

/** Accounts held in memory: the guard's port to the user table, whose SQL the int tests cover. */
class Accounts extends AccountDirectory {
  constructor(
    private readonly active: ActiveAccount[],
    private readonly revokedJtis = new Set<string>(),
  ) {
    super();
  }

  async findActive(token: TokenHolderQuery): Promise<ActiveAccount | 'revoked' | undefined> {
    const user = this.active.find((a) => a.id === token.sub);
    return user && this.revokedJtis.has(token.jti) ? 'revoked' : user;
  }
}

class Routes {
  @Public()
  login(): string {
    return 'a public route';
  }
  complaints(): string {
    return 'a route for officers';
  }
  @BeforeSecondFactor()
  enrolment(): string {
    return 'a route that enrols a second factor';
  }
}

const tokens = new AccessTokens('a-test-secret-of-more-than-thirty-two-bytes', 3_600, new SettableClock(new Date('2026-03-14T01:00:00Z')));

function contextOf(path: string, authorization: string | undefined, handler: keyof Routes = 'complaints') {
  const locals: Record<string, unknown> = {};
  const request = { path, header: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined) };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ locals }) }),
  } as unknown as ExecutionContext;
  return { context, locals };
}

async function outcome(guard: AuthGuard, path: string, authorization?: string, handler?: keyof Routes) {
  const { context, locals } = contextOf(path, authorization, handler);
  try {
    return { allowed: await guard.canActivate(context), user: locals['user'] };
  } catch (err) {
    if (err instanceof ServiceError) return { status: err.kind, code: err.code };
    throw err;
  }
}

describe('the API guard', () => {
  const guard = new AuthGuard(new Reflector(), tokens, new Accounts([officer]));

  it("lets a request with an active officer's token through and tells the route who it is", async () => {
    const token = await tokens.issue({ sub: officer.id, role: officer.role, office: officer.officeCode });
    expect(await outcome(guard, '/api/v1/worklist', `Bearer ${token}`)).toEqual({ allowed: true, user: officer });
  });

  it('answers 401 to a request without a token, or with another kind of credentials', async () => {
    expect(await outcome(guard, '/api/v1/worklist')).toEqual({ status: 'unauthenticated', code: 'AUTH.MISSING_TOKEN' });
    expect(await outcome(guard, '/api/v1/worklist', 'Basic a2VwYWxhOnNlY3JldA==')).toEqual({ status: 'unauthenticated', code: 'AUTH.MISSING_TOKEN' });
  });

  it('answers 401 to a forged token and to the token of an account that is no longer active', async () => {
    expect(await outcome(guard, '/api/v1/worklist', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl')).toEqual({ status: 'unauthenticated', code: 'AUTH.INVALID_TOKEN' });
    const deactivated = await tokens.issue({ sub: '0199a1c2-0000-7c4d-9e5f-0a1b2c3d4e5f', role: 'AUDITOR', office: 'BLP' });
    expect(await outcome(guard, '/api/v1/worklist', `Bearer ${deactivated}`)).toEqual({ status: 'unauthenticated', code: 'AUTH.INVALID_TOKEN' });
  });

  it('answers 401 AUTH.TOKEN_REVOKED to a revoked token of an active officer, and hands the route the token it let through', async () => {
    const token = await tokens.issue({ sub: officer.id, role: officer.role, office: officer.officeCode });
    const { jti } = await tokens.verify(token);
    const revoking = new AuthGuard(new Reflector(), tokens, new Accounts([officer], new Set([jti])));
    expect(await outcome(revoking, '/api/v1/worklist', `Bearer ${token}`)).toEqual({ status: 'unauthenticated', code: 'AUTH.TOKEN_REVOKED' });
    const { context, locals } = contextOf('/api/v1/worklist', `Bearer ${token}`);
    await guard.canActivate(context);
    expect(locals['token']).toMatchObject({ jti, sub: officer.id, issuedAt: new Date('2026-03-14T01:00:00Z') });
  });

  it('opens the login route and the health probes to anyone', async () => {
    expect(await outcome(guard, '/api/v1/auth/login', undefined, 'login')).toEqual({ allowed: true, user: undefined });
    expect(await outcome(guard, '/health/ready')).toEqual({ allowed: true, user: undefined });
    expect(await outcome(guard, '/healthz')).toEqual({ status: 'unauthenticated', code: 'AUTH.MISSING_TOKEN' });
  });
});

describe('the API guard under an office policy requiring a second factor of KEPALA_KANTOR (ADR 0027)', () => {
  const policy = { requires: (o: { role: string }) => o.role === 'KEPALA_KANTOR' };
  const forbidden = { status: 'forbidden', code: 'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED' };

  it('lets an officer of that role without one only enrol, whatever the token says', async () => {
    const guard = new AuthGuard(new Reflector(), tokens, new Accounts([{ ...officer, secondFactor: false }]), policy);
    const token = await tokens.issue({ sub: officer.id, role: officer.role, office: officer.officeCode });
    expect(await outcome(guard, '/api/v1/worklist', `Bearer ${token}`)).toEqual(forbidden);
    expect(await outcome(guard, '/api/v1/auth/totp/enrolment', `Bearer ${token}`, 'enrolment')).toEqual({ allowed: true, user: officer });
  });

  it('lets one with a second factor anywhere, but never a token scoped to the enrolment', async () => {
    const guard = new AuthGuard(new Reflector(), tokens, new Accounts([{ ...officer, secondFactor: true }]), policy);
    const full = await tokens.issue({ sub: officer.id, role: officer.role, office: officer.officeCode });
    const scoped = await tokens.issue({ sub: officer.id, role: officer.role, office: officer.officeCode, scope: 'totp-enrolment' });
    expect(await outcome(guard, '/api/v1/worklist', `Bearer ${full}`)).toEqual({ allowed: true, user: officer });
    expect(await outcome(guard, '/api/v1/worklist', `Bearer ${scoped}`)).toEqual(forbidden);
    expect(await outcome(guard, '/api/v1/auth/totp/enrolment', `Bearer ${scoped}`, 'enrolment')).toEqual({ allowed: true, user: officer });
  });
});

describe('reading the bearer token', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer  abc.def.ghi ', 'abc.def.ghi'],
    ['Bearer', undefined],
    ['Bearer abc def', undefined],
    ['Token abc.def.ghi', undefined],
    [undefined, undefined],
  ])('%j gives %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
