import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccessTokens } from '../auth/access-tokens';
import { PasswordVerifier } from '../auth/password-hasher';
import { authenticatedUserOf, UserAccounts } from '../users/user-accounts';
import type { UserAccountRecord } from '../persistence/entities';
import type { LoginBody, LoginResultDto } from './login.dto';
import { LoginAttempts } from './login-attempts';

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
 * attempt is counted against the login limits (LoginAttempts): over them, a 429.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly passwords: PasswordVerifier,
    private readonly tokens: AccessTokens,
    private readonly attempts: LoginAttempts,
  ) {}

  async execute({ body, clientAddress }: LoginRequest): Promise<LoginResultDto> {
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
    return issueLoginResult(this.tokens, usable);
  }
}

/** A new access token for the account, answered as a login is. */
export async function issueLoginResult(tokens: AccessTokens, account: Pick<UserAccountRecord, 'id' | 'username' | 'displayName' | 'role' | 'officeCode' | 'sectionCode' | 'nip'>): Promise<LoginResultDto> {
  const user = authenticatedUserOf(account);
  const accessToken = await tokens.issue({ sub: user.id, role: user.role, office: user.officeCode, ...(user.sectionCode ? { section: user.sectionCode } : {}) });
  return { accessToken, tokenType: 'Bearer', expiresIn: tokens.ttlSeconds, user };
}
