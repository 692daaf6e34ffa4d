import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CallAttemptOutcome, Channel, DeliveryMethod, NotificationPurpose, type ParsedEvent } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, eventually, randomOfficeCode, sql } from '@pengaduan/testing';
import { NotificationApp } from '../__fixtures__/notification-app';

// Admin Tikkim's call about a notice no channel delivered (docs/adr/0051), over notification's
// gRPC API: the acknowledgement (its own channel has no provider here, so it fails at once and
// becomes a call task) and the dismissal notice (step 8 of a dismissed message).

const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const app = new NotificationApp(new SettableClock(new Date('2026-11-27T05:00:00Z')));
const hoursAhead = (h: number) => new Date(app.clock.now().getTime() + h * 3_600_000);
const { NOT_REACHABLE, GIVE_UP } = CallAttemptOutcome;
const { ACKNOWLEDGEMENT, DISMISSAL_NOTICE, FOLLOW_UP_INFORMATION } = NotificationPurpose;

beforeAll(() => app.start());
afterAll(() => app.stop());

/** The events notification recorded for a complaint after its failed notices, by type. */
async function callEvents(complaintId: string): Promise<ParsedEvent[]> {
  return (await app.eventsOf(complaintId)).filter((e) => e.type !== 'complaint.notification-failed' && e.type !== 'complaint.reporter-informed');
}

async function versionOf(complaintId: string): Promise<number> {
  const [row] = await sql<{ version: number }>(`SELECT version FROM "${app.schema}".complaint_state WHERE complaint_id = $1`, [complaintId]);
  return row.version;
}

/** A WhatsApp complaint just received in the office, whose acknowledgement no channel could give (a call task). */
async function unacknowledged(): Promise<ComplaintHistory> {
  const c = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
  await app.seed(c, 'RECEIVED');
  await eventually(async () => {
    await app.dispatcher.dispatchDue();
    const failed = (await app.eventsOf(c.complaintId)).find((e) => e.type === 'complaint.notification-failed');
    return failed?.type === 'complaint.notification-failed' && failed.payload.fallbackChannel === Channel.PHONE ? failed : undefined;
  }, 10_000, 'the failed acknowledgement');
  return c;
}

/** A dismissed phone complaint whose dismissal notice Admin Tikkim wrote (step 7): step 8 awaits its delivery. */
async function informedDismissal(): Promise<ComplaintHistory> {
  const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
  await app.seed(c, 'DISMISSED');
  await app.writeFollowUpInformation(officer, c.complaintId, 'Pesan Anda bukan pengaduan dan tidak diproses.');
  return c;
}

