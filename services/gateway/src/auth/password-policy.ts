import { ServiceError } from '@pengaduan/runtime';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-hasher';

/** What a new password is checked against: the account's username and, when known, the password it replaces. */
export interface NewPasswordContext {
  username: string;
  /** The current password, as the officer typed it (a change); absent for a reset or a new account. */
  current?: string;
}

/**
 * Why `password` may not be an officer's new password, or undefined when it may: at least
 * {@link MIN_PASSWORD_LENGTH} characters (and at most {@link MAX_PASSWORD_LENGTH}), not the
 * username (in any case, spaces around it ignored), not the current password.
 */
export function passwordPolicyProblem(password: string, context: NewPasswordContext): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) return `must be ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().toLowerCase() === context.username.trim().toLowerCase()) return 'must not be the username';
  if (context.current !== undefined && password === context.current) return 'must not be the current password';
  return undefined;
}

/** A 400 `AUTH.PASSWORD_POLICY` problem naming `field` when `password` breaks the policy ({@link passwordPolicyProblem}). */
export function checkPasswordPolicy(field: string, password: string, context: NewPasswordContext): void {
  const problem = passwordPolicyProblem(password, context);
  if (problem) throw new ServiceError('invalid', 'AUTH.PASSWORD_POLICY', `the new password ${problem}`, { fieldViolations: [{ field, description: `${field} ${problem}` }] });
}
