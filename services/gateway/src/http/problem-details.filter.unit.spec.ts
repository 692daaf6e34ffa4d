import { ERROR_CATALOGUE, ERROR_CODES } from '@pengaduan/contracts';
import { createLogger, fromGrpcError, ServiceError, toGrpcError, type ErrorKind, type ServiceErrorCode } from '@pengaduan/runtime';
import { status as GrpcStatus, Metadata, type ServiceError as GrpcServiceError } from '@grpc/grpc-js';
import { BadRequestException, NotFoundException, type ArgumentMetadata, type ArgumentsHost } from '@nestjs/common';
import { ListComplaintsQuery } from '../complaint-views/complaint-view.dto';
import { RegisterComplaintBody, ReporterContactDto } from '../register-complaint/register-complaint.dto';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsFilter, toProblem } from './problem-details.filter';
import { createValidationPipe } from './validation';

const logger = createLogger('gateway-test', 'silent');
const BODY: ArgumentMetadata = { type: 'body', metatype: RegisterComplaintBody };
const QUERY: ArgumentMetadata = { type: 'query', metatype: ListComplaintsQuery };

const validComplaint = { officeCode: 'BLP', channel: 'PHONE', text: 'Petugas meminta uang tambahan untuk paspor.' };

/** What the pipe throws for `value`, as the problem the client gets. */
async function problemFor(value: unknown, metadata: ArgumentMetadata = BODY) {
  const thrown = await createValidationPipe()
    .transform(value, metadata)
    .then(() => undefined, (err: unknown) => err);
  if (thrown === undefined) throw new Error('the value passed validation');
  return toProblem(thrown, '/api/v1/complaints').problem;
}

/** A gRPC error as the gateway's client receives it from intake's server. */
function receivedFromIntake(err: unknown): GrpcServiceError {
  const sent = toGrpcError(err, logger);
  return Object.assign(new Error(`${sent.code} ${sent.details}`), sent) as GrpcServiceError;
}

