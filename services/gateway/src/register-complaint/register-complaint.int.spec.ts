import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel, IntakeService, type RegisterComplaintRequest } from '@pengaduan/contracts';
import { ServiceError } from '@pengaduan/runtime';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { requestIdOf } from '../complaint-commands/request-id';
import type { MethodsOf } from '@pengaduan/runtime';

/** Answers like intake: the same request id, the same complaint. */
function registerOnce() {
  const registered = new Map<string, { complaintId: string; trackingNumber: string; status: string }>();
  return (request: RegisterComplaintRequest) => {
    const earlier = registered.get(request.requestId);
    if (earlier) return earlier;
    const answer = { complaintId: uuidv7(), trackingNumber: `${request.officeCode}-2026-${String(registered.size + 1).padStart(6, '0')}`, status: 'RECEIVED' };
    registered.set(request.requestId, answer);
    return answer;
  };
}

const complaint = {
  officeCode: 'BLP',
  channel: 'PHONE',
  text: 'Petugas loket paspor meminta uang tambahan agar paspor cepat selesai.',
  contact: { name: 'Siti Rahma', phone: '+6281234567890', email: 'siti@example.id' },
  anonymous: true,
  receivedAt: '2026-03-14T09:05:00+07:00',
};

let intake: StandIn<MethodsOf<typeof IntakeService>>;
let isolation: GatewayIsolation;
let gateway: TestGateway;
let admin: { id: string; token: string };

beforeAll(async () => {
  intake = await new StandIn(IntakeService, { registerComplaint: registerOnce() }).start();
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.address }, isolation);
  const officer = await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
  admin = { id: officer.id, token: officer.token };
});

afterAll(async () => {
  await gateway?.stop();
  await intake?.stop();
  await removeIsolation(isolation);
});

beforeEach(() => intake.reset());

/** As the admin, or another officer, or (null) without a token. */
function post(body: unknown, headers: Record<string, string> = {}, token: string | null = admin.token): Promise<Response> {
  return api(gateway, token ?? undefined).post('/complaints', body, headers);
}

