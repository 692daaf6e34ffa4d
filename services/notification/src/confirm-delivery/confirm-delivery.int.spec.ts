import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Channel, DeliveryMethod } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, randomOfficeCode } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { NotificationApp } from '../__fixtures__/notification-app';

const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const app = new NotificationApp(new SettableClock(new Date('2026-11-27T05:00:00Z')));
const minutesAgo = (m: number) => new Date(app.clock.now().getTime() - m * 60_000);

beforeAll(() => app.start());
afterAll(() => app.stop());

async function closingEvents(complaintId: string) {
  return (await app.eventsOf(complaintId)).filter((e) => e.type !== 'complaint.reporter-informed');
}

describe('admin tikkim confirms that the reporter was told (SOP step 8)', () => {
  it('records a phone call: information-delivered and closed, and the complaint is CLOSED', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const deliveredAt = minutesAgo(30);

    const result = await app.confirmDelivery(officer, c.complaintId, {
      method: DeliveryMethod.PHONE_CALL,
      deliveredAt,
      note: 'Pelapor dihubungi melalui telepon dan menerima penjelasan.',
    });

    expect(result).toMatchObject({ complaintId: c.complaintId, status: 'CLOSED' });
    expect(result.eventIds).toHaveLength(2);
    const events = await closingEvents(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.information-delivered', 'complaint.closed']);
    expect(events.map((e) => e.envelope.id)).toEqual(result.eventIds);
    const [delivered] = events;
    if (delivered.type !== 'complaint.information-delivered') throw new Error('unreachable');
    expect(delivered.payload).toMatchObject({ channel: Channel.PHONE, method: DeliveryMethod.PHONE_CALL, note: 'Pelapor dihubungi melalui telepon dan menerima penjelasan.' });
    expect(delivered.payload.deliveredAt && timestampDate(delivered.payload.deliveredAt)).toEqual(deliveredAt);
    expect(delivered.envelope.actor).toBe(`ADMIN_TIKKIM:${officer.userId}`);
    expect(await app.statusOf(c.complaintId)).toBe('CLOSED');
  });

  it('records telling the reporter in person as over the walk-in channel', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.IN_PERSON, deliveredAt: minutesAgo(5) });
    const [delivered] = await closingEvents(c.complaintId);
    expect(delivered.type === 'complaint.information-delivered' && delivered.payload.channel).toBe(Channel.WALK_IN);
  });

  it('needs the channel of a letter (400 naming it), and takes it when given', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.LETTER, deliveredAt: minutesAgo(5) })).rejects.toMatchObject({
      kind: 'invalid',
      details: { fieldViolations: [{ field: 'channel', description: expect.any(String) }] },
    });
    const result = await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.LETTER, deliveredAt: minutesAgo(5), channel: Channel.EMAIL });
    expect(result.status).toBe('CLOSED');
  });

  it('refuses a delivery time in the future (400 naming deliveredAt), and the complaint stays informed', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const inAnHour = new Date(app.clock.now().getTime() + 60 * 60_000);
    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: inAnHour })).rejects.toMatchObject({
      kind: 'invalid',
      details: { fieldViolations: [{ field: 'deliveredAt', description: expect.stringContaining('future') }] },
    });
    expect(await closingEvents(c.complaintId)).toHaveLength(0);
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it('takes a delivery time a minute ahead of the service’s clock (clocks differ a little)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const result = await app.confirmDelivery(officer, c.complaintId, {
      method: DeliveryMethod.PHONE_CALL,
      deliveredAt: new Date(app.clock.now().getTime() + 60_000),
    });
    expect(result.status).toBe('CLOSED');
  });

  it('refuses a confirmation without method or time (400 naming both)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const error = await app.confirmDelivery(officer, c.complaintId, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect((error as { details: { fieldViolations: { field: string }[] } }).details.fieldViolations.map((v) => v.field).sort()).toEqual(['deliveredAt', 'method']);
  });

  it('answers a retried request with the first outcome and records the closing once', async () => {
    const c = await app.informedPhoneComplaint(officer);
    const requestId = randomUUID();
    const delivery = { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(10) };
    const first = await app.confirmDelivery(officer, c.complaintId, delivery, requestId);
    const again = await app.confirmDelivery(officer, c.complaintId, delivery, requestId);

    expect(again).toEqual(first);
    expect((await closingEvents(c.complaintId)).map((e) => e.type)).toEqual(['complaint.information-delivered', 'complaint.closed']);
  });

  it('refuses the head of IT (403)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await expect(
      app.confirmDelivery({ ...actors.kepalaSeksiTi, officeCode: office }, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(1) }),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it('refuses a delivery before the reporter was informed (409, with the state and what admin tikkim may do instead)', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(c, 'TEAM_FORMED');
    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(1) })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'TEAM_FORMED', availableActions: expect.arrayContaining(['informReporter']) },
    });
  });

  it('refuses a second confirmation of a closed complaint (409 CLOSED)', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(3) });
    await expect(app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(2) })).rejects.toMatchObject({
      kind: 'conflict',
      details: { state: 'CLOSED' },
    });
  });

  it('does not find a complaint of another office', async () => {
    const c = await app.informedPhoneComplaint(officer);
    await expect(
      app.confirmDelivery({ ...actors.adminTikkim, officeCode: randomOfficeCode() }, c.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: minutesAgo(1) }),
    ).rejects.toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
  });
});
