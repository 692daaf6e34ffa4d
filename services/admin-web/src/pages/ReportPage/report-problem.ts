import { ApiError } from '../../api/client';
import { minutesToWait } from '../../api/problem';
import type { Msg } from '../../i18n/translate';

/** What the complainant is told when the report could not be sent. */
export function reportProblem(err: unknown): Msg {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  const { status, problem } = err;
  if (status === 0) return { key: 'report.errorNetwork' };
  if (status === 429) return { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } };
  if (status === 403) return { key: 'report.errorOffice' };
  if (status === 413) return { key: 'report.errorTooLarge' };
  if (status === 400) return { key: 'report.errorInvalid', params: { detail: problem.detail ?? problem.title ?? '' } };
  if (status >= 500) return { key: 'error.unavailable' };
  return { key: 'error.unexpectedStatus', params: { status } };
}
