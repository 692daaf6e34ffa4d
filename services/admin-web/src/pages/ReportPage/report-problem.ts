import { pageProblem } from '../../api/problem-message';
import { minutesToWait } from '../../api/problem';
import type { ErrorMsg, Msg } from '../../i18n/translate';

/** What the complainant is told when the report could not be sent. */
export function reportProblem(err: unknown): Msg | ErrorMsg {
  return pageProblem(err, ({ status, problem }): Msg | undefined => {
    if (status === 0) return { key: 'report.errorNetwork' };
    if (status === 429) return { key: 'error.rateLimited', params: { minutes: minutesToWait(problem.retryAfterSeconds ?? 60) } };
    if (status === 403) return { key: 'report.errorOffice' };
    if (status === 413) return { key: 'report.errorTooLarge' };
    // A report the server could not read: the page's words, never the server's English detail.
    return status === 400 ? { key: 'report.errorInvalid' } : undefined;
  });
}
