import { Clock } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import type { VerifiedAccessToken } from '../auth/access-tokens';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { revokeToken } from '../auth/token-revocations';
import { UserAccounts } from '../users/user-accounts';

export interface LogoutRequest {
  user: AuthenticatedUser;
  token: VerifiedAccessToken;
  /** Also every other token of the account. */
  everywhere: boolean;
  clientAddress: string;
}

/**
 * Logs an officer out: the token of the request is revoked (revoked_token, until it would have
 * expired), and with `everywhere` every token of the account issued so far
 * (tokens_valid_after). Written to the account's security log with the revocation.
 */
@Injectable()
export class LogoutHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async execute({ user, token, everywhere, clientAddress }: LogoutRequest): Promise<void> {
    const now = this.clock.now();
    await this.accounts.transaction(async (tx) => {
      await revokeToken(tx, token, now);
      if (everywhere) await this.accounts.revokeTokensBefore(tx, user.id, now);
      await this.log.record({ kind: everywhere ? 'TOKENS_REVOKED' : 'LOGOUT', subject: { accountId: user.id }, at: now, clientAddress }, tx);
    });
  }
}
