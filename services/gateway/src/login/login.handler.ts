import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccessTokens, ENROLMENT_SCOPE } from '../auth/access-tokens';
import { PasswordVerifier } from '../auth/password-hasher';
import { authenticatedUserOf, UserAccounts } from '../users/user-accounts';
import type { UserAccountRecord } from '../persistence/entities';
import { SecondFactorPolicy } from '../totp/second-factor-policy';
import { TotpCredentials } from '../totp/totp-credentials';
import type { LoginBody, LoginResultDto, SecondFactorChallengeDto } from './login.dto';
import { LoginAttempts } from './login-attempts';
import { LOGIN_CHALLENGE_TTL_SECONDS, LoginChallenges } from './login-challenges';

export interface LoginRequest {
  body: LoginBody;
  /** As `clientAddressOf` counts it. */
  clientAddress: string;
}

/** The username as accounts are kept: lowercase, without the spaces around it. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Logs an officer in: checks the password against the account's argon2id hash and issues an
 * access token. A wrong password, an unknown username and a deactivated account get the same
 * answer after the same work, so nobody learns which usernames exist. Before any hashing the
 * attempt is counted against the login limits (LoginAttempts): over them, a 429. An account
 * with a second factor gets no token yet but a challenge for `POST /auth/login/totp`; one whom
 * the office policy requires a second factor of and who has none, a token that only enrols one
 * (ADR 0027).
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly passwords: PasswordVerifier,
    private readonly tokens: AccessTokens,
    private readonly attempts: LoginAttempts,
    private readonly totp: TotpCredentials,
    private readonly challenges: LoginChallenges,
    private readonly policy: SecondFactorPolicy,
  ) {}

  async execute({ body, clientAddress }: LoginRequest): Promise<LoginResultDto | SecondFactorChallengeDto> {
    const username = normalizeUsername(body.username);
    const attempt = await this.attempts.begin(username, clientAddress);
    const account = await this.accounts.byUsername(username);
    const usable = account?.active ? account : undefined;
    const matches = await this.passwords.verify(usable?.passwordHash, body.password);
    if (!usable || !matches) {
      await this.attempts.failed(attempt, 'LOGIN_FAILED');
      throw new ServiceError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'the username or the password is wrong');
    }
    await this.attempts.succeeded(attempt);
    if (await this.totp.isActive(usable.id)) return { secondFactorRequired: true, challenge: await this.challenges.issue(usable.id), expiresIn: LOGIN_CHALLENGE_TTL_SECONDS };
    return issueLoginResult(this.tokens, usable, { enrolmentOnly: this.policy.requires(usable) });
  }
}

/** A new access token for the account, answered as a login is; `enrolmentOnly`: one that only enrols a second factor. */
export async function issueLoginResult(
  tokens: AccessTokens,
  account: Pick<UserAccountRecord, 'id' | 'username' | 'displayName' | 'role' | 'officeCode' | 'sectionCode' | 'nip'>,
  options: { enrolmentOnly?: boolean } = {},
): Promise<LoginResultDto> {
  const user = authenticatedUserOf(account);
  const accessToken = await tokens.issue({
    sub: user.id,
    role: user.role,
    office: user.officeCode,
    ...(user.sectionCode ? { section: user.sectionCode } : {}),
    ...(options.enrolmentOnly ? { scope: ENROLMENT_SCOPE } : {}),
  });
  return { accessToken, tokenType: 'Bearer', expiresIn: tokens.ttlSeconds, user, ...(options.enrolmentOnly ? { secondFactorEnrolmentRequired: true as const } : {}) };
}
