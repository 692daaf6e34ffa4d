import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import { AccessTokens, type VerifiedAccessToken } from '../auth/access-tokens';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { checkPasswordPolicy } from '../auth/password-policy';
import { revokeToken } from '../auth/token-revocations';
import type { LoginResultDto } from '../login/login.dto';
import { issueLoginResult } from '../login/login.handler';
import { LoginAttempts } from '../login/login-attempts';
import { UserAccounts } from '../users/user-accounts';
import type { ChangePasswordBody } from './change-password.dto';

export interface ChangePasswordRequest {
  user: AuthenticatedUser;
  token: VerifiedAccessToken;
  body: ChangePasswordBody;
  clientAddress: string;
}

/**
 * An officer changes their own password. The new one is checked against the policy first
 * (400 `AUTH.PASSWORD_POLICY` naming `newPassword`), then the attempt is counted as a login's
 * (a 429 over the limits), then the current password is verified (400
 * `AUTH.WRONG_PASSWORD` naming `currentPassword`: not 401, which would end the officer's
 * session). Then, in one transaction: the new hash, tokens_valid_after = now (every token of
 * the account issued so far is refused), this request's token revoked as well, and the
 * security log's entry. Answers a fresh token, as a login does.
 */
@Injectable()
export class ChangePasswordHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly attempts: LoginAttempts,
    private readonly tokens: AccessTokens,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async execute({ user, token, body, clientAddress }: ChangePasswordRequest): Promise<LoginResultDto> {
    checkPasswordPolicy('newPassword', body.newPassword, { username: user.username, current: body.currentPassword });
    const attempt = await this.attempts.begin(user.username, clientAddress);
    const account = await this.accounts.byUsername(user.username);
    if (!account?.active || !(await verifyPassword(account.passwordHash, body.currentPassword))) {
      await this.attempts.failed(attempt, 'PASSWORD_CHANGE_FAILED');
      throw new ServiceError('invalid', 'AUTH.WRONG_PASSWORD', 'the current password is wrong', {
        fieldViolations: [{ field: 'currentPassword', description: 'currentPassword is wrong' }],
      });
    }
    await this.attempts.succeeded(attempt);
    const passwordHash = await hashPassword(body.newPassword);
    const now = this.clock.now();
    await this.accounts.transaction(async (tx) => {
      await this.accounts.setPassword(tx, account.id, passwordHash, now);
      await revokeToken(tx, token, now);
      await this.log.record({ kind: 'PASSWORD_CHANGED', subject: { accountId: account.id }, at: now, clientAddress }, tx);
    });
    return issueLoginResult(this.tokens, account);
  }
}
