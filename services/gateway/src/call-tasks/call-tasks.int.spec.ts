import { CallAttemptOutcome, DeliveryMethod, NotificationPurpose, NotificationService, type CommandContext } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory } from '@pengaduan/testing';
import type { NotificationPurpose as Purpose, RecordNotificationFailureCommand } from '@pengaduan/sop';
import { v7 as uuidv7 } from 'uuid';
import { api, isolate, removeIsolation, StandIn, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';
import { requestIdOf } from '../complaint-commands/request-id';

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
const failure = (channel: 'WHATSAPP' | 'SMS' | 'EMAIL', errorCode: string, purpose: Purpose = 'FOLLOW_UP_INFORMATION'): RecordNotificationFailureCommand => ({
  type: 'recordNotificationFailure',
  actor: system,
  purpose,
  channel,
  errorCode,
});

/**
 * Complaints of BTM whose notices no channel delivered (docs/adr/0051): an acknowledgement (one
 * still at RECEIVED, one confirmed since: the failure holds nothing up), one told by phone, one
 * given up, one called about to try again later, a dismissal notice, a complaint with both its
 * acknowledgement and its follow-up information undelivered, one closed with its acknowledgement
 * still failed, and one whose number a test tells over REST.
 */
const notices = {
  ackReceived: new ComplaintHistory({ officeCode: 'BTM', start: day(5, 1) }),
  ackConfirmed: new ComplaintHistory({ officeCode: 'BTM', start: day(6, 1) }),
  ackTold: new ComplaintHistory({ officeCode: 'BTM', start: day(4, 1) }),
  ackGivenUp: new ComplaintHistory({ officeCode: 'BTM', start: day(4, 2) }),
  ackRetryLater: new ComplaintHistory({ officeCode: 'BTM', start: day(4, 3) }),
  dismissal: new ComplaintHistory({ officeCode: 'BTM', start: day(7, 1) }),
  both: new ComplaintHistory({ officeCode: 'BTM', start: day(8, 1) }),
  closed: new ComplaintHistory({ officeCode: 'BTM', start: day(3, 1) }),
  toldLate: new ComplaintHistory({ officeCode: 'BTM', start: day(2, 1) }),
};

/** notification as the gateway calls it: answers a call or a told notice with the complaint's status. */
const notification = new StandIn(NotificationService, {
  recordCallAttempt: (r) => outcomeOf(r, 'RECEIVED'),
  confirmDelivery: (r) => outcomeOf(r, 'RECEIVED'),
});
function outcomeOf(request: { context?: CommandContext }, status: string) {
  return { outcome: { complaintId: request.context?.complaintId ?? '', status, eventIds: [uuidv7()] } };
}

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
  // docs/adr/0056: the reporter's contact is restricted; notification withheld the answer, and no officer may call.
  withheld: new ComplaintHistory({ officeCode: 'BLP', start: day(9, 2) }),
};
const clock = new SettableClock(day(20));

beforeAll(async () => {
  await notification.start();
  isolation = await isolate();
  gateway = await startGateway({ notification: notification.address }, isolation, { clock });
  const c = complaints;
  for (const h of Object.values(c)) await gateway.seed(...h.until('REPORTER_INFORMED').envelopes);
  await gateway.seed(...c.older.when(failure('WHATSAPP', 'WHATSAPP.131047')), ...c.older.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.newer.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.deliveredByPhone.when(failure('WHATSAPP', 'WHATSAPP.131026')), ...c.deliveredByPhone.delivered());
  await gateway.seed(...c.otherOffice.when(failure('WHATSAPP', 'WHATSAPP.131047')));
  await gateway.seed(...c.withheld.when(failure('WHATSAPP', 'WHATSAPP.RESTRICTED')));
  for (const h of [c.retryDue, c.retryLater, c.givenUp]) await gateway.seed(...h.when(failure('SMS', 'SMS.UNDELIVERABLE')));
  await gateway.seed(...c.retryDue.callAttempted(), ...c.retryDue.callAttempted(day(19)));
  await gateway.seed(...c.retryLater.callAttempted(new Date(day(20).getTime() + 60_000)));
  await gateway.seed(...c.givenUp.callAttempted(), ...c.givenUp.deliveryAbandoned());
  await seedNotices();
  for (const [name, officer] of Object.entries({
    admin: { role: 'ADMIN_TIKKIM', officeCode: 'BLP' },
    kepala: { role: 'KEPALA_KANTOR', officeCode: 'BLP' },
    otherOfficeAdmin: { role: 'ADMIN_TIKKIM', officeCode: 'TPI' },
    btmAdmin: { role: 'ADMIN_TIKKIM', officeCode: 'BTM' },
    btmKepala: { role: 'KEPALA_KANTOR', officeCode: 'BTM' },
  } as const)) {
    const account = await gateway.officer(officer);
    tokens[name] = account.token;
    ids[name] = account.id;
  }
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
  await notification.stop();
});

