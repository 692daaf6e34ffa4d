import { ERROR_CATALOGUE } from '@pengaduan/contracts/error-catalogue';
import type { Msg } from '../i18n/translate';
import { translateMsg } from '../i18n/translate';
import { networkProblem, parseProblem } from './problem';
import { ApiError } from './client';
import { pageProblem, problemMsg } from './problem-message';

const fallback: Msg = { key: 'error.unexpectedStatus', params: { status: 502 } };

describe('the message of an error answer', () => {
  // As the gateway's ProblemDetailsFilter writes it: an English title and detail for developers.
  const forbidden = parseProblem(
    403,
    JSON.stringify({ type: 'urn:pengaduan:problem:COMPLAINT.FORBIDDEN_ROLE', title: 'Forbidden', status: 403, detail: 'role STAF_SEKSI may not dispose', code: 'COMPLAINT.FORBIDDEN_ROLE', errors: [] }),
  );

  it("is the catalogue's message for the code, in Bahasa Indonesia or English as the reader chose, never the server's title or detail", () => {
    const shown = problemMsg(forbidden, fallback);
    expect(translateMsg('id', shown)).toBe('Peran Anda tidak berwenang melakukan langkah ini.');
    expect(translateMsg('id', shown)).toBe(ERROR_CATALOGUE['COMPLAINT.FORBIDDEN_ROLE'].messageId);
    expect(translateMsg('en', shown)).toBe(ERROR_CATALOGUE['COMPLAINT.FORBIDDEN_ROLE'].messageEn);
    expect(translateMsg('en', shown)).not.toContain('STAF_SEKSI');
  });

  it('is what the app said before for a code the catalogue does not list: a proxy that answered in HTML, no answer at all', () => {
    const proxy = parseProblem(502, '<html><body>Bad Gateway</body></html>');
    expect(proxy.code).toBe('HTTP.502');
    expect(problemMsg(proxy, fallback)).toBe(fallback);
    expect(translateMsg('id', problemMsg(proxy, fallback))).toBe('Server menjawab dengan kode 502. Coba lagi, atau hubungi admin bila berulang.');
    expect(translateMsg('en', problemMsg(proxy, fallback))).toBe('The server answered with code 502. Try again, or contact the administrator if it happens again.');
    expect(problemMsg(networkProblem(), { key: 'error.network' })).toEqual({ key: 'error.network' });
  });
});

describe("what a page says about a failed request (pageProblem)", () => {
  const refused = (status: number, code: string) => new ApiError(parseProblem(status, JSON.stringify({ status, code, title: 'English title', detail: 'English detail', errors: [] })));

  it("is the page's own words first, for what the page handles itself", () => {
    expect(pageProblem(refused(401, 'AUTH.INVALID_CREDENTIALS'), (e) => (e.status === 401 ? { key: 'login.wrong' } : undefined))).toEqual({ key: 'login.wrong' });
  });

  it("is else the catalogue's message for the code, in either language, never the server's English", () => {
    const shown = pageProblem(refused(403, 'ACCOUNT.FORBIDDEN_ROLE'), () => undefined);
    expect(translateMsg('id', shown)).toBe(ERROR_CATALOGUE['ACCOUNT.FORBIDDEN_ROLE'].messageId);
    expect(translateMsg('en', shown)).toBe(ERROR_CATALOGUE['ACCOUNT.FORBIDDEN_ROLE'].messageEn);
  });

  it('is the network, a service down or the status for no answer, a 5xx and a code the catalogue does not list', () => {
    expect(pageProblem(new ApiError(networkProblem()))).toEqual({ key: 'error.network' });
    expect(pageProblem(new ApiError(parseProblem(502, '<html>Bad Gateway</html>')))).toEqual({ key: 'error.unavailable' });
    expect(pageProblem(new ApiError(parseProblem(418, '{"code":"TEAPOT"}')))).toEqual({ key: 'error.unexpectedStatus', params: { status: 418 } });
    expect(pageProblem(new TypeError('boom'))).toEqual({ key: 'error.unexpected' });
  });
});
