import { ComplaintHistory, eventually } from '@pengaduan/testing';
import { v7 as uuidv7 } from 'uuid';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

interface View {
  id: string;
  trackingNumber: string;
  status: string;
  lastEventType: string;
  currentStep: { stepId: string; dueAt: string; sectionCodes?: string[] } | null;
  availableActions?: string[];
  outputs?: Record<string, unknown>;
  version?: number;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const officers: Record<'admin' | 'kepala' | 'auditor' | 'inteldakim' | 'otherOffice', string> = { admin: '', kepala: '', auditor: '', inteldakim: '', otherOffice: '' };

beforeAll(async () => {
  isolation = await isolate();
  // Reads never call a service: they come from the read model alone.
  gateway = await startGateway({}, isolation);
  officers.admin = (await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: 'BLP' })).token;
  officers.kepala = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'BLP' })).token;
  officers.auditor = (await gateway.officer({ role: 'AUDITOR', officeCode: 'BLP' })).token;
  officers.inteldakim = (await gateway.officer({ role: 'SEKSI_TERKAIT', officeCode: 'BLP', sectionCode: 'INTELDAKIM' })).token;
  officers.otherOffice = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: 'TPI' })).token;
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

const get = <T>(token: string, path: string): Promise<T> => api(gateway, token).json<T>(path);

async function list(token: string, query: string): Promise<string[]> {
  return (await get<{ items: View[] }>(token, `/complaints${query}`)).items.map((v) => v.id);
}

