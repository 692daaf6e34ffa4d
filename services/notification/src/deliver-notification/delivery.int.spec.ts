import { Channel, NotificationPurpose } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, ComplaintHistory, eventually, randomOfficeCode } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { NotificationApp } from '../__fixtures__/notification-app';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';
import type { OutboundMessage, SendResult } from '../channels/channel.port';
import type { ForwardedReceipt, RecordDeliveryReceiptsHandler } from '../record-receipts/record-delivery-receipts.handler';

const office = randomOfficeCode();
const whatsapp = new RecordingChannel(['WHATSAPP']);
const sms = new RecordingChannel(['SMS']);
const clock = new SettableClock(new Date('2026-11-30T03:00:00Z'));
const app = new NotificationApp(clock, [whatsapp, sms], { fallbackChannels: ['SMS'] });
const officer = { ...actors.adminTikkim, officeCode: office };

beforeAll(() => app.start());
afterAll(() => app.stop());

let counter = 0;
const accepted = (): SendResult => ({ kind: 'accepted', provider: 'recording', providerMessageId: `m.${++counter}` });
/** Answers `results` in turn to the messages about `complaintId`, then accepts; anything else is accepted. */
function answers(complaintId?: string, ...results: SendResult[]): (m: OutboundMessage) => SendResult {
  return (m) => (m.complaintId === complaintId ? (results.shift() ?? accepted()) : accepted());
}

/** A WhatsApp complaint with its team decree and its acknowledgement out of the way. */
async function decided(): Promise<ComplaintHistory> {
  const c = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
  await app.seed(c, 'TEAM_FORMED');
  // The acknowledgement and the status messages (docs/adr/0054) out of the way too, so that the scripted answers go to what follows.
  await eventually(async () => ((await app.deliveries(c.complaintId)).every((d) => d.status !== 'PENDING') ? true : undefined), 10_000, 'the acknowledgement and the status messages');
  return c;
}

/** …and its follow-up information written, WhatsApp answering `whatsappAnswers` in turn (then accepting). */
async function informed(...whatsappAnswers: SendResult[]): Promise<ComplaintHistory> {
  const c = await decided();
  whatsapp.answer = answers(c.complaintId, ...whatsappAnswers);
  await app.writeFollowUpInformation(officer, c.complaintId, 'Petugas yang bersangkutan telah diberi sanksi disiplin.');
  return c;
}

function receipts(): RecordDeliveryReceiptsHandler {
  return app.receipts;
}

function receipt(providerMessageId: string, status: ForwardedReceipt['status'], at: Date, errorCode?: string): ForwardedReceipt {
  return { receiptId: randomUUID(), provider: 'recording', providerMessageId, status, at, ...(errorCode ? { errorCode } : {}) };
}

async function followUp(c: ComplaintHistory) {
  const all = await app.deliveries(c.complaintId);
  return all.find((d) => d.purpose === 'FOLLOW_UP_INFORMATION');
}

const eventTypes = async (c: ComplaintHistory) => (await app.eventsOf(c.complaintId)).map((e) => e.type);

