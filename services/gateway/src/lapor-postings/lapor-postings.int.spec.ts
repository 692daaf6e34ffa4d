import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NotificationService, type GetFollowUpInformationRequest } from '@pengaduan/contracts';
import { ServiceError, SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// docs/adr/0055: the answers to post on SP4N-LAPOR!, read from the log's projection.

interface LaporPosting {
  complaintId: string;
  trackingNumber: string;
  laporReportNumber: string;
  openedAt: string;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
/** notification as the gateway sees it: the text written for the office's complaints (its own test: lapor-posting.int.spec.ts). */
const POSTED_TEXT = 'Yth. Pelapor, laporan Anda telah ditindaklanjuti: petugas loket telah diberi pembinaan.';
const written = new Map<string, string>();
let notification: StandIn<typeof NotificationService.method>;
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
  const c = complaints;
  written.set(`${c.older.complaintId}@BLP`, POSTED_TEXT);
  notification = await new StandIn(NotificationService, {
    getFollowUpInformation: (r: GetFollowUpInformationRequest) => {
      const text = written.get(`${r.complaintId}@${r.officeCode}`);
      if (!text) throw new ServiceError('not-found', 'DOCUMENT.NOT_FOUND', 'no follow-up information is written');
      return { informationId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f', text, writtenAt: timestampFromDate(day(11)) };
    },
  }).start();
  isolation = await isolate();
  gateway = await startGateway({ notification: notification.address }, isolation, { clock: new SettableClock(day(20)) });
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
  await notification?.stop();
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

describe('the text to post on LAPOR! (GET /lapor-postings/{id}/text)', () => {
  it('gives Admin Tikkim the follow-up information exactly as written, with the report number to post it under', async () => {
    const res = await api(gateway, tokens['admin']).get(`/lapor-postings/${complaints.older.complaintId}/text`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      complaintId: complaints.older.complaintId,
      trackingNumber: complaints.older.trackingNumber,
      laporReportNumber: complaints.older.trackingNumber.replace(/\D/g, '').slice(-12),
      text: POSTED_TEXT,
      writtenAt: day(11).toISOString(),
    });
    expect(notification.requests('getFollowUpInformation').at(-1)).toMatchObject({ complaintId: complaints.older.complaintId, officeCode: 'BLP' });
  });

  it("answers another office's Admin Tikkim 404 as for no complaint, and never asks notification", async () => {
    const before = notification.requests('getFollowUpInformation').length;
    const res = await api(gateway, tokens['otherOfficeAdmin']).get(`/lapor-postings/${complaints.older.complaintId}/text`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(notification.requests('getFollowUpInformation')).toHaveLength(before);
  });

  it('refuses the head of office (403), an id that is no UUID (400 naming it), and answers 404 DOCUMENT.NOT_FOUND before the text is written', async () => {
    const forbidden = await api(gateway, tokens['kepala']).get(`/lapor-postings/${complaints.older.complaintId}/text`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ code: 'CALL_TASK.FORBIDDEN_ROLE' });
    const bad = await api(gateway, tokens['admin']).get(`/lapor-postings/${encodeURIComponent("1' OR '1'='1")}/text`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('id');
    const none = await api(gateway, tokens['admin']).get(`/lapor-postings/${complaints.stillAtTeam.complaintId}/text`);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ code: 'DOCUMENT.NOT_FOUND' });
  });
});
