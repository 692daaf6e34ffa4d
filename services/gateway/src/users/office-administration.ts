import { ServiceError } from '@pengaduan/runtime';
import type { AuthenticatedUser, OfficerRole } from '../auth/authenticated-user';
import type { UserAccountRecord } from '../persistence/entities';
import type { UserAccounts } from './user-accounts';

/**
 * The role that administers its office's accounts (resets passwords, deactivates, reads the
 * office's security log). libs/sop has no administrator role; the head of office is the one
 * who answers for the office's officers (ADR 0022).
 */
export const ACCOUNT_ADMINISTRATOR_ROLE: OfficerRole = 'KEPALA_KANTOR';

/** Whether the officer administers the accounts of their office. */
export function administersAccounts(user: AuthenticatedUser): boolean {
  return user.role === ACCOUNT_ADMINISTRATOR_ROLE;
}

/** A 403 `ACCOUNT.FORBIDDEN_ROLE` unless the officer administers their office's accounts. */
export function assertAccountAdministrator(user: AuthenticatedUser): void {
  if (!administersAccounts(user)) throw new ServiceError('forbidden', 'ACCOUNT.FORBIDDEN_ROLE', `only the ${ACCOUNT_ADMINISTRATOR_ROLE} of an office administers its accounts`);
}

/**
 * The account `username` of the administrator's own office: 403 for an officer who is no
 * administrator, 404 `ACCOUNT.NOT_FOUND` for a username of another office or none at all (the
 * same answer, so no other office's usernames are told).
 */
export async function administeredAccount(accounts: UserAccounts, admin: AuthenticatedUser, username: string): Promise<UserAccountRecord> {
  assertAccountAdministrator(admin);
  const account = await accounts.byUsername(username.trim().toLowerCase());
  if (!account || account.officeCode !== admin.officeCode) throw new ServiceError('not-found', 'ACCOUNT.NOT_FOUND', `no account ${username} in office ${admin.officeCode}`);
  return account;
}
