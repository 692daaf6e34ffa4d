import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { validate as isUuid } from 'uuid';
import { isolate, removeIsolation, StandInIntake, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

const complaint = {
  officeCode: 'BLP',
  channel: 'PHONE',
  text: 'Petugas loket paspor meminta uang tambahan agar paspor cepat selesai.',
  contact: { name: 'Siti Rahma', phone: '+6281234567890', email: 'siti@example.id' },
  anonymous: true,
  receivedAt: '2026-03-14T09:05:00+07:00',
};

let intake: StandInIntake;
let isolation: GatewayIsolation;
let gateway: TestGateway;

beforeAll(async () => {
  intake = await new StandInIntake().start();
  isolation = await isolate();
  gateway = await startGateway(`127.0.0.1:${intake.port}`, isolation);
});

afterAll(async () => {
  await gateway?.stop();
  await intake?.stop();
  await removeIsolation(isolation);
});

beforeEach(() => intake.reset());

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${gateway.baseUrl}/api/v1/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('an officer registers a complaint over REST', () => {
  it('answers 201 with the tracking number and where to read it, having asked intake with the key, the correlation id and no actor', async () => {
    const res = await post(complaint, { 'Idempotency-Key': 'entry-7f3a', 'X-Correlation-Id': 'req-phone-0001' });

    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; trackingNumber: string; status: string };
    expect(body).toEqual({ id: expect.any(String), trackingNumber: 'BLP-2026-000001', status: 'RECEIVED' });
    expect(res.headers.get('location')).toBe(`/api/v1/complaints/${body.id}`);
    expect(res.headers.get('x-correlation-id')).toBe('req-phone-0001');

    expect(intake.calls).toHaveLength(1);
    const { request, correlationId } = intake.calls[0];
    expect(correlationId).toBe('req-phone-0001');
    expect(request.requestId).toBe('entry-7f3a');
    expect(request.actor).toBeUndefined();
    expect(request).toMatchObject({ officeCode: 'BLP', channel: Channel.PHONE, text: complaint.text, anonymous: true, confidential: false });
    expect(request.contact).toMatchObject({ name: 'Siti Rahma', phone: '+6281234567890', email: 'siti@example.id' });
    expect(request.contact?.handle).toBeUndefined();
    expect(request.receivedAt && timestampDate(request.receivedAt).toISOString()).toBe('2026-03-14T02:05:00.000Z');
  });

  it('answers a retry with the same Idempotency-Key with the same complaint', async () => {
    const first = await post(complaint, { 'Idempotency-Key': 'entry-retry-1' });
    const retry = await post(complaint, { 'Idempotency-Key': 'entry-retry-1' });

    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect(intake.calls.map((c) => c.request.requestId)).toEqual(['entry-retry-1', 'entry-retry-1']);
  });

  it('makes every request without an Idempotency-Key a new one, and gives it a correlation id', async () => {
    const a = await post({ officeCode: 'TPI', channel: 'WALK_IN', text: 'Antrean terlalu lama.' });
    const b = await post({ officeCode: 'TPI', channel: 'WALK_IN', text: 'Antrean terlalu lama.' });

    expect([a.status, b.status]).toEqual([201, 201]);
    const [keyA, keyB] = intake.calls.map((c) => c.request.requestId);
    expect(isUuid(keyA) && isUuid(keyB) && keyA !== keyB).toBe(true);
    expect(isUuid(a.headers.get('x-correlation-id') ?? '')).toBe(true);
    expect(intake.calls[0].correlationId).toBe(a.headers.get('x-correlation-id'));
    expect(intake.calls[0].request.contact).toBeUndefined();
  });

  it('refuses a body with bad and unknown fields, naming each, without asking intake', async () => {
    const res = await post({ ...complaint, officeCode: 'blp', channel: 'SMS', contact: { email: 'siti@', pager: '123' }, priority: 'high' });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem).toMatchObject({ type: 'urn:pengaduan:problem:REQUEST.INVALID', status: 400, code: 'REQUEST.INVALID', instance: '/api/v1/complaints' });
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['channel', 'contact.email', 'contact.pager', 'officeCode', 'priority']);
    expect(intake.calls).toHaveLength(0);
  });

  it('refuses an Idempotency-Key longer than 200 characters', async () => {
    const res = await post(complaint, { 'Idempotency-Key': 'k'.repeat(201) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
  });

  it('answers malformed JSON with a 400 problem that carries the correlation id', async () => {
    const res = await post('{"officeCode": "BLP",', { 'X-Correlation-Id': 'req-broken-json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('x-correlation-id')).toBe('req-broken-json');
    expect(await res.json()).toMatchObject({ status: 400, code: 'HTTP.BAD_REQUEST', instance: '/api/v1/complaints' });
  });

  it("passes intake's field errors on as a 400 naming intake's fields", async () => {
    intake.answer = () => {
      throw new ServiceError('invalid', 'COMPLAINT.INVALID_REQUEST', 'the complaint cannot be registered as sent', {
        fieldViolations: [{ field: 'text', description: 'required' }],
      });
    };
    const res = await post({ ...complaint, text: '   ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'urn:pengaduan:problem:COMPLAINT.INVALID_REQUEST',
      title: 'Bad Request',
      status: 400,
      detail: 'the complaint cannot be registered as sent',
      instance: '/api/v1/complaints',
      code: 'COMPLAINT.INVALID_REQUEST',
      errors: [{ field: 'text', message: 'required' }],
    });
  });

  it('answers a key reused for another complaint with 422', async () => {
    intake.answer = () => {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
    };
    const res = await post(complaint, { 'Idempotency-Key': 'entry-7f3a' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('answers an unexpected failure in intake with a 500 that tells nothing of it', async () => {
    intake.answer = () => {
      throw new Error('relation "complaint" does not exist');
    };
    const res = await post(complaint);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/does not exist|relation "/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/dispositions`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', instance: '/api/v1/dispositions' });
  });

  it('publishes its OpenAPI document', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/complaints', '/api/v1/complaints/{id}']));
    expect(Object.keys(doc.paths['/api/v1/complaints'])).toEqual(expect.arrayContaining(['post', 'get']));
    expect((await fetch(`${gateway.baseUrl}/api/docs`)).status).toBe(200);
  });
});

describe('when intake cannot be reached', () => {
  let unreachable: TestGateway;
  let ownIsolation: GatewayIsolation;

  beforeAll(async () => {
    // A port that was free a moment ago and that nothing listens on now.
    const probe = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      probe.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    probe.forceShutdown();
    ownIsolation = await isolate();
    unreachable = await startGateway(`127.0.0.1:${port}`, ownIsolation, { waitUntilReady: false });
  });

  afterAll(async () => {
    await unreachable?.stop();
    await removeIsolation(ownIsolation);
  });

  it('answers 503 with a problem that tells the client to retry, and nothing of the network', async () => {
    const res = await fetch(`${unreachable.baseUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'entry-offline-1' },
      body: JSON.stringify(complaint),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = await res.text();
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(JSON.parse(text)).toMatchObject({ status: 503, code: 'UPSTREAM.UNAVAILABLE', title: 'Service Unavailable' });
  });
});