describe('problem details of a request that fails validation', () => {
  it('names each bad field of a complaint, nested fields with dots, refusing unknown ones', async () => {
    const problem = await problemFor({
      officeCode: 'blp',
      channel: 'WHATSAPP',
      text: '',
      contact: { email: 'not-an-address', phone: 'call me', fax: '021-555' },
      anonymous: 'yes',
      receivedAt: '2026-02-30T10:00:00+07:00',
      priority: 'high',
    });
    expect(problem).toMatchObject({
      type: 'urn:pengaduan:problem:REQUEST.INVALID',
      title: 'Bad Request',
      status: 400,
      code: 'REQUEST.INVALID',
      instance: '/api/v1/complaints',
    });
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(
      ['anonymous', 'channel', 'contact.email', 'contact.fax', 'contact.phone', 'officeCode', 'priority', 'receivedAt', 'text'].sort(),
    );
    expect(problem.errors?.find((e) => e.field === 'contact.fax')?.message).toBe('property fax should not exist');
    expect(problem.errors?.every((e) => e.message.length > 0)).toBe(true);
  });

  it('never echoes the values it refuses (they may be personal data)', async () => {
    const problem = await problemFor({ ...validComplaint, contact: { email: 'siti.rahma@@example', phone: '0812-SITI' } });
    expect(JSON.stringify(problem)).not.toMatch(/siti|SITI/i);
    expect(problem.errors?.map((e) => e.field)).toEqual(['contact.phone', 'contact.email']);
  });

  it.each([
    ['text longer than 20 000 characters', { ...validComplaint, text: 'x'.repeat(20_001) }, 'text'],
    ['a contact that is not an object', { ...validComplaint, contact: 'siti' }, 'contact'],
    ['a date without an offset', { ...validComplaint, receivedAt: '2026-03-14T09:05:00' }, 'receivedAt'],
    ['a date only', { ...validComplaint, receivedAt: '2026-03-14' }, 'receivedAt'],
    ['an office code too long', { ...validComplaint, officeCode: 'JAKARTA' }, 'officeCode'],
  ])('refuses %s', async (_, body, field) => {
    expect((await problemFor(body)).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('refuses a body that is not an object', async () => {
    const problem = await problemFor([validComplaint]);
    expect(problem.status).toBe(400);
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('lets a complete complaint through, typed', async () => {
    const body = (await createValidationPipe().transform(
      { ...validComplaint, contact: { name: 'Siti', phone: '+62 812-3456-7890', email: 'siti@example.id', handle: '@siti' }, anonymous: true, confidential: false, receivedAt: '2026-03-14T09:05:00.250+07:00' },
      BODY,
    )) as RegisterComplaintBody;
    expect(body).toBeInstanceOf(RegisterComplaintBody);
    expect(body.contact).toBeInstanceOf(ReporterContactDto);
  });

  it('names a bad list query parameter and converts a good limit to a number', async () => {
    const problem = await problemFor({ limit: '0', officeCode: 'blp', sort: 'asc' }, QUERY);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['limit', 'officeCode', 'sort']);
    await expect(createValidationPipe().transform({ limit: '20' }, QUERY)).resolves.toEqual({ limit: 20 });
  });
});

describe('problem details of a ServiceError', () => {
  it.each<[ErrorKind, number]>([
    ['invalid', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['idempotency-mismatch', 422],
    ['rate-limited', 429],
    ['unavailable', 503],
  ])('answers a %s error with %i and its code', (kind, status) => {
    // A code of the catalogue with this kind (ServiceError takes catalogued codes only).
    const code = ERROR_CODES.find((c): c is ServiceErrorCode => ERROR_CATALOGUE[c].kind === kind) as ServiceErrorCode;
    const { problem } = toProblem(new ServiceError(kind, code, 'what went wrong'), '/api/v1/complaints');
    expect(problem).toEqual({
      type: `urn:pengaduan:problem:${code}`,
      title: expect.any(String),
      status,
      detail: 'what went wrong',
      instance: '/api/v1/complaints',
      code,
    });
  });

  it("carries what the officer may do instead of an illegal transition, as the service said it", () => {
    const fromService = fromGrpcError(
      receivedFromIntake(new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'confirm is not allowed in status CONFIRMED', { state: 'CONFIRMED', availableActions: ['appendMessage'] })),
    );
    expect(toProblem(fromService, '/x').problem).toMatchObject({ status: 409, state: 'CONFIRMED', availableActions: ['appendMessage'] });
  });

  it("carries the complaint's current state of a conflict", () => {
    const err = new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'a dismissed complaint cannot be confirmed', { state: 'DISMISSED' });
    expect(toProblem(err, '/x').problem).toMatchObject({ status: 409, code: 'COMPLAINT.ILLEGAL_TRANSITION', state: 'DISMISSED' });
  });

  it("passes intake's field violations through gRPC to a 400 naming those fields", () => {
    const fromIntake = fromGrpcError(
      receivedFromIntake(
        new ServiceError('invalid', 'REQUEST.INVALID', 'the complaint cannot be registered as sent', {
          fieldViolations: [
            { field: 'text', description: 'required' },
            { field: 'contact.email', description: 'not an e-mail address' },
          ],
        }),
      ),
    );
    expect(toProblem(fromIntake, '/api/v1/complaints').problem).toEqual({
      type: 'urn:pengaduan:problem:REQUEST.INVALID',
      title: 'Bad Request',
      status: 400,
      detail: 'the complaint cannot be registered as sent',
      instance: '/api/v1/complaints',
      code: 'REQUEST.INVALID',
      errors: [
        { field: 'text', message: 'required' },
        { field: 'contact.email', message: 'not an e-mail address' },
      ],
    });
  });

  it("answers intake's refusal of the actor with 401 and a conflict with 409 and its state", () => {
    const unauthenticated = fromGrpcError(receivedFromIntake(new ServiceError('unauthenticated', 'AUTH.NO_ACTOR', 'no valid acting officer')));
    const conflict = fromGrpcError(receivedFromIntake(new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'illegal', { state: 'RECEIVED' })));
    expect(toProblem(unauthenticated, '/x').problem).toMatchObject({ status: 401, code: 'AUTH.NO_ACTOR' });
    expect(toProblem(conflict, '/x').problem).toMatchObject({ status: 409, code: 'COMPLAINT.ILLEGAL_TRANSITION', state: 'RECEIVED' });
  });

  it('answers an intake that cannot be reached with 503', () => {
    const unreachable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: GrpcStatus.UNAVAILABLE,
      details: 'No connection established',
      metadata: new Metadata(),
    }) as GrpcServiceError;
    expect(toProblem(fromGrpcError(unreachable), '/x')).toMatchObject({ problem: { status: 503, code: 'UPSTREAM.UNAVAILABLE' }, severity: 'upstream' });
  });

  it("answers the gateway's own database out of reach (no pooled connection in time) with a retryable 503", () => {
    expect(toProblem(new Error('timeout exceeded when trying to connect'), '/x')).toMatchObject({ problem: { status: 503, code: 'SERVICE.UNAVAILABLE' }, severity: 'upstream' });
  });
});

