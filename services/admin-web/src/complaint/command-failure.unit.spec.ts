import { ApiError } from '../api/client';
import { parseProblem } from '../api/problem';
import { translateMsg } from '../i18n/translate';
import { failureOf } from './command-failure';

const FIELDS = { knownFields: ['summary', 'classificationCode'] };

/** A refusal as the gateway answers it. */
function refused(status: number, code: string, extra: Record<string, unknown> = {}, retryAfter?: string): ApiError {
  return new ApiError(parseProblem(status, JSON.stringify({ status, code, title: 'English title', detail: 'English detail for developers', ...extra }), retryAfter));
}

const shown = (err: ApiError, lang: 'id' | 'en') => {
  const { problem } = failureOf(err, FIELDS);
  return problem ? translateMsg(lang, problem) : null;
};

describe('what a command form shows when the gateway refuses', () => {
  it("shows the catalogue's message for a code it lists, in the reader's language", () => {
    const err = refused(403, 'COMPLAINT.FORBIDDEN_ROLE');
    expect(shown(err, 'id')).toBe('Peran Anda tidak berwenang melakukan langkah ini.');
    expect(shown(err, 'en')).toBe('Your role is not allowed to take this step.');
    expect(failureOf(err, FIELDS).keepKey).toBe(false);
  });

  it('keeps a service that is down retryable with the same request, in the words of the catalogue', () => {
    const failure = failureOf(refused(503, 'SERVICE.UNAVAILABLE'), FIELDS);
    expect(failure).toEqual({ problem: { error: 'SERVICE.UNAVAILABLE' }, keepKey: true });
  });

  it('says what it said by the status for a code the catalogue does not list (a proxy in front of the gateway)', () => {
    const proxy = new ApiError(parseProblem(502, '<html>Bad Gateway</html>'));
    expect(failureOf(proxy, FIELDS)).toEqual({ problem: { key: 'command.unavailable' }, keepKey: true });
    expect(failureOf(new ApiError(parseProblem(418, '')), FIELDS)).toEqual({ problem: { key: 'error.unexpectedStatus', params: { status: 418 } }, keepKey: false });
  });

  it('keeps its own words for the codes it handles itself: a service catching up, a complaint that moved on, minutes to wait', () => {
    expect(failureOf(refused(409, 'COMPLAINT.NOT_CAUGHT_UP'), FIELDS)).toEqual({ problem: { key: 'command.notCaughtUp' }, keepKey: true });
    expect(failureOf(refused(409, 'COMPLAINT.ILLEGAL_TRANSITION', { state: 'DISPOSED' }), FIELDS).problem).toEqual({ key: 'command.conflict' });
    expect(failureOf(refused(412, 'COMPLAINT.VERSION_CONFLICT'), FIELDS).problem).toEqual({ key: 'command.conflict' });
    expect(failureOf(refused(429, 'WEB_FORM.RATE_LIMITED', {}, '120'), FIELDS)).toEqual({ problem: { key: 'error.rateLimited', params: { minutes: 2 } }, keepKey: true });
  });

  it("puts field errors next to their fields as before, and the catalogue's message only when no field is named", () => {
    const withFields = failureOf(refused(400, 'REQUEST.INVALID', { errors: [{ field: 'summary', message: 'summary must not be empty' }] }), FIELDS);
    expect(withFields.problem).toBeNull();
    expect(Object.keys(withFields.fieldErrors ?? {})).toEqual(['summary']);
    const elsewhere = failureOf(refused(400, 'REQUEST.INVALID', { errors: [{ field: 'lines.0.note', message: 'too long' }] }), FIELDS);
    expect(elsewhere.problem).toEqual({ key: 'command.invalidOther', params: { details: 'lines.0.note: too long' } });
    expect(shown(refused(400, 'COMPLAINT.INVALID_COMMAND'), 'en')).toBe("What you entered does not follow the SOP's rules.");
  });
});
