// The complainant's rights under UU 27/2022 (docs/adr/0056) over real sockets: intake runs as its
// own process (its own schema, gRPC on a port of its own), the gateway in-process on the run's
// Postgres and Kafka. Access requests with their export, correction and restriction, and the
// attacks on them: another office, another role, absent and forged tokens, a reused key.
import { Channel, IntakeService } from '@pengaduan/contracts';
import { ComplaintHistory, GrpcTestClient, randomOfficeCode, type MethodsOf } from '@pengaduan/testing';
import { SettableClock } from '@pengaduan/runtime';
import { unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { api, forgedAccessToken, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { startIntakeProcess, type IntakeProcess } from '../__fixtures__/intake-process';
import type { OfficerRole } from '../auth/authenticated-user';

const office = randomOfficeCode();
const otherOffice = randomOfficeCode();
const person = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id' };
const stranger = { name: 'Budi Santoso', phone: '+6289876543210' };
const strangerText = 'Antrean di kantor terlalu lama, saya menunggu empat jam.';

let intake: IntakeProcess;
let grpc: GrpcTestClient<MethodsOf<typeof IntakeService>>;
let isolation: GatewayIsolation;
let gateway: TestGateway;
/** The gateway's clock, which tells where a request stands against its due time; moved only by the test of it. */
const clock = new SettableClock(new Date());

type Who = 'admin' | 'kepala' | 'auditor' | 'otherAdmin';
const officers = {} as Record<Who, { token: string; id: string }>;
const ROLE_OF: Record<Who, [OfficerRole, string]> = { admin: ['ADMIN_TIKKIM', office], kepala: ['KEPALA_KANTOR', office], auditor: ['AUDITOR', office], otherAdmin: ['ADMIN_TIKKIM', otherOffice] };

beforeAll(async () => {
  intake = await startIntakeProcess('data_subject_rights');
  grpc = new GrpcTestClient(IntakeService, intake.grpcAddress);
  isolation = await isolate();
  gateway = await startGateway({ intake: intake.grpcAddress }, isolation, { clock, jwtTtlSeconds: 7 * 24 * 3600 });
  for (const [who, [role, officeCode]] of Object.entries(ROLE_OF) as [Who, [OfficerRole, string]][]) {
    const o = await gateway.officer({ role, officeCode });
    officers[who] = { token: o.token, id: o.id };
  }
}, 180_000);

afterAll(async () => {
  grpc?.close();
  await gateway?.stop();
  await removeIsolation(isolation);
  await intake?.stop();
});

/** A complaint Admin Tikkim registered in intake, known to the gateway's read model. */
async function complaint(text: string, contact: Record<string, string>): Promise<{ id: string; trackingNumber: string }> {
  const registered = await grpc.call('registerComplaint', {
    requestId: randomUUID(),
    officeCode: office,
    channel: Channel.PHONE,
    text,
    contact,
    anonymous: false,
    actor: { userId: officers.admin.id, role: 'ADMIN_TIKKIM', officeCode: office },
  });
  await gateway.seed(...new ComplaintHistory({ complaintId: registered.complaintId, officeCode: office, channel: 'PHONE', trackingNumber: registered.trackingNumber }).received());
  return { id: registered.complaintId, trackingNumber: registered.trackingNumber };
}

const as = (who: Who) => api(gateway, officers[who].token);
const register = (who: Who, body: unknown, key = randomUUID()) => as(who).post('/data-requests', body, { 'Idempotency-Key': key });
/** A command with an Idempotency-Key of its own (or the one given, for a retry). */
const command = (who: Who, path: string, body: unknown, key = randomUUID()) => as(who).post(path, body, { 'Idempotency-Key': key });

describe('an access request over the REST API', () => {
  it('admin tikkim registers it in person, downloads the PDF and the JSON of every complaint of that person and nothing of another, and hands it over in time', async () => {
    const first = await complaint('Petugas loket meminta uang tambahan untuk paspor saya.', person);
    const second = await complaint('Saya juga dimintai uang saat mengambil paspor.', { phone: person.phone });
    await complaint(strangerText, stranger);
    expect((await as('admin').get(`/complaints/${first.id}/messages?purpose=CONFIRM`)).status).toBe(200);

    const res = await register('admin', { trackingNumber: first.trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'KTP' });
    expect(res.status).toBe(201);
    const request = (await res.json()) as { id: string; registeredAt: string; dueAt: string; standing: string };
    expect(Date.parse(request.dueAt) - Date.parse(request.registeredAt)).toBe(72 * 3600_000);
    expect(request.standing).toBe('OPEN');
    const listed = (await as('kepala').json<{ items: { id: string }[] }>('/data-requests')).items;
    expect(listed.map((r) => r.id)).toContain(request.id);

    const json = await as('admin').get(`/data-requests/${request.id}/export.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename="data-pribadi-.*\.json"$/);
    const text = await json.text();
    const exported = JSON.parse(text) as { contact: unknown; complaints: { complaintId: string; messages: { text: string }[]; contactReads: { purpose: string; userId: string }[] }[] };
    expect(exported.contact).toEqual(person);
    expect(exported.complaints.map((c) => c.complaintId).sort()).toEqual([first.id, second.id].sort());
    expect(exported.complaints.find((c) => c.complaintId === first.id)?.contactReads).toEqual([expect.objectContaining({ purpose: 'CONFIRM', userId: officers.admin.id })]);
    for (const foreign of [strangerText, stranger.name, stranger.phone]) expect(text).not.toContain(foreign);
    const pdf = await as('admin').get(`/data-requests/${request.id}/export.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const handed = await command('admin', `/data-requests/${request.id}/handed-over`, { how: 'Diserahkan langsung di loket' });
    expect(handed.status).toBe(200);
    expect(await handed.json()).toMatchObject({ standing: 'ANSWERED', handedOverBy: officers.admin.id, handedOverHow: 'Diserahkan langsung di loket' });
  });

  it('refuses another office, another role, no token, a forged token, a reused key with other content and an unknown tracking number', async () => {
    const { trackingNumber } = await complaint('Petugas meminta imbalan.', person);
    const body = { trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'KTP' };
    const key = randomUUID();
    const made = (await (await register('admin', body, key)).json()) as { id: string };
    expect((await (await register('admin', body, key)).json()) as { id: string }).toMatchObject({ id: made.id });
    expect(await register('admin', { ...body, identityDocumentKind: 'PASPOR' }, key)).toMatchObject({ status: 422 });
    expect(await register('admin', { ...body, trackingNumber: `${office}-2026-999999` })).toMatchObject({ status: 404 });
    expect(await register('otherAdmin', body)).toMatchObject({ status: 404 });
    expect(await register('kepala', body)).toMatchObject({ status: 403 });
    expect(await register('admin', { ...body, verification: 'CHANNEL', identityDocumentKind: undefined, verifier: '0000' })).toMatchObject({ status: 403 });

    expect((await as('otherAdmin').get(`/data-requests/${made.id}/export.json`)).status).toBe(404);
    expect((await command('otherAdmin', `/data-requests/${made.id}/handed-over`, { how: 'lewat surel' })).status).toBe(404);
    expect((await as('kepala').get(`/data-requests/${made.id}/export.pdf`)).status).toBe(403);
    expect((await as('auditor').get('/data-requests')).status).toBe(403);
    expect((await as('otherAdmin').json<{ items: { id: string }[] }>('/data-requests')).items.map((r) => r.id)).not.toContain(made.id);
    expect((await api(gateway, undefined).get(`/data-requests/${made.id}/export.json`)).status).toBe(401);
    const forged = await forgedAccessToken(officers.admin.id, { role: 'ADMIN_TIKKIM', office });
    expect((await api(gateway, forged).get(`/data-requests/${made.id}/export.json`)).status).toBe(401);
  });
});

describe('the 3 × 24-hour clock of an access request', () => {
  it('warns at three quarters of the time, as the SOP’s clocks do, and is overdue after 72 hours', async () => {
    const { trackingNumber } = await complaint('Petugas meminta imbalan di loket.', { phone: '+6281200001111' });
    const made = (await (await register('admin', { trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'PASPOR' })).json()) as { id: string; registeredAt: string };
    const standing = async () => (await as('admin').json<{ items: { id: string; standing: string }[] }>('/data-requests')).items.find((r) => r.id === made.id)?.standing;
    expect(await standing()).toBe('OPEN');
    clock.set(new Date(Date.parse(made.registeredAt) + 55 * 3600_000));
    expect(await standing()).toBe('DUE_SOON');
    clock.set(new Date(Date.parse(made.registeredAt) + 73 * 3600_000));
    expect(await standing()).toBe('OVERDUE');
    clock.set(new Date());
  });
});

describe('correction and restriction over the REST API', () => {
  it('a restricted contact is withheld from admin tikkim with the reason shown, another office cannot touch it, and lifting and correcting it work', async () => {
    const { id } = await complaint('Petugas loket meminta uang tambahan.', person);
    const reason = { reason: 'Pelapor meminta pembatasan pemrosesan.' };
    expect(await command('otherAdmin', `/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 404 });
    expect(await command('kepala', `/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 403 });
    const restricted = await command('admin', `/complaints/${id}/contact-restriction`, reason);
    expect(await restricted.json()).toEqual({ restricted: true, changedFields: [] });
    expect(await command('admin', `/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 409 });
    expect(await as('admin').json(`/complaints/${id}/messages?purpose=CONFIRM`)).toMatchObject({ contact: null, contactWithheld: true, contactRestricted: true });
    // notification's question over intake's gRPC: no address, and the answer says why, so it withholds the notice instead of leaving a call task.
    const [{ reporter_ref: reporterRef }] = (await gateway.runtime.dataSource.query(`SELECT reporter_ref FROM "${intake.schema}".complaint WHERE id = $1`, [id])) as { reporter_ref: string }[];
    expect(await grpc.call('resolveReporterAddress', { complaintId: id, reporterRef, channel: Channel.SMS, purpose: 'SEND_FOLLOW_UP' })).toMatchObject({ found: false, recipient: '', restricted: true });

    expect(await (await command('admin', `/complaints/${id}/contact-restriction/lift`, { reason: 'Pelapor mencabut permintaannya.' })).json()).toMatchObject({ restricted: false });
    const corrected = await command('admin', `/complaints/${id}/contact-correction`, { reason: 'Nomor telepon pelapor sudah berganti.', contact: { ...person, phone: '+6281311112222' } });
    expect(await corrected.json()).toEqual({ restricted: false, changedFields: ['phone'] });
    expect(await as('admin').json(`/complaints/${id}/messages?purpose=CONFIRM`)).toMatchObject({ contact: { ...person, phone: '+6281311112222' }, contactRestricted: false });
    expect(await grpc.call('resolveReporterAddress', { complaintId: id, reporterRef, channel: Channel.SMS, purpose: 'SEND_FOLLOW_UP' })).toMatchObject({ found: true, recipient: '+6281311112222', restricted: false });
    expect(await command('admin', `/complaints/${id}/contact-correction`, { reason: 'x', contact: person })).toMatchObject({ status: 400 });
  });
});

describe('the commands on a person’s data over the REST API: once per Idempotency-Key, and no personal data in their texts', () => {
  it('answers a retried restriction, correction and hand-over as the first, refuses the key with another body, a missing key, and a reason or hand-over naming the person', async () => {
    const { id, trackingNumber } = await complaint('Petugas loket meminta uang tambahan lagi.', person);
    const key = randomUUID();
    const reason = { reason: 'Pelapor meminta pembatasan pemrosesan.' };
    const first = await command('admin', `/complaints/${id}/contact-restriction`, reason, key);
    expect(first.status).toBe(200);
    const again = await command('admin', `/complaints/${id}/contact-restriction`, reason, key);
    expect({ status: again.status, body: await again.json() }).toEqual({ status: 200, body: { restricted: true, changedFields: [] } });
    expect(await command('admin', `/complaints/${id}/contact-restriction`, { reason: 'Alasan lain untuk pembatasan.' }, key)).toMatchObject({ status: 422 });
    expect(await command('admin', `/complaints/${id}/contact-restriction/lift`, reason, key)).toMatchObject({ status: 422 });
    // Another officer's key of the same value is theirs alone (requestIdOf): it reaches the office's 404 first, never the first answer.
    expect(await command('otherAdmin', `/complaints/${id}/contact-restriction`, reason, key)).toMatchObject({ status: 404 });
    const noKey = await as('admin').post(`/complaints/${id}/contact-restriction/lift`, reason);
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(await noKey.json())).toContain('Idempotency-Key');

    const leak = await command('admin', `/complaints/${id}/contact-restriction/lift`, { reason: `Pelapor ${person.phone} mencabut permintaannya.` });
    expect(leak.status).toBe(400);
    expect(await leak.json()).toMatchObject({ code: 'COMPLAINT.PERSONAL_DATA', errors: [expect.objectContaining({ field: 'reason' })] });
    expect(await command('admin', `/complaints/${id}/contact-restriction/lift`, { reason: 'Pelapor mencabut permintaannya.' })).toMatchObject({ status: 200 });

    const correctionKey = randomUUID();
    const correction = { reason: 'Nomor telepon pelapor sudah berganti.', contact: { ...person, phone: '+6281322223333' } };
    expect(await (await command('admin', `/complaints/${id}/contact-correction`, correction, correctionKey)).json()).toEqual({ restricted: false, changedFields: ['phone'] });
    expect(await (await command('admin', `/complaints/${id}/contact-correction`, correction, correctionKey)).json()).toEqual({ restricted: false, changedFields: ['phone'] });
    expect(await command('admin', `/complaints/${id}/contact-correction`, { ...correction, contact: { ...person, phone: '+6281344445555' } }, correctionKey)).toMatchObject({ status: 422 });

    const made = (await (await register('admin', { trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'SIM' })).json()) as { id: string };
    const leakedHow = await command('admin', `/data-requests/${made.id}/handed-over`, { how: `Dikirim ke ${person.email}` });
    expect(await leakedHow.json()).toMatchObject({ status: 400, code: 'COMPLAINT.PERSONAL_DATA', errors: [expect.objectContaining({ field: 'how' })] });
    const handKey = randomUUID();
    const handed = await command('admin', `/data-requests/${made.id}/handed-over`, { how: 'Diserahkan langsung di loket' }, handKey);
    const handedAgain = await command('admin', `/data-requests/${made.id}/handed-over`, { how: 'Diserahkan langsung di loket' }, handKey);
    expect(await handedAgain.json()).toEqual(await handed.json());
    expect(await command('admin', `/data-requests/${made.id}/handed-over`, { how: 'Dikirim lewat pos tercatat' }, handKey)).toMatchObject({ status: 422 });
    expect(await command('admin', `/data-requests/${made.id}/handed-over`, { how: 'Diserahkan langsung di loket' })).toMatchObject({ status: 409 });
  });
});

describe('the export as one ZIP over the REST API', () => {
  it('holds the PDF and the JSON with each of the person’s complaints’ timelines from the read model, with roles and never an officer’s id; another office gets 404', async () => {
    const own = await complaint('Petugas meminta uang pelicin di loket paspor.', { name: 'Rina Wulandari', phone: '+6281266667777' });
    const made = (await (await register('admin', { trackingNumber: own.trackingNumber, verification: 'IN_PERSON', identityDocumentKind: 'KTP' })).json()) as { id: string };
    const res = await as('admin').get(`/data-requests/${made.id}/export.zip`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="data-pribadi-.*\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const jsonName = Object.keys(files).find((n) => n.endsWith('.json')) ?? '';
    expect(Object.keys(files).some((n) => n.endsWith('.pdf'))).toBe(true);
    const exported = JSON.parse(Buffer.from(files[jsonName]).toString('utf8')) as { complaints: { complaintId: string; timeline: { type: string; status: string; actorRole: string | null }[] }[] };
    expect(exported.complaints).toEqual([expect.objectContaining({ complaintId: own.id, timeline: [expect.objectContaining({ type: 'complaint.received', status: 'RECEIVED' })] })]);
    expect(JSON.stringify(exported)).not.toContain(officers.admin.id);
    expect((await as('otherAdmin').get(`/data-requests/${made.id}/export.zip`)).status).toBe(404);
    expect((await as('kepala').get(`/data-requests/${made.id}/export.zip`)).status).toBe(403);
  });
});