const ids: Record<string, string> = {};

async function seedNotices(): Promise<void> {
  const n = notices;
  for (const h of [n.ackReceived, n.ackConfirmed, n.ackTold, n.ackGivenUp, n.ackRetryLater, n.both, n.closed, n.toldLate]) {
    h.received();
    h.acknowledgementFailed();
  }
  n.ackConfirmed.confirmed();
  n.ackTold.acknowledgedByPhone();
  n.ackGivenUp.deliveryAbandoned('Nomor WhatsApp tidak aktif', 'ACKNOWLEDGEMENT');
  n.ackRetryLater.callAttempted(new Date(day(20).getTime() + 60_000), 'ACKNOWLEDGEMENT');
  n.dismissal.until('DISMISSED');
  n.dismissal.reporterInformed();
  n.dismissal.when(failure('SMS', 'SMS.NO_ADAPTER', 'DISMISSAL_NOTICE'));
  n.both.until('REPORTER_INFORMED');
  n.both.when(failure('SMS', 'SMS.UNDELIVERABLE'));
  n.closed.until('CLOSED');
  for (const h of Object.values(n)) await gateway.seed(...h.envelopes);
}

async function callTasks(officer: string, query = ''): Promise<{ items: CallTask[]; total: number }> {
  const res = await api(gateway, tokens[officer]).get(`/call-tasks${query}`);
  if (res.status !== 200) throw new Error(`GET /call-tasks${query} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { items: CallTask[]; total: number };
}

describe('the call tasks of an office', () => {
  it("hold for Admin Tikkim the answers no channel delivered, oldest first, with every channel's failure, and nothing of another office nor one withheld from a restricted contact", async () => {
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

describe('the call tasks of every notice no channel delivered (docs/adr/0051)', () => {
  const btm = () => callTasks('btmAdmin');

  it('list the acknowledgement, the dismissal notice and the follow-up information, each with its own failures, oldest first', async () => {
    const { items, total } = await btm();
    const n = notices;
    expect(items.map((i) => [i.complaintId, i.purpose])).toEqual([
      [n.toldLate.complaintId, 'ACKNOWLEDGEMENT'],
      [n.ackReceived.complaintId, 'ACKNOWLEDGEMENT'],
      [n.ackConfirmed.complaintId, 'ACKNOWLEDGEMENT'],
      [n.dismissal.complaintId, 'DISMISSAL_NOTICE'],
      [n.both.complaintId, 'ACKNOWLEDGEMENT'],
      [n.both.complaintId, 'FOLLOW_UP_INFORMATION'],
    ]);
    expect(total).toBe(6);
    const [, ack, , dismissal, bothAck, bothFollowUp] = items;
    expect(ack.failures.map((f) => [f.channel, f.errorCode])).toEqual([['WHATSAPP', 'WHATSAPP.NO_ADAPTER']]);
    expect(dismissal.failures.map((f) => [f.channel, f.errorCode])).toEqual([['SMS', 'SMS.NO_ADAPTER']]);
    expect(bothAck.failures.map((f) => f.errorCode)).toEqual(['WHATSAPP.NO_ADAPTER']);
    expect(bothFollowUp.failures.map((f) => f.errorCode)).toEqual(['SMS.UNDELIVERABLE']);
    expect(bothFollowUp.openedAt > bothAck.openedAt).toBe(true);
  });

  it('end for the acknowledgement once it is told by phone or given up, wait after a call that did not reach the reporter, and end with the complaint', async () => {
    const listed = (await btm()).items.map((i) => i.complaintId);
    for (const gone of [notices.ackTold, notices.ackGivenUp, notices.ackRetryLater, notices.closed]) expect(listed).not.toContain(gone.complaintId);
    clock.set(new Date(day(20).getTime() + 61_000));
    try {
      const back = (await btm()).items.find((i) => i.complaintId === notices.ackRetryLater.complaintId);
      expect(back).toMatchObject({ purpose: 'ACKNOWLEDGEMENT', lastCallAttempt: { attempts: 1 } });
    } finally {
      clock.set(day(20));
    }
  });

  it('give up the acknowledgement without closing the complaint or making it step 8’s output; the timeline says which notice', async () => {
    const view = await api(gateway, tokens['btmAdmin']).json<{ status: string; outputs: { deliveryAbandoned: unknown }; callPurposes: string[] }>(`/complaints/${notices.ackGivenUp.complaintId}`);
    expect(view).toMatchObject({ status: 'RECEIVED', outputs: { deliveryAbandoned: null }, callPurposes: [] });
    const timeline = await api(gateway, tokens['btmAdmin']).json<{ events: { summary: string }[] }>(`/complaints/${notices.ackGivenUp.complaintId}/timeline`);
    expect(timeline.events.map((e) => e.summary)).toContain('Penyampaian tanda terima dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)');
    const told = await api(gateway, tokens['btmAdmin']).json<{ events: { summary: string; actor: unknown }[] }>(`/complaints/${notices.ackTold.complaintId}/timeline`);
    expect(told.events.map((e) => e.summary)).toContain('Tanda terima disampaikan petugas: nomor pelacakan diberitahukan kepada pelapor melalui telepon');
  });

  it("tell Admin Tikkim on the complaint which notices a call may be about; no other role", async () => {
    const callPurposes = async (officer: string, h: ComplaintHistory) => (await api(gateway, tokens[officer]).json<{ callPurposes: string[] }>(`/complaints/${h.complaintId}`)).callPurposes;
    expect(await callPurposes('btmAdmin', notices.both)).toEqual(['ACKNOWLEDGEMENT', 'FOLLOW_UP_INFORMATION']);
    expect(await callPurposes('btmAdmin', notices.dismissal)).toEqual(['DISMISSAL_NOTICE']);
    expect(await callPurposes('btmAdmin', notices.ackConfirmed)).toEqual(['ACKNOWLEDGEMENT']);
    expect(await callPurposes('btmKepala', notices.both)).toEqual([]);
    expect((await api(gateway, tokens['btmKepala']).get('/call-tasks')).status).toBe(403);
  });

  describe('their outcomes over REST', () => {
    const post = (officer: string, h: ComplaintHistory, action: string, body: unknown, key: string | null = uuidv7()) =>
      api(gateway, tokens[officer]).post(`/complaints/${h.complaintId}/${action}`, body, key === null ? {} : { 'Idempotency-Key': key });
    beforeEach(() => notification.reset());

    it('forward the notice with the call, and with the number told by phone, to notification as the officer', async () => {
      const key = uuidv7();
      const res = await post('btmAdmin', notices.ackReceived, 'call-attempts', { purpose: 'ACKNOWLEDGEMENT', outcome: 'NOT_REACHABLE', retryAt: '2026-03-21T09:00:00+07:00' }, key);
      expect(res.status).toBe(200);
      expect(notification.requests('recordCallAttempt')[0]).toMatchObject({
        purpose: NotificationPurpose.ACKNOWLEDGEMENT,
        outcome: CallAttemptOutcome.NOT_REACHABLE,
        context: { requestId: requestIdOf({ id: ids['btmAdmin'] }, key), complaintId: notices.ackReceived.complaintId },
      });
      const told = await post('btmAdmin', notices.ackReceived, 'delivery-confirmation', { purpose: 'ACKNOWLEDGEMENT', method: 'PHONE_CALL', deliveredAt: '2026-03-20T09:00:00+07:00' });
      expect(told.status).toBe(200);
      expect(notification.requests('confirmDelivery')[0]).toMatchObject({ purpose: NotificationPurpose.ACKNOWLEDGEMENT, method: DeliveryMethod.PHONE_CALL });
      // Today's clients name no notice: none is forwarded (step 8's information).
      await post('btmAdmin', notices.dismissal, 'call-attempts', { outcome: 'GIVE_UP', reason: 'Nomor tidak aktif' });
      expect(notification.requests('recordCallAttempt')[1]?.purpose).toBeUndefined();
    });

    it('send a replay with the same request id, whose answer the service keeps (the same key is the same request)', async () => {
      const key = uuidv7();
      const body = { purpose: 'DISMISSAL_NOTICE', outcome: 'NOT_REACHABLE', retryAt: '2026-03-21T09:00:00+07:00' };
      expect((await post('btmAdmin', notices.dismissal, 'call-attempts', body, key)).status).toBe(200);
      expect((await post('btmAdmin', notices.dismissal, 'call-attempts', body, key)).status).toBe(200);
      const [first, again] = notification.requests('recordCallAttempt');
      expect(again.context?.requestId).toBe(first.context?.requestId);
    });

    it('answer the number told only once the read model has it: no version moved to wait on, the next read shows the task gone', async () => {
      const h = notices.toldLate;
      const { version } = await api(gateway, tokens['btmAdmin']).json<{ version: number }>(`/complaints/${h.complaintId}`);
      // What notification records (and the read model has not seen yet): the number told, no version moved.
      const told = h.acknowledgedByPhone();
      notification.answers.confirmDelivery = (r) => ({ outcome: { ...outcomeOf(r, 'RECEIVED').outcome, eventIds: told.map((e) => e.id), version } });
      let seeded = false;
      const projection = new Promise<void>((resolve) => setTimeout(() => void gateway.seed(...told).then(() => {
        seeded = true;
        resolve();
      }), 300));
      const res = await post('btmAdmin', h, 'delivery-confirmation', { purpose: 'ACKNOWLEDGEMENT', method: 'PHONE_CALL', deliveredAt: '2026-03-20T09:00:00+07:00' });
      expect(res.status).toBe(200);
      expect(seeded).toBe(true);
      expect((await btm()).items.map((i) => i.complaintId)).not.toContain(h.complaintId);
      await projection;
    });

    it('refuse another office’s complaint (404, nothing forwarded), a missing key, and a notice the platform does not send, naming the field', async () => {
      const notFound = await post('admin', notices.ackReceived, 'call-attempts', { purpose: 'ACKNOWLEDGEMENT', outcome: 'NOT_REACHABLE', retryAt: '2026-03-21T09:00:00+07:00' });
      expect(notFound.status).toBe(404);
      expect(await notFound.json()).toMatchObject({ code: 'COMPLAINT.NOT_FOUND' });
      expect((await post('btmAdmin', notices.ackReceived, 'call-attempts', { purpose: 'ACKNOWLEDGEMENT', outcome: 'NOT_REACHABLE', retryAt: '2026-03-21T09:00:00+07:00' }, null)).status).toBe(400);
      const bad = await post('btmAdmin', notices.ackReceived, 'delivery-confirmation', { purpose: 'RECEIPT', method: 'PHONE_CALL', deliveredAt: '2026-03-20T09:00:00+07:00' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('purpose');
      expect(notification.calls).toEqual([]);
    });
  });
});