describe('problem details of other errors', () => {
  it('keeps the status of a Nest HTTP exception: an unknown route, a malformed JSON body', () => {
    expect(toProblem(new NotFoundException('Cannot GET /api/v1/nothing'), '/api/v1/nothing').problem).toEqual({
      type: 'urn:pengaduan:problem:HTTP.NOT_FOUND',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/v1/nothing',
      instance: '/api/v1/nothing',
      code: 'HTTP.NOT_FOUND',
    });
    expect(toProblem(new BadRequestException('Unexpected token } in JSON at position 12'), '/x').problem).toMatchObject({ status: 400, code: 'HTTP.BAD_REQUEST' });
  });

  it('keeps the status of a body the parser refuses as too large', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    expect(toProblem(tooLarge, '/x').problem).toMatchObject({ status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE', title: 'Payload Too Large' });
  });

  it('answers anything else with a 500 that tells nothing of the cause', () => {
    const { problem, severity } = toProblem(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'), '/x');
    expect(severity).toBe('internal');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL', type: 'urn:pengaduan:problem:INTERNAL' });
    expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(toProblem('a thrown string', '/x').problem.status).toBe(500);
  });
});

describe('the problem-details filter', () => {
  function respond(exception: unknown, url = '/api/v1/complaints?limit=5') {
    const sent: { status?: number; headers: Record<string, string>; body?: string } = { headers: {} };
    const response = {
      headersSent: false,
      setHeader: (name: string, value: string) => (sent.headers[name] = value),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(value: string) {
        sent.headers['Content-Type'] = value;
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: url, url }), getResponse: () => response }) } as unknown as ArgumentsHost;
    new ProblemDetailsFilter(logger).catch(exception, host);
    return sent;
  }

  it('answers application/problem+json with the request path as the instance', () => {
    const sent = respond(new ServiceError('not-found', 'COMPLAINT.NOT_FOUND', 'there is no complaint'));
    expect(sent.status).toBe(404);
    expect(sent.headers['Content-Type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(sent.body ?? '')).toMatchObject({ status: 404, instance: '/api/v1/complaints', code: 'COMPLAINT.NOT_FOUND' });
  });

  it('tells the client when to retry a 503', () => {
    expect(respond(new ServiceError('unavailable', 'UPSTREAM.UNAVAILABLE', 'intake is not reachable')).headers['Retry-After']).toBe('5');
  });

  it('tells the client when to retry an error that says so, and nothing for one that does not', () => {
    const notCaughtUp = new ServiceError('conflict', 'COMPLAINT.NOT_CAUGHT_UP', 'retry', { state: 'CONFIRMED', retryAfterSeconds: 2 });
    expect(respond(notCaughtUp).headers['Retry-After']).toBe('2');
    expect(respond(new ServiceError('conflict', 'COMPLAINT.ILLEGAL_TRANSITION', 'no', { state: 'CLOSED' })).headers['Retry-After']).toBeUndefined();
  });

  it('names the bearer scheme in a 401', () => {
    const sent = respond(new ServiceError('unauthenticated', 'AUTH.MISSING_TOKEN', 'log in'));
    expect(sent.status).toBe(401);
    expect(sent.headers['WWW-Authenticate']).toBe('Bearer realm="pengaduan"');
  });
});
