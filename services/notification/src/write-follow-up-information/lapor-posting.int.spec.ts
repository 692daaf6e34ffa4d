import { Channel, DeliveryMethod } from '@pengaduan/contracts';
import { ServiceError, SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, randomOfficeCode } from '@pengaduan/testing';
import { NotificationApp } from '../__fixtures__/notification-app';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';

// docs/adr/0055: a complaint that came through SP4N-LAPOR! is answered by posting on LAPOR!, never by a provider.

const office = randomOfficeCode();
const officer = { ...actors.adminTikkim, officeCode: office };
const providers = new RecordingChannel(['WHATSAPP', 'SMS', 'TELEGRAM', 'FACEBOOK', 'INSTAGRAM', 'EMAIL']);
const clock = new SettableClock(new Date('2026-11-30T03:00:00Z'));
const app = new NotificationApp(clock, [providers], { fallbackChannels: ['SMS', 'EMAIL'] });

beforeAll(() => app.start());
afterAll(() => app.stop());

async function informedLaporComplaint(): Promise<ComplaintHistory> {
  const c = new ComplaintHistory({ officeCode: office, channel: 'LAPOR' });
  await app.seed(c, 'TEAM_FORMED');
  await app.writeFollowUpInformation(officer, c.complaintId, 'Yth. Pelapor, laporan Anda telah ditindaklanjuti: petugas loket telah diberi pembinaan.');
  return c;
}

describe('step 7 of a LAPOR! complaint: the answer is posted on LAPOR! by Admin Tikkim', () => {
  it('writes the follow-up information as usual, queues nothing and calls no provider, not even a fallback', async () => {
    const c = await informedLaporComplaint();

    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.reporter-informed']);
    const [row] = (await app.runtime.dataSource.query('SELECT channel, text FROM follow_up_information WHERE complaint_id = $1', [c.complaintId])) as { channel: string; text: string }[];
    expect(row).toMatchObject({ channel: 'LAPOR', text: expect.stringContaining('pembinaan') });
    expect(await app.deliveries(c.complaintId)).toEqual([]);
    // The acknowledgement of complaint.received was not queued either: LAPOR! has no written channel of ours.
    await app.dispatcher.dispatchDue();
    expect(providers.sent.filter((m) => m.complaintId === c.complaintId)).toEqual([]);
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it('closes the complaint when Admin Tikkim records the posting (LAPOR_POSTED, by whom and when, with a note)', async () => {
    const c = await informedLaporComplaint();
    const postedAt = new Date(clock.now().getTime() - 10 * 60_000);

    const result = await app.confirmDelivery(officer, c.complaintId, { method: DeliveryMethod.LAPOR_POSTED, deliveredAt: postedAt, note: 'Diposting di LAPOR! oleh admin' });

    expect(result).toMatchObject({ status: 'CLOSED' });
    const events = await app.eventsOf(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.reporter-informed', 'complaint.information-delivered', 'complaint.closed']);
    const delivered = events[1];
    if (delivered.type !== 'complaint.information-delivered') throw new Error('unreachable');
    expect(delivered.envelope.actor).toBe(`ADMIN_TIKKIM:${officer.userId}`);
    expect(delivered.payload).toMatchObject({ channel: Channel.LAPOR, method: DeliveryMethod.LAPOR_POSTED, note: 'Diposting di LAPOR! oleh admin' });
    expect(delivered.payload.deliveredAt?.seconds).toBe(BigInt(Math.floor(postedAt.getTime() / 1000)));
    expect(providers.sent.filter((m) => m.complaintId === c.complaintId)).toEqual([]);
  });

  it('refuses another way of delivery for a LAPOR! complaint (409, answered on LAPOR! only), and a posting for a complaint that did not come through LAPOR!', async () => {
    const lapor = await informedLaporComplaint();
    await expect(app.confirmDelivery(officer, lapor.complaintId, { method: DeliveryMethod.PHONE_CALL, deliveredAt: clock.now(), channel: Channel.LAPOR })).rejects.toMatchObject({
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
    });
    await expect(app.confirmDelivery(officer, lapor.complaintId, { method: DeliveryMethod.IN_PERSON, deliveredAt: clock.now(), channel: Channel.PHONE })).rejects.toMatchObject({
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      message: expect.stringContaining('LAPOR_POSTED only, not IN_PERSON'),
    });
    expect(await app.statusOf(lapor.complaintId)).toBe('REPORTER_INFORMED');
    const phone = await app.informedPhoneComplaint(officer);
    const refused = await app.confirmDelivery(officer, phone.complaintId, { method: DeliveryMethod.LAPOR_POSTED, deliveredAt: clock.now() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ code: 'COMPLAINT.INVALID_COMMAND' });
    expect(await app.statusOf(phone.complaintId)).toBe('REPORTER_INFORMED');
  });
});

describe('the text to post on LAPOR! (GetFollowUpInformation, docs/adr/0055)', () => {
  it('answers the follow-up information exactly as written, for the office of the complaint only', async () => {
    const c = await informedLaporComplaint();
    const answer = await app.grpc.call('getFollowUpInformation', { complaintId: c.complaintId, officeCode: office });
    expect(answer).toMatchObject({ text: 'Yth. Pelapor, laporan Anda telah ditindaklanjuti: petugas loket telah diberi pembinaan.', informationId: expect.any(String) });
    expect(answer.writtenAt).toBeDefined();
    await expect(app.grpc.call('getFollowUpInformation', { complaintId: c.complaintId, officeCode: randomOfficeCode() })).rejects.toMatchObject({ code: 'DOCUMENT.NOT_FOUND' });
  });

  it('answers DOCUMENT.NOT_FOUND before the information is written, and REQUEST.INVALID naming complaint_id for an id that is no UUID', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'LAPOR' });
    await app.seed(c, 'TEAM_FORMED');
    await expect(app.grpc.call('getFollowUpInformation', { complaintId: c.complaintId, officeCode: office })).rejects.toMatchObject({ code: 'DOCUMENT.NOT_FOUND' });
    const refused = await app.grpc.call('getFollowUpInformation', { complaintId: "x' OR 1=1 --", officeCode: office }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'REQUEST.INVALID' });
    expect(JSON.stringify(refused)).toContain('complaint_id');
  });
});
