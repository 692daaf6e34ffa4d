import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NotificationPurpose, NotificationService, type ListComplaintStatusMessagesRequest } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// docs/adr/0054: the status messages sent to the complainant, shown on the complaint page, read
// from notification's journal (its own test of the read: status-messages.int.spec.ts there).

let isolation: GatewayIsolation;
let gateway: TestGateway;
let notification: StandIn<typeof NotificationService.method>;
const tokens: Record<string, string> = {};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));
const own = new ComplaintHistory({ officeCode: 'BLP', channel: 'WHATSAPP', start: day(10, 1) });
const other = new ComplaintHistory({ officeCode: 'TPI', channel: 'WHATSAPP', start: day(10, 1) });

beforeAll(async () => {
  notification = await new StandIn(NotificationService, {
    listComplaintStatusMessages: (r: ListComplaintStatusMessagesRequest) => ({
      messages:
        r.complaintId === own.complaintId && r.officeCode === 'BLP'
          ? [
              {
                notificationId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e51',
                purpose: NotificationPurpose.STATUS_CONFIRMED,
                channel: 'WHATSAPP',
                outcome: 'READ',
                queuedAt: timestampFromDate(day(10, 2)),
                sentAt: timestampFromDate(day(10, 2)),
                deliveredAt: timestampFromDate(day(10, 3)),
                readAt: timestampFromDate(day(10, 4)),
              },
              { notificationId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e52', purpose: NotificationPurpose.STATUS_DISPOSED, channel: 'WHATSAPP', outcome: 'UNDELIVERED', queuedAt: timestampFromDate(day(11)) },
            ]
          : [],
    }),
  }).start();
  isolation = await isolate();
  gateway = await startGateway({ notification: notification.address }, isolation, { clock: new SettableClock(day(20)) });
  await gateway.seed(...own.until('DISPOSED').envelopes, ...other.until('DISPOSED').envelopes);
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    otherOfficeAdmin: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
    operator: { role: 'OPERATOR', officeCode: 'BLP' },
  } as const)) {
    tokens[name] = (await gateway.officer(officer)).token;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await notification?.stop();
  await removeIsolation(isolation);
});

describe('GET /complaints/{id}/status-messages', () => {
  it("shows the office's officers each status message with its channel, outcome and receipt times, and no address", async () => {
    for (const who of ['admin', 'kepala']) {
      const res = await api(gateway, tokens[who]).get(`/complaints/${own.complaintId}/status-messages`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: Record<string, unknown>[] };
      expect(body.items).toEqual([
        {
          notificationId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e51',
          purpose: 'STATUS_CONFIRMED',
          channel: 'WHATSAPP',
          outcome: 'READ',
          queuedAt: day(10, 2).toISOString(),
          sentAt: day(10, 2).toISOString(),
          deliveredAt: day(10, 3).toISOString(),
          readAt: day(10, 4).toISOString(),
        },
        { notificationId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e52', purpose: 'STATUS_DISPOSED', channel: 'WHATSAPP', outcome: 'UNDELIVERED', queuedAt: day(11).toISOString(), sentAt: null, deliveredAt: null, readAt: null },
      ]);
    }
    expect(notification.requests('listComplaintStatusMessages').at(-1)).toMatchObject({ complaintId: own.complaintId, officeCode: 'BLP' });
  });

  it("answers another office's officer 404 as for no complaint, and never asks notification", async () => {
    const before = notification.requests('listComplaintStatusMessages').length;
    const res = await api(gateway, tokens['otherOfficeAdmin']).get(`/complaints/${own.complaintId}/status-messages`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
    expect(notification.requests('listComplaintStatusMessages')).toHaveLength(before);
  });

  it('refuses the platform operator (403), a missing token (401) and an id that is no UUID (400 naming it)', async () => {
    const before = notification.requests('listComplaintStatusMessages').length;
    expect((await api(gateway, tokens['operator']).get(`/complaints/${own.complaintId}/status-messages`)).status).toBe(403);
    expect((await fetch(`${gateway.baseUrl}/api/v1/complaints/${own.complaintId}/status-messages`)).status).toBe(401);
    const bad = await api(gateway, tokens['admin']).get(`/complaints/${encodeURIComponent("1' OR '1'='1")}/status-messages`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('id');
    expect(notification.requests('listComplaintStatusMessages')).toHaveLength(before);
  });

  it("answers 404 to this office's officer for another office's complaint id", async () => {
    const res = await api(gateway, tokens['admin']).get(`/complaints/${other.complaintId}/status-messages`);
    expect(res.status).toBe(404);
  });
});
