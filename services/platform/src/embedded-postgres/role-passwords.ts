import { keepSecrets, makePassword } from '../../../../scripts/dev-secrets.cjs';

/** The embedded Postgres' administrative role (a superuser): the launcher's alone. */
export const ADMIN_ROLE = 'postgres';

/**
 * The password of the administrative role and of each of `roles`, generated once into `file`
 * (`<role>=<password>` lines, mode 600, beside the database's files under the data directory) and
 * kept: a restart on the same data has the same passwords; deleting the data directory starts afresh.
 */
export function keepRolePasswords(file: string, roles: readonly string[]): Record<string, string> {
  const all = [ADMIN_ROLE, ...roles];
  const kept = keepSecrets(file, Object.fromEntries(all.map((role) => [role, makePassword])));
  return Object.fromEntries(all.map((role) => [role, kept[role]]));
}
