import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CallAttemptOutcome, DeliveryMethod } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, randomOfficeCode, REPORTER_GIVEAWAYS } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { NotificationApp } from '../__fixtures__/notification-app';

const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const app = new NotificationApp(new SettableClock(new Date('2026-11-27T05:00:00Z')));
const hoursAhead = (h: number) => new Date(app.clock.now().getTime() + h * 3_600_000);
const NOT_REACHABLE = CallAttemptOutcome.NOT_REACHABLE;
const GIVE_UP = CallAttemptOutcome.GIVE_UP;

beforeAll(() => app.start());
afterAll(() => app.stop());

async function step8Events(complaintId: string) {
  return (await app.eventsOf(complaintId)).filter((e) => e.type !== 'complaint.reporter-informed' && e.type !== 'complaint.notification-failed');
}

describe('admin tikkim records a call that did not reach the reporter (SOP step 8, docs/adr/0044)', () => {
  it('not reachable: records complaint.call-attempted with the retry time; the complaint stays informed, its version moves on', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const retryAt = hoursAhead(3);

    const first = await app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt: hoursAhead(1) });
    const result = await app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt });

    expect(result).toMatchObject({ complaintId: c.complaintId, status: 'REPORTER_INFORMED', version: (first.version ?? 0) + 1 });
    expect(first.version).toEqual(expect.any(Number));
    const [, attempted, ...rest] = await step8Events(c.complaintId);
    expect(rest).toEqual([]);
    expect(attempted.type).toBe('complaint.call-attempted');
    if (attempted.type !== 'complaint.call-attempted') throw new Error('unreachable');
    expect(attempted.payload.retryAt && timestampDate(attempted.payload.retryAt)).toEqual(retryAt);
    expect(attempted.envelope.actor).toBe(`ADMIN_TIKKIM:${officer.userId}`);
    expect(result.eventIds).toEqual([attempted.envelope.id]);
    expect(app.intake.screenedFor(c.complaintId).filter((t) => 'reason' in t)).toEqual([]);
  });

  it('gives up after a second attempt: delivery-abandoned with the screened reason, then closed; nothing more of step 8 after', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt: hoursAhead(1) });
    const result = await app.recordCallAttempt(officer, c.complaintId, { outcome: GIVE_UP, reason: '  Nomor tidak aktif setelah tiga kali dihubungi.  ' });

    expect(result.status).toBe('CLOSED');
    const events = await step8Events(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.call-attempted', 'complaint.delivery-abandoned', 'complaint.closed']);
    const abandoned = events[1];
    expect(abandoned.type === 'complaint.delivery-abandoned' && abandoned.payload.reason).toBe('Nomor tidak aktif setelah tiga kali dihubungi.');
    expect(app.intake.screenedFor(c.complaintId)).toContainEqual({ reason: 'Nomor tidak aktif setelah tiga kali dihubungi.' });
    expect(await app.statusOf(c.complaintId)).toBe('CLOSED');

    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() })).rejects.toMatchObject({
      kind: 'conflict',
      details: { state: 'CLOSED' },
    });
  });

  it('a delivery by phone still closes the complaint after a call that did not reach the reporter', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt: hoursAhead(2) });
    const result = await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: app.clock.now() });
    expect(result.status).toBe('CLOSED');
  });

  it.each(Object.entries(REPORTER_GIVEAWAYS))('refuses a reason with the reporter’s %s in it (intake’s screening), and records nothing', async (part, giveaway) => {
    const c = await app.informedPhoneComplaint(officer);
    await expect(app.recordCallAttempt(officer, c.complaintId, { outcome: GIVE_UP, reason: `Pelapor ${giveaway} tidak menjawab` })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'COMPLAINT.PERSONAL_DATA',
      details: { fieldViolations: [{ field: 'reason', description: expect.stringContaining(`reporter's ${part}`) }] },
    });
    expect(await step8Events(c.complaintId)).toEqual([]);
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it.each([
    ['no outcome', {}, ['outcome']],
    ['not reachable without a retry time', { outcome: NOT_REACHABLE }, ['retryAt']],
    ['giving up without a reason', { outcome: GIVE_UP, reason: '   ' }, ['reason']],
    ['giving up with a reason too long', { outcome: GIVE_UP, reason: 'x'.repeat(2_001) }, ['reason']],
  ])('refuses %s (400 naming the field)', async (_name, attempt, fields) => {
    const c = await app.informedPhoneComplaint(officer);
    const error = await app.recordCallAttempt(officer, c.complaintId, attempt).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', code: 'REQUEST.INVALID' });
    expect((error as { details: { fieldViolations: { field: string }[] } }).details.fieldViolations.map((v) => v.field)).toEqual(fields);
  });

  it('refuses a retry time not ahead of now (the SOP’s own check, naming retryAt)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await expect(app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt: hoursAhead(-1) })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'COMPLAINT.INVALID_COMMAND',
      details: { fieldViolations: [{ field: 'retryAt', description: expect.stringContaining('not in the future') }] },
    });
  });

  it('answers a retried request with the first outcome and records the attempt once', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const requestId = randomUUID();
    const attempt = { outcome: NOT_REACHABLE, retryAt: hoursAhead(4) };
    const first = await app.recordCallAttempt(officer, c.complaintId, attempt, requestId);
    const again = await app.recordCallAttempt(officer, c.complaintId, attempt, requestId);
    expect(again).toEqual(first);
    expect((await step8Events(c.complaintId)).map((e) => e.type)).toEqual(['complaint.call-attempted']);
  });

  it('refuses the head of office (403) and a complaint of another office (404)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const attempt = { outcome: NOT_REACHABLE, retryAt: hoursAhead(1) };
    await expect(app.recordCallAttempt({ ...actors.kepalaKantor, officeCode: office }, c.complaintId, attempt)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'COMPLAINT.FORBIDDEN_ROLE',
    });
    await expect(app.recordCallAttempt({ ...actors.adminTikkim, officeCode: randomOfficeCode() }, c.complaintId, attempt)).rejects.toMatchObject({
      kind: 'not-found',
      code: 'COMPLAINT.NOT_FOUND',
    });
    expect(await step8Events(c.complaintId)).toEqual([]);
  });

  it('refuses an attempt before the reporter was informed (409 with the state)', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(c, 'TEAM_FORMED');
    await expect(app.recordCallAttempt(officer, c.complaintId, { outcome: NOT_REACHABLE, retryAt: hoursAhead(1) })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'TEAM_FORMED' },
    });
  });
});
