// The complainant's rights under UU 27/2022 (docs/adr/0056) over real sockets: intake runs as its
// own process (its own schema, gRPC on a port of its own), the gateway in-process on the run's
// Postgres and Kafka. Access requests with their export, correction and restriction, and the
// attacks on them: another office, another role, absent and forged tokens, a reused key.
import { Channel, IntakeService } from '@pengaduan/contracts';
import { ComplaintHistory, GrpcTestClient, randomOfficeCode, type MethodsOf } from '@pengaduan/testing';
import { SettableClock } from '@pengaduan/runtime';
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

    const handed = await as('admin').post(`/data-requests/${request.id}/handed-over`, { how: 'Diserahkan langsung di loket' });
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
    expect((await as('otherAdmin').post(`/data-requests/${made.id}/handed-over`, { how: 'lewat surel' })).status).toBe(404);
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
    expect(await as('otherAdmin').post(`/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 404 });
    expect(await as('kepala').post(`/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 403 });
    const restricted = await as('admin').post(`/complaints/${id}/contact-restriction`, reason);
    expect(await restricted.json()).toEqual({ restricted: true, changedFields: [] });
    expect(await as('admin').post(`/complaints/${id}/contact-restriction`, reason)).toMatchObject({ status: 409 });
    expect(await as('admin').json(`/complaints/${id}/messages?purpose=CONFIRM`)).toMatchObject({ contact: null, contactWithheld: true, contactRestricted: true });

    expect(await (await as('admin').post(`/complaints/${id}/contact-restriction/lift`, { reason: 'Pelapor mencabut permintaannya.' })).json()).toMatchObject({ restricted: false });
    const corrected = await as('admin').post(`/complaints/${id}/contact-correction`, { reason: 'Nomor telepon pelapor sudah berganti.', contact: { ...person, phone: '+6281311112222' } });
    expect(await corrected.json()).toEqual({ restricted: false, changedFields: ['phone'] });
    expect(await as('admin').json(`/complaints/${id}/messages?purpose=CONFIRM`)).toMatchObject({ contact: { ...person, phone: '+6281311112222' }, contactRestricted: false });
    expect(await as('admin').post(`/complaints/${id}/contact-correction`, { reason: 'x', contact: person })).toMatchObject({ status: 400 });
  });
});
