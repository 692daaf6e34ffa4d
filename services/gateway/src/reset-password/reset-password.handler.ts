import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { generatePassword, hashPassword } from '../auth/password-hasher';
import { checkPasswordPolicy } from '../auth/password-policy';
import { TotpCredentials } from '../totp/totp-credentials';
import { administeredAccount } from '../users/office-administration';
import { UserAccounts } from '../users/user-accounts';
import type { ResetPasswordBody, ResetPasswordResultDto } from './reset-password.dto';

export interface ResetPasswordRequest {
  admin: AuthenticatedUser;
  username: string;
  body: ResetPasswordBody;
  clientAddress: string;
}

/**
 * The office's account administrator (KEPALA_KANTOR) resets an officer's password: the one
 * given (checked against the policy, 400 `AUTH.PASSWORD_POLICY` naming `password`), or a
 * random one-time password answered once. Every token of the account is revoked
 * (tokens_valid_after) and the reset is in the account's security log with the administrator.
 * Only for an account of the administrator's own office (another office's: 404; another
 * role: 403). With `resetSecondFactor`, the officer's TOTP and recovery codes go too (logged as
 * the administrator's), for an officer who lost both.
 */
@Injectable()
export class ResetPasswordHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
    private readonly secondFactors: TotpCredentials,
  ) {}

  async execute({ admin, username, body, clientAddress }: ResetPasswordRequest): Promise<ResetPasswordResultDto> {
    const account = await administeredAccount(this.accounts, admin, username);
    if (body.password !== undefined) checkPasswordPolicy('password', body.password, { username: account.username });
    const password = body.password ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    await this.accounts.transaction(async (tx) => {
      await this.accounts.setPassword(tx, account.id, passwordHash, now);
      await this.log.record({ kind: 'PASSWORD_RESET', subject: { accountId: account.id }, at: now, clientAddress, actorAccountId: admin.id }, tx);
      if (body.resetSecondFactor && (await this.secondFactors.isActive(account.id))) {
        await this.secondFactors.remove(tx, account.id);
        await this.log.record({ kind: 'SECOND_FACTOR_DISABLED', subject: { accountId: account.id }, at: now, clientAddress, actorAccountId: admin.id }, tx);
      }
    });
    return { username: account.username, ...(body.password === undefined ? { oneTimePassword: password } : {}), tokensRevokedAt: now.toISOString() };
  }
}
