import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { generatePassword } from '../auth/password-hasher';
import { checkPasswordPolicy } from '../auth/password-policy';
import { officeAccountDtoOf } from '../office-accounts/office-accounts.dto';
import { SectionsQuery } from '../sections/sections.http.controller';
import { assertAccountAdministrator } from '../users/office-administration';
import { summaryOf, UserAccounts } from '../users/user-accounts';
import type { AddedOfficerDto, AddOfficerBody } from './administer-officers.dto';
import { checkOfficerSection, problemOfAccountError } from './officer-rules';

export interface AddOfficerRequest {
  admin: AuthenticatedUser;
  body: AddOfficerBody;
  requestKey: string;
  clientAddress: string;
  correlationId: string;
}

/**
 * The head of office adds an officer to their own office (ADR 0042): the fields checked as the
 * `user add` command checks them, the section against the office's active sections, the
 * password against the policy — or a one-time password generated and answered once, as a reset
 * does. The account and its `ACCOUNT_CREATED` entry (with the Idempotency-Key) are written in one
 * transaction; the same key again answers the same account, without the password.
 */
@Injectable()
export class AddOfficerHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly sections: SectionsQuery,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, body, requestKey, clientAddress, correlationId }: AddOfficerRequest): Promise<{ created: boolean; officer: AddedOfficerDto }> {
    assertAccountAdministrator(admin);
    const replayed = await this.replay(admin, requestKey, body.username);
    if (replayed) return { created: false, officer: replayed };
    const sectionCode = body.sectionCode ?? null;
    await checkOfficerSection(this.sections, { officeCode: admin.officeCode, role: body.role, sectionCode }, correlationId);
    if (body.password !== undefined) checkPasswordPolicy('password', body.password, { username: body.username });
    const password = body.password ?? generatePassword();
    const now = this.clock.now();
    try {
      const account = await this.accounts.transaction(async (tx) => {
        const added = await this.accounts.add({ ...body, password, officeCode: admin.officeCode, ...(sectionCode ? { sectionCode } : {}) }, tx);
        const after = { role: added.role, sectionCode: added.sectionCode ?? null, position: added.position ?? null, secondFactorRequired: added.secondFactorRequired };
        const change = Object.fromEntries(Object.entries(after).map(([field, value]) => [field, { after: value }]));
        await this.log.record({ kind: 'ACCOUNT_CREATED', subject: { accountId: added.id }, at: now, clientAddress, actorAccountId: admin.id, officeCode: admin.officeCode, change, requestKey }, tx);
        return added;
      });
      return { created: true, officer: { ...officeAccountDtoOf(account), ...(body.password === undefined ? { oneTimePassword: password } : {}) } };
    } catch (error) {
      throw problemOfAccountError(error);
    }
  }

  /** The officer an earlier command with the same key created; a key used for another command is refused. */
  private async replay(admin: AuthenticatedUser, requestKey: string, username: string): Promise<AddedOfficerDto | undefined> {
    const earlier = await this.log.byRequest(admin.id, requestKey);
    if (!earlier) return undefined;
    const account = earlier.accountId ? await this.accounts.byId(earlier.accountId) : null;
    if (earlier.kind !== 'ACCOUNT_CREATED' || !account || account.username !== username) {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was used for another command');
    }
    return officeAccountDtoOf(summaryOf(account));
  }
}
