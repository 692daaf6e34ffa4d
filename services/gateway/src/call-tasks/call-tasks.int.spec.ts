import { SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import type { RecordNotificationFailureCommand } from '@pengaduan/sop';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

interface CallTask {
  complaintId: string;
  trackingNumber: string;
  purpose: string;
  openedAt: string;
  failures: { channel: string; errorCode: string; attempt: number; failedAt: string }[];
  lastCallAttempt: { attemptedAt: string; retryAt: string; attempts: number } | null;
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const tokens: Record<string, string> = {};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));
const system = { kind: 'system', service: 'notification' } as const;
const failure = (channel: 'WHATSAPP' | 'SMS' | 'EMAIL', errorCode: string): RecordNotificationFailureCommand => ({
  type: 'recordNotificationFailure',
  actor: system,
  purpose: 'FOLLOW_UP_INFORMATION',
  channel,
  errorCode,
});

/** Complaints of BLP at step 7 whose answer no channel delivered (two, one since delivered by phone), one still being tried, and one of TPI. */
const complaints = {
  older: new ComplaintHistory({ officeCode: 'BLP', start: day(10, 1) }),
  newer: new ComplaintHistory({ officeCode: 'BLP', start: day(12, 1) }),
  deliveredByPhone: new ComplaintHistory({ officeCode: 'BLP', start: day(9, 1) }),
  stillTrying: new ComplaintHistory({ officeCode: 'BLP', start: day(11, 1) }),
  otherOffice: new ComplaintHistory({ officeCode: 'TPI', start: day(10, 1) }),
  // docs/adr/0044: called without reaching the reporter, to try again later; one given up.
  retryDue: new ComplaintHistory({ officeCode: 'BLP', start: day(13, 1) }),
  retryLater: new ComplaintHistory({ officeCode: 'BLP', start: day(14, 1) }),
  givenUp: new ComplaintHistory({ officeCode: 'BLP', start: day(8, 1) }),
};
const clock = new SettableClock(day(20));

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { clock });
  const c = complaints;
  for (const h of Object.values(c)) await gateway.seed(...h.until('REPORTER_INFORMED').envelopes);
  await gateway.seed(...c.older.when(failure('WHATSAPP', 'WHATSAPP.131047')), ...c.older.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.newer.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.deliveredByPhone.when(failure('WHATSAPP', 'WHATSAPP.131026')), ...c.deliveredByPhone.delivered());
  await gateway.seed(...c.otherOffice.when(failure('WHATSAPP', 'WHATSAPP.131047')));
  for (const h of [c.retryDue, c.retryLater, c.givenUp]) await gateway.seed(...h.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.retryDue.callAttempted(), ...c.retryDue.callAttempted(day(19)));
  await gateway.seed(...c.retryLater.callAttempted(new Date(day(20).getTime() + 60_000)));
  await gateway.seed(...c.givenUp.callAttempted(), ...c.givenUp.deliveryAbandoned());
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

