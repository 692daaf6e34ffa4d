import { SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// docs/adr/0055: the answers to post on SP4N-LAPOR!, read from the log's projection.

interface LaporPosting {
  complaintId: string;
  trackingNumber: string;
  laporReportNumber: string;
  openedAt: string;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const tokens: Record<string, string> = {};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));

const complaints = {
  older: new ComplaintHistory({ officeCode: 'BLP', channel: 'LAPOR', start: day(10, 1) }),
  newer: new ComplaintHistory({ officeCode: 'BLP', channel: 'LAPOR', start: day(12, 1) }),
  posted: new ComplaintHistory({ officeCode: 'BLP', channel: 'LAPOR', start: day(9, 1) }),
  stillAtTeam: new ComplaintHistory({ officeCode: 'BLP', channel: 'LAPOR', start: day(11, 1) }),
  whatsapp: new ComplaintHistory({ officeCode: 'BLP', channel: 'WHATSAPP', start: day(10, 2) }),
  otherOffice: new ComplaintHistory({ officeCode: 'TPI', channel: 'LAPOR', start: day(10, 1) }),
};

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { clock: new SettableClock(day(20)) });
  const c = complaints;
  for (const h of [c.older, c.newer, c.whatsapp, c.otherOffice]) await gateway.seed(...h.until('REPORTER_INFORMED').envelopes);
  await gateway.seed(...c.stillAtTeam.until('TEAM_FORMED').envelopes);
  c.posted.until('REPORTER_INFORMED');
  c.posted.when({ type: 'recordDelivery', actor: c.posted.officers.admin, channel: 'LAPOR', method: 'LAPOR_POSTED', deliveredAt: day(9, 23).toISOString(), note: 'Diposting' }, day(9, 23));
  await gateway.seed(...c.posted.envelopes);
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    otherOfficeAdmin: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
  } as const)) {
    tokens[name] = (await gateway.officer(officer)).token;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function postings(officer: string, query = ''): Promise<{ items: LaporPosting[]; total: number }> {
  const res = await api(gateway, tokens[officer]).get(`/lapor-postings${query}`);
  if (res.status !== 200) throw new Error(`GET /lapor-postings${query} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { items: LaporPosting[]; total: number };
}

describe('the posting tasks of an office (Posting di LAPOR!)', () => {
  it('hold for Admin Tikkim the LAPOR! answers written and not yet posted, oldest first, with their report numbers, and nothing of another office', async () => {
    const { items, total } = await postings('admin');
    expect(total).toBe(2);
    expect(items.map((i) => i.complaintId)).toEqual([complaints.older.complaintId, complaints.newer.complaintId]);
    expect(items[0]).toEqual({
      complaintId: complaints.older.complaintId,
      trackingNumber: complaints.older.trackingNumber,
      laporReportNumber: complaints.older.trackingNumber.replace(/\D/g, '').slice(-12),
      openedAt: expect.any(String),
    });
    expect((await postings('otherOfficeAdmin')).items.map((i) => i.complaintId)).toEqual([complaints.otherOffice.complaintId]);
  });

  it('pages, and counts all when the page is past the end', async () => {
    expect((await postings('admin', '?limit=1&offset=1')).items.map((i) => i.complaintId)).toEqual([complaints.newer.complaintId]);
    expect(await postings('admin', '?limit=1&offset=5')).toMatchObject({ items: [], total: 2 });
  });

  it('refuses every other role with 403 CALL_TASK.FORBIDDEN_ROLE', async () => {
    const res = await api(gateway, tokens['kepala']).get('/lapor-postings');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CALL_TASK.FORBIDDEN_ROLE' });
  });

  it('shows the report number on the complaint view, and the posting in the timeline', async () => {
    const view = await api(gateway, tokens['admin']).get(`/complaints/${complaints.posted.complaintId}`);
    expect(view.status).toBe(200);
    const body = (await view.json()) as { channel: string; laporReportNumber?: string; status: string };
    expect(body).toMatchObject({ channel: 'LAPOR', status: 'CLOSED', laporReportNumber: complaints.posted.trackingNumber.replace(/\D/g, '').slice(-12) });
    const timeline = (await (await api(gateway, tokens['admin']).get(`/complaints/${complaints.posted.complaintId}/timeline`)).json()) as { events: { summary: string }[] };
    expect(timeline.events.map((e) => e.summary).join('\n')).toMatch(/nomor laporan LAPOR! \d+[\s\S]*diposting di LAPOR!/);
    const whatsapp = (await (await api(gateway, tokens['admin']).get(`/complaints/${complaints.whatsapp.complaintId}`)).json()) as { laporReportNumber?: string };
    expect(whatsapp.laporReportNumber).toBeUndefined();
  });
});
