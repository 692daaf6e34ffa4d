import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { administeredAccount } from '../users/office-administration';
import { summaryOf, UserAccounts, type AccountSummary } from '../users/user-accounts';

export interface DeactivateAccountRequest {
  admin: AuthenticatedUser;
  username: string;
  clientAddress: string;
}

/**
 * The office's account administrator deactivates an officer's account of their office: it can
 * no longer log in and every token of it is refused at once. Deactivating an account already
 * inactive changes nothing; the administrator's own account is refused (409
 * `ACCOUNT.CANNOT_DEACTIVATE_SELF`: the office would be left without its administrator).
 */
@Injectable()
export class DeactivateAccountHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, username, clientAddress }: DeactivateAccountRequest): Promise<AccountSummary> {
    const account = await administeredAccount(this.accounts, admin, username);
    if (account.id === admin.id) throw new ServiceError('conflict', 'ACCOUNT.CANNOT_DEACTIVATE_SELF', 'you cannot deactivate your own account');
    if (!account.active) return summaryOf(account);
    const now = this.clock.now();
    await this.accounts.transaction(async (tx) => {
      await this.accounts.deactivate(tx, account.id, now);
      await this.log.record({ kind: 'ACCOUNT_DEACTIVATED', subject: { accountId: account.id }, at: now, clientAddress, actorAccountId: admin.id }, tx);
    });
    return summaryOf({ ...account, active: false });
  }
}
