// The officers' password policy as the gateway checks it (auth/password-policy.ts there), so a
// change is refused at once in the officer's language; the gateway checks again.
import type { Msg } from '../i18n/translate';
import type { FieldErrors } from './validation';

/** The shortest password the gateway accepts. */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest, as the gateway's DTOs. */
export const MAX_PASSWORD_LENGTH = 256;

/** The change-password form. */
export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/** What is wrong with a new password for `username`, or null when the gateway would take it. */
export function newPasswordProblem(password: string, username: string, current: string): Msg | null {
  if (password === '') return { key: 'validation.required' };
  if (password.length < MIN_PASSWORD_LENGTH) return { key: 'password.tooShort', params: { min: MIN_PASSWORD_LENGTH } };
  if (password.length > MAX_PASSWORD_LENGTH) return { key: 'validation.tooLong', params: { max: MAX_PASSWORD_LENGTH, length: password.length } };
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return { key: 'password.sameAsUsername' };
  if (password === current) return { key: 'password.sameAsCurrent' };
  return null;
}

/** The form's errors before it is sent: each field named, the two new passwords the same. */
export function validatePasswordChange(input: PasswordChangeInput, username: string): FieldErrors {
  const errors: FieldErrors = {};
  if (input.currentPassword === '') errors['currentPassword'] = { key: 'validation.required' };
  const problem = newPasswordProblem(input.newPassword, username, input.currentPassword);
  if (problem) errors['newPassword'] = problem;
  else if (input.repeatPassword !== input.newPassword) errors['repeatPassword'] = { key: 'password.mismatch' };
  return errors;
}

/** The field error of the gateway's answer to a change: the current password wrong, or the new one against the policy. */
export function passwordChangeFieldErrors(code: string): FieldErrors | null {
  if (code === 'AUTH.WRONG_PASSWORD') return { currentPassword: { key: 'password.wrongCurrent' } };
  if (code === 'AUTH.PASSWORD_POLICY') return { newPassword: { key: 'password.newHint', params: { min: MIN_PASSWORD_LENGTH } } };
  return null;
}