describe('officers read a complaint from the read model', () => {
  it('shows a complaint once its events arrive over the stream, with its step, what the officer may do, and its outputs', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z'), channel: 'SMS' });
    await gateway.publish(...history.received(), ...history.confirmed('02', 'Antrean paspor melebihi jam layanan'));

    const view = await eventually(
      async () => {
        const res = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}`);
        const body = res.status === 200 ? ((await res.json()) as View) : undefined;
        return body?.status === 'CONFIRMED' ? body : undefined;
      },
      30_000,
      'the confirmed complaint',
    );
    expect(view).toEqual({
      id: history.complaintId,
      officeCode: 'BLP',
      trackingNumber: history.trackingNumber,
      channel: 'SMS',
      status: 'CONFIRMED',
      anonymous: false,
      confidential: false,
      receivedAt: '2026-03-14T01:00:00.000Z',
      updatedAt: '2026-03-14T02:00:00.000Z',
      lastEventType: 'complaint.confirmed',
      classificationCode: '02',
      summary: 'Antrean paspor melebihi jam layanan',
      currentStep: { stepId: 'DISPOSE_AND_PROCESS', startedAt: '2026-03-14T02:00:00.000Z', dueAt: '2026-03-14T14:00:00.000Z' },
      sections: [],
      pendingSections: [],
      deadlines: [],
      availableActions: ['dispose'],
      // Only Admin Tikkim calls the complainant (docs/adr/0051).
      callPurposes: [],
      outputs: {
        confirmation: { classificationCode: '02', summary: 'Antrean paspor melebihi jam layanan', anonymous: false, confidential: false, at: '2026-03-14T02:00:00.000Z' },
        dismissal: null,
        disposition: null,
        sectionResponses: [],
        analysis: null,
        followUpDecision: null,
        teamDecree: null,
        followUpInformation: null,
        delivery: null,
        deliveryAbandoned: null,
        rating: null,
        appeal: null,
        appealReview: null,
        feedbackRounds: [],
      },
      version: 2,
    });
  });

  it('tags a view with its version: If-None-Match answers 304 until the complaint moves, and the tag names the version', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received(), ...history.confirmed());
    const first = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}`);
    const tag = first.headers.get('etag') ?? '';
    expect(tag).toMatch(/^"2\.[A-Za-z0-9_-]{16}"$/);
    expect(((await first.json()) as View).version).toBe(2);

    const same = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}`, { 'If-None-Match': tag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect((await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}`, { 'If-None-Match': `W/${tag}, "1.x"` })).status).toBe(304);

    await gateway.seed(...history.disposedTo(['INTELDAKIM']));
    const moved = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}`, { 'If-None-Match': tag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toMatch(/^"3\./);
    // Lists carry each complaint's version too.
    const listed = await get<{ items: View[] }>(officers.kepala, `/complaints?trackingNumber=${history.trackingNumber}`);
    expect(listed.items.map((v) => v.version)).toEqual([3]);
  });

  it('waits for ?minVersion= until the view shows it, so a client that acted never polls', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received(), ...history.confirmed());
    const waiting = api(gateway, officers.kepala).get(`/complaints/${history.complaintId}?minVersion=3`);
    await gateway.publish(...history.disposedTo(['INTELDAKIM']));
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'DISPOSED', version: 3 });
  });

  it('answers 409 COMPLAINT.NOT_CAUGHT_UP with Retry-After when minVersion does not come, 400 for a bad one, 404 for another office', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received());
    const late = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}?minVersion=9`);
    expect(late.status).toBe(409);
    expect(late.headers.get('retry-after')).toBe('1');
    expect(await late.json()).toMatchObject({ code: 'COMPLAINT.NOT_CAUGHT_UP', state: 'RECEIVED', version: 1 });
    for (const bad of ['0', '-1', 'x', '1.5', '9999999999', '']) {
      const res = await api(gateway, officers.kepala).get(`/complaints/${history.complaintId}?minVersion=${bad}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errors: [{ field: 'minVersion' }] });
    }
    expect((await api(gateway, officers.otherOffice).get(`/complaints/${history.complaintId}?minVersion=1`)).status).toBe(404);
  });

  it('offers each officer only what the SOP lets them do now, and the auditor nothing', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received(), ...history.confirmed(), ...history.disposedTo(['INTELDAKIM', 'LANTASKIM']));
    const actionsOf = async (token: string) => (await get<View>(token, `/complaints/${history.complaintId}`)).availableActions;
    expect(await actionsOf(officers.inteldakim)).toEqual(['respondAsSection']);
    expect(await actionsOf(officers.kepala)).toEqual([]);
    expect(await actionsOf(officers.auditor)).toEqual([]);
    // The admin may always add a reporter's message to an open complaint.
    expect(await actionsOf(officers.admin)).toEqual(['appendMessage']);
    expect((await get<View>(officers.inteldakim, `/complaints/${history.complaintId}`)).currentStep).toMatchObject({ stepId: 'SECTION_RESPONSE', sectionCodes: ['INTELDAKIM'] });
  });

  it('answers 404 for a complaint of another office, exactly as for one that does not exist', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    await gateway.seed(...history.received());
    const missing = uuidv7();
    for (const path of ['', '/timeline']) {
      const other = await api(gateway, officers.otherOffice).get(`/complaints/${history.complaintId}${path}`);
      const none = await api(gateway, officers.otherOffice).get(`/complaints/${missing}${path}`);
      expect([other.status, none.status]).toEqual([404, 404]);
      const [a, b] = (await Promise.all([other.json(), none.json()])) as Record<string, string>[];
      expect(a).toEqual({ ...b, detail: b['detail'].replace(missing, history.complaintId), instance: b['instance'].replace(missing, history.complaintId) });
      expect(a).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    }
    expect(await list(officers.otherOffice, `?trackingNumber=${history.trackingNumber}`)).toEqual([]);
  });

  it('answers 400 for an id that is no UUID', async () => {
    const res = await api(gateway, officers.admin).get('/complaints/BLP-2026-000042');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'id', message: 'id must be a UUID' }] });
  });

  it('shows the timeline: every event once, in order, with the officer who acted', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    const events = [...history.received(), ...history.confirmed(), ...history.disposedTo(['INTELDAKIM'])];
    await gateway.seed(...events);
    const { events: items } = await get<{ events: { id: string; position: number; type: string; actorRole: string | null; status: string; summary: string }[] }>(
      officers.auditor,
      `/complaints/${history.complaintId}/timeline`,
    );
    expect(items.map((e) => [e.position, e.type, e.status])).toEqual([
      [1, 'complaint.received', 'RECEIVED'],
      [2, 'complaint.confirmed', 'CONFIRMED'],
      [3, 'complaint.disposed', 'DISPOSED'],
    ]);
    expect(items.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(items[0]).toMatchObject({ actorRole: null, actorService: 'intake', at: events[0].time });
    expect(items[0]).not.toHaveProperty('actorUserId');
    expect(items[1]).toMatchObject({ actorRole: 'ADMIN_TIKKIM', actorUserId: 'u-admin-blp' });
    expect(items[1]).not.toHaveProperty('actorService');
    expect(items[2].summary).toBe('Didisposisikan ke INTELDAKIM (Lembar Disposisi LD/BLP/2026/000001)');
  });

  it('shows each round after closing: the rating, by whom, the appeal and its origin, the head of office’s decision (docs/adr/0053)', async () => {
    const h = new ComplaintHistory({ officeCode: 'BLP' }).until('CLOSED');
    h.when({ type: 'rate', actor: { kind: 'system', service: 'intake' }, rating: 2, hasComment: true, appealWindowDays: 14 });
    h.when({ type: 'reviewAppeal', actor: h.officers.kepalaKantor, decision: 'REDISPOSE' });
    h.until('CLOSED');
    h.when({ type: 'rate', actor: h.officers.admin, rating: 5, hasComment: false, appealWindowDays: 14 });
    h.when({ type: 'appeal', actor: h.officers.admin, hasReason: true, appealWindowDays: 14 });
    h.when({ type: 'reviewAppeal', actor: h.officers.kepalaKantor, decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan' });
    await gateway.seed(...h.envelopes);
    const { outputs } = await get<View>(officers.kepala, `/complaints/${h.complaintId}`);
    expect(outputs?.['feedbackRounds']).toEqual([
      {
        rating: { rating: 2, hasComment: true, withinAppealWindow: true, by: 'REPORTER', at: expect.any(String) },
        appeal: { trigger: 'POOR_RATING', hasReason: true, by: 'REPORTER', at: expect.any(String) },
        review: { decision: 'REDISPOSE', at: expect.any(String) },
      },
      {
        rating: { rating: 5, hasComment: false, withinAppealWindow: true, by: 'OFFICER', at: expect.any(String) },
        appeal: { trigger: 'REQUEST', hasReason: true, by: 'OFFICER', at: expect.any(String) },
        review: { decision: 'UPHOLD', reason: 'Jawaban sudah sesuai ketentuan', at: expect.any(String) },
      },
    ]);
    // The last of each stays where it was.
    expect(outputs).toMatchObject({ rating: { rating: 5 }, appeal: { trigger: 'REQUEST' }, appealReview: { decision: 'UPHOLD' } });
  });

  it('shows nothing about the reporter of an anonymous complaint to any officer', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', anonymous: true });
    await gateway.seed(...history.received(), ...history.confirmed());
    const reporterRef = ((await gateway.runtime.dataSource.query('SELECT reporter_ref FROM complaint_view WHERE id = $1', [history.complaintId])) as { reporter_ref: string }[])[0].reporter_ref;
    for (const token of Object.values(officers).slice(0, 4)) {
      const seen = JSON.stringify([
        await get(token, `/complaints/${history.complaintId}`),
        await get(token, `/complaints/${history.complaintId}/timeline`),
        await get(token, `/complaints?trackingNumber=${history.trackingNumber}`),
      ]);
      expect(seen).toContain('"anonymous":true');
      expect(seen).not.toContain(reporterRef);
      expect(seen).not.toMatch(/reporter|contact|phone|email/i);
    }
  });
});

describe("officers list their office's complaints", () => {
  const at = (day: number) => new Date(Date.UTC(2027, 0, day, 3));
  const histories = {
    whatsappReceived: new ComplaintHistory({ officeCode: 'BLP', channel: 'WHATSAPP', start: at(1), trackingNumber: 'BLP-2027-000101' }),
    smsConfirmed: new ComplaintHistory({ officeCode: 'BLP', channel: 'SMS', start: at(2), trackingNumber: 'BLP-2027-000102' }),
    phoneConfirmed: new ComplaintHistory({ officeCode: 'BLP', channel: 'PHONE', start: at(3), trackingNumber: 'BLP-2027-000103' }),
    otherOffice: new ComplaintHistory({ officeCode: 'TPI', channel: 'SMS', start: at(2), trackingNumber: 'TPI-2027-000104' }),
  };

  beforeAll(async () => {
    await gateway.seed(...histories.whatsappReceived.received());
    await gateway.seed(...histories.smsConfirmed.received(), ...histories.smsConfirmed.confirmed('02', 'Antrean terlalu panjang di loket 3'));
    await gateway.seed(...histories.phoneConfirmed.received(), ...histories.phoneConfirmed.confirmed('03', 'Pungutan 100% tanpa kuitansi'));
    await gateway.seed(...histories.otherOffice.received(), ...histories.otherOffice.confirmed('02', 'Antrean di TPI'));
  });

  const ids = (...names: (keyof typeof histories)[]) => names.map((n) => histories[n].complaintId);
  const inJanuary = `from=${encodeURIComponent('2027-01-01T00:00:00+07:00')}&to=${encodeURIComponent('2027-02-01T00:00:00+07:00')}`;

  it('newest received first, only their office', async () => {
    expect(await list(officers.kepala, `?${inJanuary}`)).toEqual(ids('phoneConfirmed', 'smsConfirmed', 'whatsappReceived'));
    expect(await list(officers.otherOffice, `?${inJanuary}`)).toEqual(ids('otherOffice'));
  });

  it('by status, channel and classification', async () => {
    expect(await list(officers.kepala, `?${inJanuary}&status=CONFIRMED`)).toEqual(ids('phoneConfirmed', 'smsConfirmed'));
    expect(await list(officers.kepala, `?${inJanuary}&channel=SMS`)).toEqual(ids('smsConfirmed'));
    expect(await list(officers.kepala, `?${inJanuary}&classificationCode=03`)).toEqual(ids('phoneConfirmed'));
    expect(await list(officers.kepala, `?${inJanuary}&status=CLOSED`)).toEqual([]);
  });

  it('by the time they were received', async () => {
    const from = encodeURIComponent(at(2).toISOString());
    const to = encodeURIComponent(at(3).toISOString());
    expect(await list(officers.kepala, `?from=${from}&to=${to}`)).toEqual(ids('smsConfirmed'));
  });

  // Searching by words (q) asks intake too: complaint-search.int.spec.ts.

  it('a page at a time, with the total', async () => {
    const page = await get<{ items: View[]; total: number; limit: number; offset: number }>(officers.kepala, `/complaints?${inJanuary}&limit=2&offset=1`);
    expect({ ...page, items: page.items.map((v) => v.id) }).toEqual({ items: ids('smsConfirmed', 'whatsappReceived'), total: 3, limit: 2, offset: 1 });
  });

  it('refuses a filter it does not know and an office filter', async () => {
    const res = await api(gateway, officers.kepala).get('/complaints?limit=201&sort=asc&officeCode=TPI');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['limit', 'officeCode', 'sort']);
  });
});
