// Who reads the complainant's contact, and the processing record of every read (docs/adr/0029),
// over real sockets: intake runs as its own process (its own schema, gRPC on a port of its own),
// the gateway in-process on the run's Postgres and Kafka; every request goes over HTTP to the
// gateway and over gRPC to intake. Nothing is stood in.
import { Channel, IntakeService } from '@pengaduan/contracts';
import { ComplaintHistory, GrpcTestClient, randomOfficeCode, type MethodsOf } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { startIntakeProcess, type IntakeProcess } from '../__fixtures__/intake-process';
import type { OfficerRole } from '../auth/authenticated-user';

const office = randomOfficeCode();
const otherOffice = randomOfficeCode();
const contact = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id' };
const REASON = 'Aduan ini mengenai Admin Tikkim sendiri; kepala kantor harus menelepon pelapor.';

let intake: IntakeProcess;
let grpc: GrpcTestClient<MethodsOf<typeof IntakeService>>;
let isolation: GatewayIsolation;
let gateway: TestGateway;

type Who = 'admin' | 'kepala' | 'seksi' | 'kasiTi' | 'tim' | 'auditor' | 'otherAdmin' | 'otherKepala';
const officers = {} as Record<Who, { token: string; id: string }>;
const ROLE_OF: Record<Who, [OfficerRole, string, string?]> = {
  admin: ['ADMIN_TIKKIM', office],
  kepala: ['KEPALA_KANTOR', office],
  seksi: ['SEKSI_TERKAIT', office, 'INTELDAKIM'],
  kasiTi: ['KEPALA_SEKSI_TI', office],
  tim: ['TIM_PENANGANAN', office],
  auditor: ['AUDITOR', office],
  otherAdmin: ['ADMIN_TIKKIM', otherOffice],
  otherKepala: ['KEPALA_KANTOR', otherOffice],
};

beforeAll(async () => {
  intake = await startIntakeProcess('contact_access');
  grpc = new GrpcTestClient(IntakeService, intake.grpcAddress);

  isolation = await isolate();
  gateway = await startGateway({ intake: intake.grpcAddress }, isolation);
  for (const [who, [role, officeCode, sectionCode]] of Object.entries(ROLE_OF) as [Who, [OfficerRole, string, string?]][]) {
    const o = await gateway.officer({ role, officeCode, ...(sectionCode ? { sectionCode } : {}) });
    officers[who] = { token: o.token, id: o.id };
  }
}, 180_000);

afterAll(async () => {
  grpc?.close();
  await gateway?.stop();
  await removeIsolation(isolation);
  await intake?.stop();
});

/** A complaint Admin Tikkim registered in intake, with the gateway's read model knowing it (received, not yet confirmed). */
async function complaint(options: { anonymous?: boolean } = {}): Promise<{ id: string; reporterRef: string }> {
  const registered = await grpc.call('registerComplaint', {
    requestId: randomUUID(),
    officeCode: office,
    channel: Channel.PHONE,
    text: 'Petugas loket meminta uang tambahan untuk paspor saya.',
    contact,
    anonymous: options.anonymous ?? false,
    actor: { userId: officers.admin.id, role: 'ADMIN_TIKKIM', officeCode: office },
  });
  const history = new ComplaintHistory({ complaintId: registered.complaintId, officeCode: office, channel: 'PHONE', trackingNumber: registered.trackingNumber, ...options });
  await gateway.seed(...history.received());
  const read = await grpc.call('getComplaint', { complaintId: registered.complaintId, actor: { userId: officers.auditor.id, role: 'AUDITOR', officeCode: office } });
  return { id: registered.complaintId, reporterRef: read.complaint?.reporterRef ?? '' };
}

interface Messages {
  contact: Record<string, string> | null;
  contactWithheld: boolean;
  contactRedacted: boolean;
  contactPurpose: string | null;
  contactPurposes: string[];
}

interface RecordPage {
  items: {
    complaintId: string;
    at: string;
    actor: { kind: string; userId?: string; username?: string; role?: string; officeCode?: string; service?: string };
    purpose: string;
    reason: string | null;
    fields: string[];
    outcome: string;
    refusalCode: string | null;
    channel: string | null;
  }[];
  nextPageToken: string | null;
}

const messages = (who: Who, id: string, query = '') => api(gateway, officers[who].token).get(`/complaints/${id}/messages${query}`);
/** A read with a reason, in the body: the head of office's break-glass. */
const breakGlass = (who: Who, id: string, reason?: string) => api(gateway, officers[who].token).post(`/complaints/${id}/messages/contact-reads`, { purpose: 'BREAK_GLASS', ...(reason === undefined ? {} : { reason }) });