async function callTasks(officer: string, query = ''): Promise<{ items: CallTask[]; total: number }> {
  const res = await api(gateway, tokens[officer]).get(`/call-tasks${query}`);
  if (res.status !== 200) throw new Error(`GET /call-tasks${query} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { items: CallTask[]; total: number };
}

describe('the call tasks of an office', () => {
  it("hold for Admin Tikkim the answers no channel delivered, oldest first, with every channel's failure, and nothing of another office", async () => {
    const { items, total } = await callTasks('admin');
    expect(total).toBe(3);
    expect(items.map((i) => i.complaintId)).toEqual([complaints.older.complaintId, complaints.newer.complaintId, complaints.retryDue.complaintId]);
    expect(items[0].lastCallAttempt).toBeNull();
    expect(items[0]).toMatchObject({ trackingNumber: complaints.older.trackingNumber, purpose: 'FOLLOW_UP_INFORMATION' });
    expect(items[0].failures.map((f) => [f.channel, f.errorCode, f.attempt])).toEqual([
      ['WHATSAPP', 'WHATSAPP.131047', 1],
      ['SMS', 'SMS.UNDELIVERABLE', 1],
    ]);
    expect(items[0].openedAt).toBe(items[0].failures[0].failedAt);
    expect((await callTasks('otherOfficeAdmin')).items.map((i) => i.complaintId)).toEqual([complaints.otherOffice.complaintId]);
  });

  it('end once the delivery is recorded (the complaint closes)', async () => {
    const ids = (await callTasks('admin')).items.map((i) => i.complaintId);
    expect(ids).not.toContain(complaints.deliveredByPhone.complaintId);
    expect(ids).not.toContain(complaints.stillTrying.complaintId);
  });

  it('page, and count the total past the last page', async () => {
    const first = await callTasks('admin', '?limit=1');
    expect(first.items.map((i) => i.complaintId)).toEqual([complaints.older.complaintId]);
    expect(first.total).toBe(3);
    expect(await callTasks('admin', '?limit=1&offset=5')).toMatchObject({ items: [], total: 3 });
  });

  describe('after a call that did not reach the reporter (docs/adr/0044)', () => {
    it('show the last call once its retry time has come, with how many calls went unanswered', async () => {
      const task = (await callTasks('admin')).items.find((i) => i.complaintId === complaints.retryDue.complaintId);
      const last = complaints.retryDue.events.filter((e) => e.type === 'complaint.call-attempted').at(-1);
      expect(task?.lastCallAttempt).toEqual({ attemptedAt: last?.at, retryAt: day(19).toISOString(), attempts: 2 });
    });

    it('hide a task until its retry time, then show it again', async () => {
      expect((await callTasks('admin')).items.map((i) => i.complaintId)).not.toContain(complaints.retryLater.complaintId);
      // A minute and a second later (within the officer's token's life).
      clock.set(new Date(day(20).getTime() + 61_000));
      try {
        const { items, total } = await callTasks('admin');
        expect(items.map((i) => i.complaintId)).toContain(complaints.retryLater.complaintId);
        expect(total).toBe(4);
      } finally {
        clock.set(day(20));
      }
    });

    it('end when Admin Tikkim gives up: the complaint closes without a delivery, its reason shown as step 8’s output', async () => {
      expect((await callTasks('admin')).items.map((i) => i.complaintId)).not.toContain(complaints.givenUp.complaintId);
      const view = (await (await api(gateway, tokens['admin']).get(`/complaints/${complaints.givenUp.complaintId}`)).json()) as {
        status: string;
        outputs: { delivery: unknown; deliveryAbandoned: { reason: string; at: string } | null };
      };
      const abandoned = complaints.givenUp.events.find((e) => e.type === 'complaint.delivery-abandoned');
      expect(view).toMatchObject({ status: 'CLOSED', outputs: { delivery: null, deliveryAbandoned: { reason: 'Nomor tidak aktif setelah tiga kali dihubungi', at: abandoned?.at } } });
      const timeline = (await (await api(gateway, tokens['admin']).get(`/complaints/${complaints.givenUp.complaintId}/timeline`)).json()) as { events: { summary: string }[] };
      expect(timeline.events.map((e) => e.summary)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Pelapor tidak dapat dihubungi melalui telepon; dicoba lagi /), expect.stringMatching(/^Penyampaian informasi tindak lanjut dihentikan/)]),
      );
    });
  });

  it('are refused to any other role, and a bad page is a problem naming the field', async () => {
    const refused = await api(gateway, tokens['kepala']).get('/call-tasks');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'CALL_TASK.FORBIDDEN_ROLE' });
    const bad = await api(gateway, tokens['admin']).get('/call-tasks?limit=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('limit');
    expect((await api(gateway, undefined).get('/call-tasks')).status).toBe(401);
  });
});