describe('notification delivers the follow-up information (SOP step 8)', () => {
  beforeEach(() => {
    whatsapp.answer = answers();
    sms.answer = answers();
  });

  it('closes the complaint on the first delivery receipt, whatever order and how often the receipts come', async () => {
    const c = await informed({ kind: 'accepted', provider: 'recording', providerMessageId: 'wamid.follow-1' });
    await eventually(async () => ((await followUp(c))?.status === 'SENT' ? true : undefined), 10_000, 'the send');

    const t = (s: number) => new Date(clock.now().getTime() - 60_000 + s * 1_000);
    const read = receipt('wamid.follow-1', 'read', t(3));
    const result = await receipts().execute([read, receipt('wamid.follow-1', 'sent', t(1)), receipt('wamid.follow-1', 'delivered', t(2)), read]);

    expect(result).toEqual({ matched: 3, unmatched: 0 });
    expect(await eventTypes(c)).toEqual(['complaint.acknowledged', 'complaint.reporter-informed', 'complaint.information-delivered', 'complaint.closed']);
    const delivered = (await app.eventsOf(c.complaintId)).find((e) => e.type === 'complaint.information-delivered');
    expect(delivered?.type === 'complaint.information-delivered' && delivered.payload).toMatchObject({ channel: Channel.WHATSAPP, providerMessageId: 'wamid.follow-1' });
    expect(delivered?.envelope.actor).toBe('system:notification');
    expect(await app.statusOf(c.complaintId)).toBe('CLOSED');
    expect((await followUp(c))?.attempts).toEqual([{ channel: 'WHATSAPP', outcome: 'ACCEPTED', errorCode: null, status: 'read' }]);

    // A failure reported after the delivery never undoes it.
    await receipts().execute([receipt('wamid.follow-1', 'failed', t(4), 'WHATSAPP.131026')]);
    expect(await app.statusOf(c.complaintId)).toBe('CLOSED');
    expect((await followUp(c))?.status).toBe('DELIVERED');
  });

  it('applies receipts that arrive before the send is recorded, once the message id is known', async () => {
    const c = await decided();
    const early = await receipts().execute([receipt('wamid.early', 'delivered', new Date(clock.now().getTime() - 1_000))]);
    expect(early).toEqual({ matched: 0, unmatched: 1 });

    whatsapp.answer = answers(c.complaintId, { kind: 'accepted', provider: 'recording', providerMessageId: 'wamid.early' });
    await app.writeFollowUpInformation(officer, c.complaintId, 'Pengaduan Anda telah kami selesaikan.');

    await eventually(async () => ((await app.statusOf(c.complaintId)) === 'CLOSED' ? true : undefined), 10_000, 'the complaint to close');
    expect((await followUp(c))?.attempts.map((a) => a.status)).toEqual(['delivered']);
  });

  it('falls back from WhatsApp to SMS when WhatsApp refuses for good, and records the attempt', async () => {
    const c = await informed({ kind: 'failed', errorCode: 'WHATSAPP.131026', retryable: false });

    await eventually(async () => ((await followUp(c))?.status === 'SENT' ? true : undefined), 10_000, 'the SMS');
    const followed = await followUp(c);
    expect(followed?.attempts.map((a) => [a.channel, a.outcome, a.errorCode])).toEqual([
      ['WHATSAPP', 'FAILED', 'WHATSAPP.131026'],
      ['SMS', 'ACCEPTED', null],
    ]);
    expect(sms.sent.filter((m) => m.complaintId === c.complaintId).map((m) => [m.purpose, m.channel])).toEqual([['FOLLOW_UP_INFORMATION', 'SMS']]);
    const failed = (await app.eventsOf(c.complaintId)).filter((e) => e.type === 'complaint.notification-failed');
    expect(failed.map((e) => e.type === 'complaint.notification-failed' && e.payload)).toEqual([
      expect.objectContaining({ purpose: NotificationPurpose.FOLLOW_UP_INFORMATION, channel: Channel.WHATSAPP, errorCode: 'WHATSAPP.131026', attempt: 1, willRetry: false, fallbackChannel: Channel.SMS }),
    ]);
  });

  it('waits as long as a rate-limited provider asks, then sends on the same channel once it recovers', async () => {
    const c = await informed(
      { kind: 'failed', errorCode: 'WHATSAPP.130429', retryable: true, retryAfterMs: 30_000 },
      { kind: 'failed', errorCode: 'WHATSAPP.130429', retryable: true },
    );
    await eventually(async () => ((await followUp(c))?.attempts.length === 1 ? true : undefined), 10_000, 'the first attempt');
    const [first] = (await app.eventsOf(c.complaintId)).filter((e) => e.type === 'complaint.notification-failed');
    if (first.type !== 'complaint.notification-failed') throw new Error('unreachable');
    expect(first.payload).toMatchObject({ attempt: 1, willRetry: true });
    // The provider's 30 s, not the 1 s backoff of the first retry.
    expect(Number(first.payload.nextAttemptAt?.seconds) * 1000).toBe(clock.now().getTime() + 30_000);

    // Nothing happens before the provider's time.
    await app.dispatcher.dispatchDue();
    expect((await followUp(c))?.attempts).toHaveLength(1);

    clock.advance(30_000);
    await eventually(async () => ((await followUp(c))?.attempts.length === 2 ? true : undefined), 10_000, 'the second attempt');
    clock.advance(2_000);
    await eventually(async () => ((await followUp(c))?.status === 'SENT' ? true : undefined), 10_000, 'the send after the rate limit');
    expect((await followUp(c))?.attempts.map((a) => [a.channel, a.outcome])).toEqual([
      ['WHATSAPP', 'FAILED'],
      ['WHATSAPP', 'FAILED'],
      ['WHATSAPP', 'ACCEPTED'],
    ]);
  });

  it('moves on to SMS when WhatsApp reports the message failed before it was delivered', async () => {
    const c = await informed({ kind: 'accepted', provider: 'recording', providerMessageId: 'wamid.undelivered' });
    await eventually(async () => ((await followUp(c))?.status === 'SENT' ? true : undefined), 10_000, 'the send');

    await receipts().execute([receipt('wamid.undelivered', 'sent', clock.now()), receipt('wamid.undelivered', 'failed', clock.now(), 'WHATSAPP.131049')]);

    await eventually(async () => ((await followUp(c))?.attempts.length === 2 ? true : undefined), 10_000, 'the SMS');
    expect((await followUp(c))?.attempts.map((a) => [a.channel, a.outcome, a.status])).toEqual([
      ['WHATSAPP', 'ACCEPTED', 'sent'],
      ['SMS', 'ACCEPTED', null],
    ]);
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });

  it('leaves a call task for admin tikkim when no channel can deliver', async () => {
    sms.answer = () => ({ kind: 'not-available', reason: 'NO_ADDRESS' });
    const c = await informed({ kind: 'failed', errorCode: 'WHATSAPP.131026', retryable: false });

    await eventually(async () => ((await followUp(c))?.status === 'CALL_TASK' ? true : undefined), 10_000, 'the call task');
    const [task] = (await app.runtime.dataSource.query('SELECT purpose, reason FROM call_task WHERE complaint_id = $1', [c.complaintId])) as { purpose: string; reason: string }[];
    expect(task).toEqual({ purpose: 'FOLLOW_UP_INFORMATION', reason: 'SMS.NO_ADDRESS' });
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
    // The log says why each channel failed, the one that could not even be tried included,
    // and that nothing is tried after it but the phone.
    const failed = (await app.eventsOf(c.complaintId)).flatMap((e) => (e.type === 'complaint.notification-failed' ? [e.payload] : []));
    expect(failed.map((p) => [p.channel, p.errorCode, p.willRetry, p.fallbackChannel])).toEqual([
      [Channel.WHATSAPP, 'WHATSAPP.131026', false, Channel.SMS],
      [Channel.SMS, 'SMS.NO_ADDRESS', false, Channel.PHONE],
    ]);
  });

  it('withholds the notice of a reporter whose contact is restricted: no other channel, no call task, the reason in the log', async () => {
    // What ProviderChannelAdapter answers when intake says the contact is restricted (ResolveReporterAddressResponse.restricted).
    const c = await informed({ kind: 'not-available', reason: 'RESTRICTED' });

    await eventually(async () => ((await followUp(c))?.status === 'WITHHELD' ? true : undefined), 10_000, 'the notice withheld');
    expect((await followUp(c))?.attempts).toEqual([{ channel: 'WHATSAPP', outcome: 'NOT_AVAILABLE', errorCode: 'WHATSAPP.RESTRICTED', status: null }]);
    expect(sms.sent.filter((m) => m.complaintId === c.complaintId)).toEqual([]);
    expect(await app.runtime.dataSource.query('SELECT 1 FROM call_task WHERE complaint_id = $1', [c.complaintId])).toEqual([]);
    const failed = (await app.eventsOf(c.complaintId)).flatMap((e) => (e.type === 'complaint.notification-failed' ? [e.payload] : []));
    expect(failed.map((p) => [p.purpose, p.channel, p.errorCode, p.willRetry, p.fallbackChannel])).toEqual([[NotificationPurpose.FOLLOW_UP_INFORMATION, Channel.WHATSAPP, 'WHATSAPP.RESTRICTED', false, undefined]]);
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });
});