async function recordOf(id: string, who: Who = 'kepala'): Promise<RecordPage['items']> {
  const res = await api(gateway, officers[who].token).get(`/processing-record?complaintId=${id}`);
  if (res.status !== 200) throw new Error(`processing record answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as RecordPage).items;
}

describe("the complainant's contact on a complaint's page", () => {
  it('shows it to admin tikkim for the step they take now, and records who, when, which complaint, why and what', async () => {
    const { id } = await complaint();
    const before = Date.now();
    const res = await messages('admin', id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contact, contactWithheld: false, contactRedacted: false, contactPurpose: 'CONFIRM', contactPurposes: ['CONFIRM', 'INFORM_REPORTER', 'DELIVERY_BY_PHONE'] });

    const rows = await recordOf(id);
    expect(rows).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        complaintId: id,
        actor: { kind: 'user', userId: officers.admin.id, username: expect.stringMatching(/^admin\.tikkim\./), displayName: 'Test ADMIN_TIKKIM', role: 'ADMIN_TIKKIM', officeCode: office },
        purpose: 'CONFIRM',
        reason: null,
        fields: ['name', 'phone', 'email'],
        outcome: 'READ',
        refusalCode: null,
        channel: null,
      },
    ]);
    expect(new Date(rows[0]?.at ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Each read is one more row.
    await messages('admin', id);
    expect(await recordOf(id)).toHaveLength(2);
  });

  it.each<Who>(['kepala', 'seksi', 'kasiTi', 'tim', 'auditor'])('withholds it from %s, who leaves no row', async (who) => {
    const { id } = await complaint();
    const res = await messages(who, id);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Messages;
    expect(body).toMatchObject({ contact: null, contactWithheld: true, contactRedacted: false, contactPurpose: null });
    expect(JSON.stringify(body)).not.toContain(contact.phone);
    expect(await recordOf(id)).toEqual([]);
  });

  it('refuses a purpose the role may not state (403) and records the refused attempt', async () => {
    const { id } = await complaint();
    const res = await messages('seksi', id, '?purpose=CONFIRM');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CONTACT.PURPOSE_NOT_ALLOWED' });
    expect(await recordOf(id)).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ role: 'SEKSI_TERKAIT' }), purpose: 'CONFIRM', fields: [], outcome: 'REFUSED', refusalCode: 'CONTACT.PURPOSE_NOT_ALLOWED' }),
    ]);
  });

  it('lets the head of office break the glass with a reason, recorded with it; never for an anonymous complaint', async () => {
    const { id } = await complaint();
    expect((await messages('kepala', id, '?purpose=BREAK_GLASS')).status).toBe(400);
    expect((await breakGlass('kepala', id)).status).toBe(400);
    // The reason is never taken from a URL, where proxies log it.
    expect((await messages('kepala', id, `?purpose=BREAK_GLASS&reason=${encodeURIComponent(REASON)}`)).status).toBe(400);
    const res = await breakGlass('kepala', id, REASON);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contact, contactWithheld: false, contactPurpose: 'BREAK_GLASS', contactPurposes: ['BREAK_GLASS'] });
    expect(await recordOf(id, 'auditor')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ role: 'KEPALA_KANTOR' }), purpose: 'BREAK_GLASS', reason: REASON, outcome: 'READ' })]);

    const anonymous = await complaint({ anonymous: true });
    const refused = await breakGlass('kepala', anonymous.id, REASON);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'CONTACT.ANONYMOUS' });
    const plain = (await (await messages('kepala', anonymous.id)).json()) as Messages;
    expect(plain).toMatchObject({ contact: null, contactWithheld: true, contactRedacted: true });
  });

  it("answers 404 to another office's officers and records nothing", async () => {
    const { id } = await complaint();
    expect((await messages('otherAdmin', id)).status).toBe(404);
    expect((await breakGlass('otherKepala', id, REASON)).status).toBe(404);
    expect(await recordOf(id)).toEqual([]);
  });
});

describe('the processing record', () => {
  it("records notification's resolve of the reporter's address as the system, with its purpose", async () => {
    const { id, reporterRef } = await complaint();
    const address = await grpc.call('resolveReporterAddress', { complaintId: id, reporterRef, channel: Channel.SMS, purpose: 'SEND_FOLLOW_UP' });
    expect(address).toMatchObject({ found: true, recipient: contact.phone });
    expect(await recordOf(id)).toEqual([
      expect.objectContaining({ actor: { kind: 'system', service: 'notification' }, purpose: 'SEND_FOLLOW_UP', fields: ['phone'], channel: 'SMS', outcome: 'READ' }),
    ]);
  });

  it('is read by the head of office and the auditor, a page at a time, without the contact; refused to every other role', async () => {
    const { id } = await complaint();
    for (let i = 0; i < 3; i++) await messages('admin', id);
    const first = (await (await api(gateway, officers.auditor.token).get(`/processing-record?complaintId=${id}&limit=2`)).json()) as RecordPage;
    expect(first.items).toHaveLength(2);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = (await (await api(gateway, officers.kepala.token).get(`/processing-record?complaintId=${id}&limit=2&pageToken=${first.nextPageToken}`)).json()) as RecordPage;
    expect(second.items).toHaveLength(1);
    expect(second.nextPageToken).toBeNull();
    expect(JSON.stringify([first, second])).not.toMatch(/6281234567890|siti\.rahayu|Siti Rahayu/);

    const period = await api(gateway, officers.kepala.token).get(`/processing-record?from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(period.status).toBe(200);
    expect(((await period.json()) as RecordPage).items.filter((r) => r.complaintId === id)).toHaveLength(3);

    for (const who of ['admin', 'seksi', 'kasiTi', 'tim'] as const) {
      const res = await api(gateway, officers[who].token).get(`/processing-record?complaintId=${id}`);
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
  });

  it("shows another office's head nothing of this office: 404 for its complaint, none of its rows in a period", async () => {
    const { id } = await complaint();
    await messages('admin', id);
    expect((await api(gateway, officers.otherKepala.token).get(`/processing-record?complaintId=${id}`)).status).toBe(404);
    const res = await api(gateway, officers.otherKepala.token).get('/processing-record');
    expect(res.status).toBe(200);
    expect(((await res.json()) as RecordPage).items.filter((r) => r.complaintId === id)).toEqual([]);
  });
});
