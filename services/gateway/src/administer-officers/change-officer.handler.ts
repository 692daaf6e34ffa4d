import { Clock, ServiceError } from '@pengaduan/runtime';
import { Injectable } from '@nestjs/common';
import { AccountSecurityLog } from '../account-security-log/account-security-log';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import { invalidRequest } from '../http/validation';
import { SectionsQuery } from '../sections/sections.http.controller';
import { ACCOUNT_ADMINISTRATOR_ROLE, administeredAccount } from '../users/office-administration';
import { summaryOf, UserAccounts, type AccountSummary, type OfficerChange } from '../users/user-accounts';
import type { ChangeOfficerBody } from './administer-officers.dto';
import { checkOfficerSection } from './officer-rules';

export interface ChangeOfficerRequest {
  admin: AuthenticatedUser;
  username: string;
  body: ChangeOfficerBody;
  clientAddress: string;
  correlationId: string;
}

/**
 * The head of office changes an officer of their office (ADR 0042): role, section, position,
 * whether a second factor is required. A SEKSI_TERKAIT officer keeps exactly one active section
 * (a role change away from it clears the section). The last active head of office cannot be
 * given another role (409 `ACCOUNT.LAST_HEAD_OF_OFFICE`): the office would have no administrator.
 * A change of role or section revokes the officer's tokens, so their next login carries it.
 * Only what changed is recorded (`ACCOUNT_CHANGED`, before and after); the same change again
 * changes nothing and records nothing.
 */
@Injectable()
export class ChangeOfficerHandler {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly log: AccountSecurityLog,
    private readonly sections: SectionsQuery,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, username, body, clientAddress, correlationId }: ChangeOfficerRequest): Promise<AccountSummary> {
    const account = await administeredAccount(this.accounts, admin, username);
    if (body.role === undefined && body.sectionCode === undefined && body.position === undefined && body.secondFactorRequired === undefined) {
      throw invalidRequest([{ field: '(body)', description: 'must name at least one of role, sectionCode, position, secondFactorRequired' }]);
    }
    const before: OfficerChange = { role: account.role as OfficerRole, sectionCode: account.sectionCode, position: account.position, secondFactorRequired: account.secondFactorRequired };
    const role = body.role ?? before.role;
    const after: OfficerChange = {
      role,
      sectionCode: body.sectionCode !== undefined ? body.sectionCode : role === 'SEKSI_TERKAIT' ? before.sectionCode : null,
      position: body.position?.trim() ?? before.position,
      secondFactorRequired: body.secondFactorRequired ?? before.secondFactorRequired,
    };
    const changed = (Object.keys(after) as (keyof OfficerChange)[]).filter((field) => after[field] !== before[field]);
    if (changed.length === 0) return summaryOf(account);
    const placement = changed.includes('role') || changed.includes('sectionCode');
    if (placement) await checkOfficerSection(this.sections, { officeCode: account.officeCode, role: after.role, sectionCode: after.sectionCode }, correlationId);
    const now = this.clock.now();
    await this.accounts.transaction(async (tx) => {
      if (before.role === ACCOUNT_ADMINISTRATOR_ROLE && after.role !== ACCOUNT_ADMINISTRATOR_ROLE && account.active) {
        const heads = await this.accounts.lockActiveHeads(tx, account.officeCode);
        if (!heads.some((id) => id !== account.id)) {
          throw new ServiceError('conflict', 'ACCOUNT.LAST_HEAD_OF_OFFICE', `${account.username} is the office's only active ${ACCOUNT_ADMINISTRATOR_ROLE}`, {
            fieldViolations: [{ field: 'role', description: 'the office needs an active head of office: give another officer the role first' }],
          });
        }
      }
      await this.accounts.change(tx, account.id, after);
      if (placement) await this.accounts.revokeTokensBefore(tx, account.id, now);
      const change = Object.fromEntries(changed.map((field) => [field, { before: before[field], after: after[field] }]));
      await this.log.record({ kind: 'ACCOUNT_CHANGED', subject: { accountId: account.id }, at: now, clientAddress, actorAccountId: admin.id, officeCode: account.officeCode, change }, tx);
    });
    return summaryOf({ ...account, ...after, ...(placement ? { tokensValidAfter: now } : {}) });
  }
}
