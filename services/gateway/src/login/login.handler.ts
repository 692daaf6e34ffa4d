import { ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccessTokens } from '../auth/access-tokens';
import { PasswordVerifier } from '../auth/password-hasher';
import { authenticatedUserOf, UserAccounts } from '../users/user-accounts';
import type { LoginBody, LoginResultDto } from './login.dto';

/**
 * Logs an officer in: checks the password against the account's argon2id hash and issues an
 * access token. A wrong password, an unknown username and a deactivated account get the same
 * answer after the same work, so nobody learns which usernames exist.
 */
@Injectable()
export class LoginHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly passwords: PasswordVerifier,
    private readonly tokens: AccessTokens,
  ) {}

  async execute(body: LoginBody): Promise<LoginResultDto> {
    const account = await this.accounts.byUsername(body.username.trim().toLowerCase());
    const usable = account?.active ? account : undefined;
    const matches = await this.passwords.verify(usable?.passwordHash, body.password);
    if (!usable || !matches) throw new ServiceError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', 'the username or the password is wrong');
    const user = authenticatedUserOf(usable);
    const accessToken = await this.tokens.issue({ sub: user.id, role: user.role, office: user.officeCode, ...(user.sectionCode ? { section: user.sectionCode } : {}) });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.tokens.ttlSeconds, user };
  }
}
