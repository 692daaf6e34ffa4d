// Who administers an office's officer accounts, as the gateway decides it
// (users/office-administration.ts there): the head of office.

/** The role that resets passwords and deactivates accounts of its office. */
export const ACCOUNT_ADMINISTRATOR_ROLE = 'KEPALA_KANTOR';

/** Whether the officer sees the accounts page. */
export function administersAccounts(user: { readonly role: string } | undefined | null): boolean {
  return user?.role === ACCOUNT_ADMINISTRATOR_ROLE;
}

/** An account of the office as `GET /api/v1/users` lists it. */
export interface OfficeAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly sectionCode?: string;
  readonly nip?: string;
  readonly position?: string;
  readonly active: boolean;
  readonly secondFactorRequired?: boolean;
}

/** `POST /api/v1/users`: the officer added, with the one-time password when none was given. */
export interface AddedOfficer extends OfficeAccount {
  readonly oneTimePassword?: string;
}

/** One entry of `GET /api/v1/admin-log`. */
export interface AdminLogEntry {
  readonly at: string;
  readonly kind: string;
  readonly actorUsername: string;
  readonly username?: string;
  readonly target?: string;
  readonly change?: Readonly<Record<string, { readonly before?: unknown; readonly after?: unknown }>>;
}

/** `POST /api/v1/users/{username}/password-reset`. */
export interface PasswordResetResult {
  readonly username: string;
  readonly oneTimePassword?: string;
  readonly tokensRevokedAt: string;
}

/** `/api/v1/users/<username>/<action>`, the username escaped. */
export function accountActionPath(username: string, action: 'password-reset' | 'deactivate'): string {
  return `/api/v1/users/${encodeURIComponent(username)}/${action}`;
}
