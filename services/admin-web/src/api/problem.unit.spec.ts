import { assignFieldErrors, minutesToWait, normalizeFieldPath, parseProblem, PROBLEM_CODES, retryAfterSeconds } from './problem';

// As the gateway's ProblemDetailsFilter writes a 400 of the team-decree command.
const invalidDecree = JSON.stringify({
  type: 'urn:pengaduan:problem:REQUEST.INVALID',
  title: 'Bad Request',
  status: 400,
  detail: 'the request is not valid; see errors',
  instance: '/api/v1/complaints/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f/team-decree',
  code: 'REQUEST.INVALID',
  errors: [
    { field: 'members.1.nip', message: 'nip must be the 18 digits of a NIP' },
    { field: 'members.1.nip', message: 'nip must be a string' },
    { field: 'periodEndDate', message: 'periodEndDate must be a date YYYY-MM-DD' },
    { field: 'members', message: 'exactly one member must be KETUA' },
    { field: 'signature', message: 'property signature should not exist' },
  ],
});

describe('reading a problem', () => {
  it('keeps the code, the detail and each field error of the gateway’s 400', () => {
    const p = parseProblem(400, invalidDecree);
    expect(p).toMatchObject({ status: 400, code: 'REQUEST.INVALID', title: 'Bad Request', detail: 'the request is not valid; see errors' });
    expect(p.errors).toHaveLength(5);
    expect(p.errors[0]).toEqual({ field: 'members.1.nip', message: 'nip must be the 18 digits of a NIP' });
  });

  it('puts each error next to its field, joins two of one field, and keeps the ones no field shows', () => {
    const known = ['decreeDate', 'members', 'members.0.nip', 'members.1.nip', 'mandate', 'periodStartDate', 'periodEndDate'];
    const { byField, unassigned } = assignFieldErrors(parseProblem(400, invalidDecree).errors, known);
    expect(byField).toEqual({
      'members.1.nip': 'nip must be the 18 digits of a NIP; nip must be a string',
      periodEndDate: 'periodEndDate must be a date YYYY-MM-DD',
      members: 'exactly one member must be KETUA',
    });
    expect(unassigned).toEqual([{ field: 'signature', message: 'property signature should not exist' }]);
  });

  it('falls back to the enclosing field, and renames the gateway’s paths to the form’s', () => {
    const { byField } = assignFieldErrors([{ field: 'members.2.userId', message: 'userId must be a UUID' }], ['members']);
    expect(byField).toEqual({ members: 'userId must be a UUID' });
    const renamed = assignFieldErrors([{ field: 'lines[1]', message: 'INTELDAKIM appears twice' }], ['section.LANTASKIM.instructions'], (f) =>
      f === 'lines.1' ? 'section.LANTASKIM.instructions' : f,
    );
    expect(renamed.byField).toEqual({ 'section.LANTASKIM.instructions': 'INTELDAKIM appears twice' });
  });

  it('writes array indexes as dots, whichever way the service named them', () => {
    expect(normalizeFieldPath('lines[0].instructions')).toBe('lines.0.instructions');
    expect(normalizeFieldPath('sheet.entries[12]')).toBe('sheet.entries.12');
    expect(normalizeFieldPath('contact.email')).toBe('contact.email');
  });

  it('reads a conflict with the state and what the officer may do instead', () => {
    const p = parseProblem(
      409,
      JSON.stringify({ status: 409, code: 'COMPLAINT.ILLEGAL_TRANSITION', detail: 'confirm is not allowed in CONFIRMED', state: 'CONFIRMED', availableActions: ['dispose', 7] }),
    );
    expect(p).toMatchObject({ code: PROBLEM_CODES.illegalTransition, state: 'CONFIRMED', availableActions: ['dispose'] });
  });

  it('reads Retry-After of a command the service had not caught up on', () => {
    const p = parseProblem(409, JSON.stringify({ status: 409, code: 'COMPLAINT.NOT_CAUGHT_UP', state: 'DISPOSED' }), '2');
    expect(p.code).toBe(PROBLEM_CODES.notCaughtUp);
    expect(p.retryAfterSeconds).toBe(2);
  });

  it('makes a detail of an answer that is not JSON (a proxy’s page), without its markup', () => {
    const p = parseProblem(502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect(p).toMatchObject({ status: 502, code: 'HTTP.502', detail: '502 Bad Gateway', errors: [] });
    expect(parseProblem(500, '')).toEqual({ status: 500, code: 'HTTP.500', errors: [] });
  });

  it('ignores error items that name no field', () => {
    expect(parseProblem(400, JSON.stringify({ code: 'REQUEST.INVALID', errors: [{ message: 'x' }, null, { field: 'text' }] })).errors).toEqual([{ field: 'text', message: '' }]);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-12-01T02:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 02:05:00 GMT', now)).toBe(300);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 01:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });

  it('tells people whole minutes, at least one', () => {
    expect(minutesToWait(1)).toBe(1);
    expect(minutesToWait(60)).toBe(1);
    expect(minutesToWait(61)).toBe(2);
    expect(minutesToWait(900)).toBe(15);
  });
});
