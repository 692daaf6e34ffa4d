// What a form shows when the gateway refused its command: the fields' errors next to them, the
// form's own words for what it handles itself, else the error catalogue's message for the code.
import type { ApiError } from '../api/client';
import { assignFieldErrors, minutesToWait, PROBLEM_CODES } from '../api/problem';
import { problemMsg } from '../api/problem-message';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { serverFieldErrors, type FieldErrors } from '../lib/validation';

/** The form's field paths, and how a gateway field path is renamed to the form's (see CommandOptions). */
interface FormFields {
  readonly knownFields: readonly string[];
  readonly renameField?: (field: string) => string;
}

/** What a form shows for a refused command, and whether a retry may be the same request. */
interface Failure {
  readonly problem: Msg | ErrorMsg | null;
  readonly fieldErrors?: FieldErrors;
  readonly keepKey: boolean;
}

/**
 * What the form shows for a refusal: field errors next to their fields; its own words for the
 * codes it handles itself (a service catching up, a complaint that moved on, minutes to wait);
 * else the catalogue's message for the code, or what it says by the status for a code the
 * catalogue does not list.
 */
export function failureOf(err: ApiError, options: FormFields): Failure {
  const { status, problem } = err;
  if (status === 0) return { problem: { key: 'command.network' }, keepKey: true };
  if (status === 400) {
    const { byField, unassigned } = assignFieldErrors(problem.errors, options.knownFields, options.renameField);
    const rest = unassigned.map((u) => `${u.field}: ${u.message}`).join('; ');
    const invalid: Msg = { key: 'command.invalid', params: { detail: problem.detail ?? '' } };
    return {
      fieldErrors: serverFieldErrors(byField),
      problem: rest ? { key: 'command.invalidOther', params: { details: rest } } : Object.keys(byField).length > 0 ? null : problemMsg(problem, invalid),
      keepKey: false,
    };
  }
  if (problem.code === PROBLEM_CODES.notCaughtUp) return { problem: { key: 'command.notCaughtUp' }, keepKey: true };
  // The page has reloaded the actions (onConflict), which the form's own message says.
  if (problem.code === PROBLEM_CODES.illegalTransition || problem.code === PROBLEM_CODES.versionConflict) return { problem: { key: 'command.conflict' }, keepKey: false };
  if (status === 429) return { problem: { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } }, keepKey: true };
  const byStatus = statusFailure(status);
  return { problem: problemMsg(problem, byStatus.problem), keepKey: byStatus.keepKey };
}

/** What the form says by the status alone, and whether a retry may be the same request (a service down). */
function statusFailure(status: number): { readonly problem: Msg; readonly keepKey: boolean } {
  if (status === 401) return { problem: { key: 'error.sessionEnded' }, keepKey: false };
  if (status === 403) return { problem: { key: 'command.forbidden' }, keepKey: false };
  if (status === 404) return { problem: { key: 'command.notFound' }, keepKey: false };
  if (status === 409 || status === 412) return { problem: { key: 'command.conflict' }, keepKey: false };
  if (status === 422) return { problem: { key: 'command.keyReused' }, keepKey: false };
  if (status >= 500) return { problem: { key: 'command.unavailable' }, keepKey: true };
  return { problem: { key: 'error.unexpectedStatus', params: { status } }, keepKey: false };
}