describe('an officer registers a complaint over REST', () => {
  it('answers 201 with the tracking number and where to read it, having asked intake with the key, the correlation id and the officer', async () => {
    const res = await post(complaint, { 'Idempotency-Key': 'entry-7f3a', 'X-Correlation-Id': 'req-phone-0001' });

    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; trackingNumber: string; status: string };
    expect(body).toEqual({ id: expect.any(String), trackingNumber: 'BLP-2026-000001', status: 'RECEIVED', version: 1 });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/v1/complaints/${body.id}`);
    expect(res.headers.get('x-correlation-id')).toBe('req-phone-0001');

    expect(intake.calls).toHaveLength(1);
    expect(intake.calls[0].correlationId).toBe('req-phone-0001');
    const [request] = intake.requests('registerComplaint');
    expect(request.requestId).toBe(requestIdOf({ id: admin.id }, 'entry-7f3a'));
    expect(request.actor).toMatchObject({ userId: admin.id, role: 'ADMIN_TIKKIM', officeCode: 'BLP' });
    expect(request.actor?.sectionCode).toBeUndefined();
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
    const key = requestIdOf({ id: admin.id }, 'entry-retry-1');
    expect(intake.requests('registerComplaint').map((r) => r.requestId)).toEqual([key, key]);
  });

  it('makes every request without an Idempotency-Key a new one, and gives it a correlation id', async () => {
    const a = await post({ channel: 'WALK_IN', text: 'Antrean terlalu lama.' });
    const b = await post({ channel: 'WALK_IN', text: 'Antrean terlalu lama.' });

    expect([a.status, b.status]).toEqual([201, 201]);
    const [keyA, keyB] = intake.requests('registerComplaint').map((r) => r.requestId);
    expect(isUuid(keyA) && isUuid(keyB) && keyA !== keyB).toBe(true);
    expect(isUuid(a.headers.get('x-correlation-id') ?? '')).toBe(true);
    expect(intake.calls[0].correlationId).toBe(a.headers.get('x-correlation-id'));
    expect(intake.requests('registerComplaint')[0].contact).toBeUndefined();
    // Without officeCode the complaint is the officer's office's.
    expect(intake.requests('registerComplaint')[0].officeCode).toBe('BLP');
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
    intake.answers.registerComplaint = () => {
      throw new ServiceError('invalid', 'REQUEST.INVALID', 'the complaint cannot be registered as sent', {
        fieldViolations: [{ field: 'text', description: 'required' }],
      });
    };
    const res = await post({ ...complaint, text: '   ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'urn:pengaduan:problem:REQUEST.INVALID',
      title: 'Bad Request',
      status: 400,
      detail: 'the complaint cannot be registered as sent',
      instance: '/api/v1/complaints',
      code: 'REQUEST.INVALID',
      errors: [{ field: 'text', message: 'required' }],
    });
  });

  it('passes a LAPOR! complaint’s report number to intake, and its refusal of a number already registered on as 409 (docs/adr/0055)', async () => {
    const lapor = { ...complaint, channel: 'LAPOR', laporReportNumber: '6123456' };
    const res = await post(lapor, { 'Idempotency-Key': 'lapor-6123456' });
    expect(res.status).toBe(201);
    const [request] = intake.requests('registerComplaint');
    expect(request).toMatchObject({ channel: Channel.LAPOR, laporReportNumber: '6123456' });

    intake.answers.registerComplaint = () => {
      throw new ServiceError('conflict', 'COMPLAINT.LAPOR_NUMBER_TAKEN', 'a complaint with this LAPOR! report number is already registered in the office', { trackingNumber: 'BLP-2026-000001' });
    };
    const again = await post(lapor, { 'Idempotency-Key': 'lapor-6123456-again' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await again.json()).toMatchObject({ status: 409, code: 'COMPLAINT.LAPOR_NUMBER_TAKEN' });
  });

  it('refuses a LAPOR! report number that is not 7-12 digits, naming it, without asking intake', async () => {
    const res = await post({ ...complaint, channel: 'LAPOR', laporReportNumber: 'LAP-61' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['laporReportNumber']);
    expect(intake.calls).toHaveLength(0);
  });

  it('answers a key reused for another complaint with 422', async () => {
    intake.answers.registerComplaint = () => {
      throw new ServiceError('idempotency-mismatch', 'IDEMPOTENCY.KEY_REUSED', 'this idempotency key was already used for a different request');
    };
    const res = await post(complaint, { 'Idempotency-Key': 'entry-7f3a' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('answers an unexpected failure in intake with a 500 that tells nothing of it', async () => {
    intake.answers.registerComplaint = () => {
      throw new Error('relation "complaint" does not exist');
    };
    const res = await post(complaint);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/does not exist|relation "/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it("refuses a complaint for another office than the officer's, without asking intake", async () => {
    const res = await post({ ...complaint, officeCode: 'TPI' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'AUTH.OUT_OF_OFFICE_SCOPE' });
    expect(intake.calls).toHaveLength(0);
  });

  it("passes intake's refusal of an officer whose role may not register (libs/sop) on as 403", async () => {
    const auditor = await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' });
    intake.answers.registerComplaint = (request) => {
      throw new ServiceError('forbidden', 'COMPLAINT.FORBIDDEN_ROLE', `${request.actor?.role} may not receive`);
    };
    const res = await post(complaint, {}, auditor.token);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.FORBIDDEN_ROLE', detail: 'AUDITOR may not receive' });
  });

  it('answers a request without a token with 401, without asking intake', async () => {
    const res = await post(complaint, {}, null);
    expect(res.status).toBe(401);
    expect(intake.calls).toHaveLength(0);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/v1/dispositions`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND', instance: '/api/v1/dispositions' });
  });

  it('publishes its OpenAPI document: every route, its bearer auth, its body and its problems', async () => {
    const res = await fetch(`${gateway.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    type Operation = { security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; parameters?: { name: string; required?: boolean }[] };
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
    const commands = ['confirm', 'dismiss', 'messages', 'disposition', 'section-responses', 'analysis', 'decision', 'team-decree', 'follow-up-information', 'delivery-confirmation', 'call-attempts'];
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/v1/auth/login',
        '/api/v1/auth/login/totp',
        '/api/v1/auth/logout',
        '/api/v1/auth/password',
        '/api/v1/auth/security-log',
        '/api/v1/auth/totp',
        '/api/v1/auth/totp/enrolment',
        '/api/v1/auth/totp/enrolment/confirm',
        '/api/v1/users',
        '/api/v1/users/{username}',
        '/api/v1/users/{username}/deactivate',
        '/api/v1/users/{username}/password-reset',
        '/api/v1/admin-log',
        '/api/v1/sla-policy',
        '/api/v1/message-templates',
        '/api/v1/message-templates/{purpose}/{channel}',
        '/api/v1/message-templates/{purpose}/{channel}/reset',
        '/api/v1/status-messages',
        '/api/v1/appeal-window',
        '/api/v1/retention-policy',
        '/api/v1/office-profile',
        '/api/v1/complaints',
        '/api/v1/complaints/{id}',
        '/api/v1/complaints/{id}/timeline',
        '/api/v1/complaints/{id}/status-messages',
        '/api/v1/complaints/{id}/messages/contact-reads',
        '/api/v1/complaints/{id}/documents',
        '/api/v1/complaints/{id}/documents/{kind}',
        '/api/v1/dashboard',
        '/api/v1/worklist',
        '/api/v1/public/offices',
        '/api/v1/processing-record',
        '/api/v1/public/tracking',
        '/api/v1/sections',
        '/api/v1/sections/{code}',
        '/api/v1/sections/{code}/retire',
        '/api/v1/sla/escalations',
        '/api/v1/sla/summary',
        '/api/v1/call-tasks',
        '/api/v1/lapor-postings',
        '/api/v1/lapor-postings/{id}/text',
        '/api/v1/problem-messages',
        '/api/v1/problem-messages/{id}/reprocess',
        '/api/v1/problem-messages/{id}/discard',
        '/api/v1/office/officers',
        '/api/v1/complaints/export',
        '/api/v1/complaints/{id}/assignment',
        '/api/v1/complaints/{id}/claim',
        '/api/v1/complaints/{id}/notes',
        '/api/v1/complaints/{id}/release',
        '/api/v1/dead-letters',
        '/api/v1/dead-letters/redrive',
        '/api/v1/dead-letters/{id}/redrive',
        // Rating and appeal (docs/adr/0053), the complainant's rights (0056) and erasure (0057).
        '/api/v1/complaints/{id}/rating',
        '/api/v1/complaints/{id}/appeal',
        '/api/v1/complaints/{id}/appeal-review',
        '/api/v1/public/tracking/rating',
        '/api/v1/public/tracking/appeal',
        '/api/v1/complaints/{id}/contact-correction',
        '/api/v1/complaints/{id}/contact-restriction',
        '/api/v1/complaints/{id}/contact-restriction/lift',
        '/api/v1/data-requests',
        '/api/v1/data-requests/{id}/export.json',
        '/api/v1/data-requests/{id}/export.pdf',
        '/api/v1/data-requests/{id}/export.zip',
        '/api/v1/data-requests/{id}/handed-over',
        '/api/v1/complaints/{id}/personal-data-erasure',
        '/api/v1/destruction-records',
        '/api/v1/destruction-records/{id}/berita-acara.pdf',
        ...commands.map((c) => `/api/v1/complaints/{id}/${c}`),
        '/health/live',
        '/health/ready',
      ].sort(),
    );
    for (const command of commands) {
      const operation = doc.paths[`/api/v1/complaints/{id}/${command}`]['post'];
      expect(operation.security).toEqual([{ 'access-token': [] }]);
      expect(operation.requestBody).toBeDefined();
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '412', '422', '503']);
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: false })]));
    }
    expect(doc.paths['/api/v1/auth/login']['post'].security).toBeUndefined();
    expect(doc.paths['/api/v1/auth/login/totp']['post'].security).toBeUndefined();
    expect(doc.paths['/api/v1/auth/totp']['delete'].security).toEqual([{ 'access-token': [] }]);
    expect(doc.paths['/api/v1/public/tracking']['post'].security).toBeUndefined();
    expect(Object.keys(doc.paths['/api/v1/public/tracking']['post'].responses).sort()).toEqual(['200', '400', '404', '429', '503']);
    expect(doc.paths['/api/v1/public/offices']['get'].security).toBeUndefined();
    expect(doc.paths['/api/v1/worklist']['get'].security).toEqual([{ 'access-token': [] }]);
    for (const path of ['/api/v1/complaints/{id}/messages', '/api/v1/complaints/{id}/documents', '/api/v1/complaints/{id}/documents/{kind}', '/api/v1/dashboard', '/api/v1/processing-record']) {
      expect(doc.paths[path]['get'].security).toEqual([{ 'access-token': [] }]);
    }
    for (const path of ['/api/v1/sla/summary', '/api/v1/sla/escalations']) {
      expect(doc.paths[path]['get'].security).toEqual([{ 'access-token': [] }]);
      expect(Object.keys(doc.paths[path]['get'].responses).sort()).toEqual(['200', '400', '401', '503']);
    }
    // The work queues and the decree's officers: for some roles only (403).
    expect(doc.paths['/api/v1/call-tasks']['get'].security).toEqual([{ 'access-token': [] }]);
    expect(Object.keys(doc.paths['/api/v1/call-tasks']['get'].responses).sort()).toEqual(['200', '400', '401', '403', '503']);
    expect(Object.keys(doc.paths['/api/v1/problem-messages']['get'].responses).sort()).toEqual(['200', '400', '401', '403', '503']);
    for (const action of ['reprocess', 'discard']) {
      const operation = doc.paths[`/api/v1/problem-messages/{id}/${action}`]['post'];
      expect(operation.security).toEqual([{ 'access-token': [] }]);
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '422', '503']);
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true })]));
    }
    expect(doc.paths['/api/v1/problem-messages/{id}/discard']['post'].requestBody).toBeDefined();
    expect(doc.paths['/api/v1/office/officers']['get'].security).toEqual([{ 'access-token': [] }]);
    expect(Object.keys(doc.paths['/api/v1/office/officers']['get'].responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    // The office's message texts (docs/adr/0050): a PUT and a reset with Idempotency-Key and If-Match.
    for (const operation of [doc.paths['/api/v1/message-templates/{purpose}/{channel}']['put'], doc.paths['/api/v1/message-templates/{purpose}/{channel}/reset']['post']]) {
      expect(operation.security).toEqual([{ 'access-token': [] }]);
      expect(operation.requestBody).toBeDefined();
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '409', '422', '503']);
      expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: false })]));
    }
    expect(Object.keys(doc.paths['/api/v1/message-templates']['get'].responses).sort()).toEqual(['200', '401', '403', '503']);
    // The office's status messages (docs/adr/0054): read, and set with Idempotency-Key and If-Match.
    const statusMessages = doc.paths['/api/v1/status-messages'];
    expect(statusMessages['put'].requestBody).toBeDefined();
    expect(statusMessages['put'].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: false })]));
    expect(Object.keys(statusMessages['put'].responses).sort()).toEqual(['200', '400', '401', '403', '409', '422', '503']);
    expect(Object.keys(statusMessages['get'].responses).sort()).toEqual(['200', '401', '403', '503']);
    // The office's appeal window (docs/adr/0053): read, and set with Idempotency-Key and If-Match.
    const appealWindow = doc.paths['/api/v1/appeal-window'];
    expect(appealWindow['put'].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: false })]));
    expect(Object.keys(appealWindow['put'].responses).sort()).toEqual(['200', '400', '401', '403', '409', '422', '503']);
    expect(Object.keys(appealWindow['get'].responses).sort()).toEqual(['200', '401', '403', '503']);
    // The office's SLA policy (docs/adr/0049): read by every officer, set with Idempotency-Key and If-Match.
    const slaPolicy = doc.paths['/api/v1/sla-policy'];
    expect(slaPolicy['put'].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: true })]));
    expect(slaPolicy['put'].requestBody).toBeDefined();
    expect(Object.keys(slaPolicy['put'].responses).sort()).toEqual(['200', '400', '401', '403', '409', '422', '503']);
    expect(Object.keys(slaPolicy['get'].responses).sort()).toEqual(['200', '401', '503']);
    // The office's profile (docs/adr/0048): read by every officer, changed by the head of office with Idempotency-Key and If-Match.
    const officeProfile = doc.paths['/api/v1/office-profile'];
    expect(officeProfile['put'].security).toEqual([{ 'access-token': [] }]);
    expect(officeProfile['put'].requestBody).toBeDefined();
    expect(officeProfile['put'].parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true }), expect.objectContaining({ name: 'If-Match', required: true })]));
    expect(Object.keys(officeProfile['put'].responses).sort()).toEqual(['200', '400', '401', '403', '409', '422', '503']);
    expect(Object.keys(officeProfile['get'].responses).sort()).toEqual(['200', '401', '403', '503']);
    expect((await fetch(`${gateway.baseUrl}/api/docs`)).status).toBe(200);
  });
});

describe('when intake cannot be reached', () => {
  let unreachable: TestGateway;
  let ownIsolation: GatewayIsolation;
  let token: string;

  beforeAll(async () => {
    // A port that was free a moment ago and that nothing listens on now.
    const probe = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      probe.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    probe.forceShutdown();
    ownIsolation = await isolate();
    // Started as in production: developers' conveniences are off there.
    unreachable = await startGateway({ intake: `127.0.0.1:${port}` }, ownIsolation, { config: { production: true } });
    token = (await unreachable.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).token;
  });

  afterAll(async () => {
    await unreachable?.stop();
    await removeIsolation(ownIsolation);
  });

  it('answers 503 with a problem that tells the client to retry, and nothing of the network', async () => {
    const res = await api(unreachable, token).post('/complaints', complaint, { 'Idempotency-Key': 'entry-offline-1' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = await res.text();
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(JSON.parse(text)).toMatchObject({ status: 503, code: 'UPSTREAM.UNAVAILABLE', title: 'Service Unavailable' });
  });

  it('serves no OpenAPI page in production unless switched on', async () => {
    for (const path of ['/api/docs', '/api/docs-json']) expect({ path, status: (await fetch(`${unreachable.baseUrl}${path}`)).status }).toEqual({ path, status: 404 });
  });
});