describe('a call about the acknowledgement (docs/adr/0051)', () => {
  it('told by phone: complaint.acknowledged by Admin Tikkim over the phone; no version, no step moves', async () => {
    const c = await unacknowledged();
    const before = await versionOf(c.complaintId);
    const result = await app.confirmDelivery(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() });

    expect(result).toMatchObject({ complaintId: c.complaintId, status: 'RECEIVED', version: before });
    const [acknowledged, ...rest] = await callEvents(c.complaintId);
    expect(rest).toEqual([]);
    if (acknowledged?.type !== 'complaint.acknowledged') throw new Error(`expected complaint.acknowledged, got ${acknowledged?.type}`);
    expect(acknowledged.payload).toMatchObject({ channel: Channel.PHONE, trackingNumber: c.trackingNumber });
    expect(acknowledged.envelope.actor).toBe(`ADMIN_TIKKIM:${officer.userId}`);
    expect(result.eventIds).toEqual([acknowledged.envelope.id]);

    // Given once: told again, or called about, it is refused with the state.
    await expect(app.confirmDelivery(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'RECEIVED' },
    });
    await expect(app.recordCallAttempt(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, outcome: NOT_REACHABLE, retryAt: hoursAhead(1) })).rejects.toMatchObject({
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
    });
  });

  it('not reachable: complaint.call-attempted about the acknowledgement, and the complaint stays as it was', async () => {
    const c = await unacknowledged();
    const before = await versionOf(c.complaintId);
    const retryAt = hoursAhead(2);
    const result = await app.recordCallAttempt(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, outcome: NOT_REACHABLE, retryAt });

    expect(result).toMatchObject({ status: 'RECEIVED', version: before });
    const [attempted] = await callEvents(c.complaintId);
    if (attempted?.type !== 'complaint.call-attempted') throw new Error(`expected complaint.call-attempted, got ${attempted?.type}`);
    expect(attempted.payload.purpose).toBe(ACKNOWLEDGEMENT);
    expect(attempted.payload.retryAt && timestampDate(attempted.payload.retryAt)).toEqual(retryAt);
  });

  it('given up: complaint.delivery-abandoned of the acknowledgement alone (never closed); the SOP goes on', async () => {
    const c = await unacknowledged();
    const result = await app.recordCallAttempt(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, outcome: GIVE_UP, reason: 'Nomor WhatsApp tidak aktif.' });

    expect(result.status).toBe('RECEIVED');
    const events = await callEvents(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.delivery-abandoned']);
    const [abandoned] = events;
    expect(abandoned.type === 'complaint.delivery-abandoned' && abandoned.payload).toMatchObject({ reason: 'Nomor WhatsApp tidak aktif.', purpose: ACKNOWLEDGEMENT });
    expect(app.intake.screenedFor(c.complaintId)).toContainEqual({ reason: 'Nomor WhatsApp tidak aktif.' });
    expect(await app.statusOf(c.complaintId)).toBe('RECEIVED');
  });

  it('refuses a call about an acknowledgement that did not fail (a phone complaint gets none), and a note it cannot keep', async () => {
    const phone = await app.informedPhoneComplaint(officer);
    await expect(app.recordCallAttempt(officer, phone.complaintId, { purpose: ACKNOWLEDGEMENT, outcome: NOT_REACHABLE, retryAt: hoursAhead(1) })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'REPORTER_INFORMED' },
    });
    const c = await unacknowledged();
    const error = await app
      .confirmDelivery(officer, c.complaintId, { purpose: ACKNOWLEDGEMENT, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now(), note: 'Sudah ditelepon.' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID', details: { fieldViolations: [{ field: 'note' }] } });
    expect(await callEvents(c.complaintId)).toEqual([]);
  });

  it('refuses the head of office (403), a complaint of another office (404), and an unknown notice (400)', async () => {
    const c = await unacknowledged();
    const call = { purpose: ACKNOWLEDGEMENT, outcome: NOT_REACHABLE, retryAt: hoursAhead(1) };
    await expect(app.recordCallAttempt({ ...actors.kepalaKantor, officeCode: office }, c.complaintId, call)).rejects.toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    await expect(
      app.confirmDelivery({ ...actors.kepalaKantor, officeCode: office }, c.complaintId, { purpose: ACKNOWLEDGEMENT, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() }),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    await expect(app.recordCallAttempt({ ...actors.adminTikkim, officeCode: randomOfficeCode() }, c.complaintId, call)).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    await expect(app.recordCallAttempt(officer, c.complaintId, { ...call, purpose: 9 as NotificationPurpose })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'REQUEST.INVALID',
      details: { fieldViolations: [{ field: 'purpose' }] },
    });
    expect(await callEvents(c.complaintId)).toEqual([]);
  });
});

describe('a call about the dismissal notice, step 8 of a dismissed message (docs/adr/0051)', () => {
  it('not reachable names it; given up, the dismissed complaint closes without a delivery', async () => {
    const c = await informedDismissal();
    await app.recordCallAttempt(officer, c.complaintId, { purpose: DISMISSAL_NOTICE, outcome: NOT_REACHABLE, retryAt: hoursAhead(1) });
    const closed = await app.recordCallAttempt(officer, c.complaintId, { outcome: GIVE_UP, reason: 'Nomor tidak aktif.' });

    expect(closed.status).toBe('CLOSED');
    const events = await callEvents(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.call-attempted', 'complaint.delivery-abandoned', 'complaint.closed']);
    expect(events.map((e) => (e.type === 'complaint.call-attempted' || e.type === 'complaint.delivery-abandoned' ? e.payload.purpose : undefined))).toEqual([
      DISMISSAL_NOTICE,
      DISMISSAL_NOTICE,
      undefined,
    ]);
  });

  it('told by phone is the delivery, as a provider’s receipt records it: information-delivered and closed', async () => {
    const c = await informedDismissal();
    const result = await app.confirmDelivery(officer, c.complaintId, { purpose: DISMISSAL_NOTICE, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() });
    expect(result.status).toBe('CLOSED');
    expect((await callEvents(c.complaintId)).map((e) => e.type)).toEqual(['complaint.information-delivered', 'complaint.closed']);
  });

  it('refuses a call or a delivery of the follow-up information for a dismissed message (409 with the state)', async () => {
    const c = await informedDismissal();
    const wrong = { kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'REPORTER_INFORMED' } };
    await expect(app.recordCallAttempt(officer, c.complaintId, { purpose: FOLLOW_UP_INFORMATION, outcome: NOT_REACHABLE, retryAt: hoursAhead(1) })).rejects.toMatchObject(wrong);
    await expect(app.confirmDelivery(officer, c.complaintId, { purpose: FOLLOW_UP_INFORMATION, method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() })).rejects.toMatchObject(wrong);
    expect(await callEvents(c.complaintId)).toEqual([]);
  });
});
