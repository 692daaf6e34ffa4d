// What the reader is told about an error answer: the server's code has one message per language
// in the error catalogue (libs/contracts, docs/errors.md), so no answer's English `title` or
// `detail` reaches the page.
import { isErrorCode } from '@pengaduan/contracts/error-catalogue';
import type { ErrorMsg, Msg } from '../i18n/translate';
import { ApiError } from './client';
import type { Problem } from './problem';

/**
 * The catalogue's message for the problem's code, shown in the current language; `fallback`
 * (what the app says by the status) for a code the catalogue does not list: a proxy's
 * `HTTP.502`, `NETWORK` when no answer came. A code the caller treats in its own way (a retry,
 * minutes to wait) is matched before this.
 */
export function problemMsg(problem: Pick<Problem, 'code'>, fallback: Msg): Msg | ErrorMsg {
  return isErrorCode(problem.code) ? { error: problem.code } : fallback;
}

/**
 * What a page says about a failed request: the page's own words for what it handles itself
 * (`own`, asked first), the network's when no answer came, else the catalogue's message for the
 * code, else what the status says (a service down, an unexpected status).
 */
export function pageProblem(err: unknown, own?: (err: ApiError) => Msg | undefined): Msg | ErrorMsg {
  if (!(err instanceof ApiError)) return { key: 'error.unexpected' };
  const mine = own?.(err);
  if (mine) return mine;
  if (err.status === 0) return { key: 'error.network' };
  return problemMsg(err.problem, err.status >= 500 ? { key: 'error.unavailable' } : { key: 'error.unexpectedStatus', params: { status: err.status } });
}
