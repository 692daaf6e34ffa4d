import { Channel, COMPLAINT_EVENTS_TOPIC, NotificationPurpose, serializeEnvelope } from '@pengaduan/contracts';
import { eventually, testKafka } from '@pengaduan/testing';
import { admin, consumed, envelopeOf, historyTo, newComplaint, randomOffice, type SeedComplaint } from '../__fixtures__/complaint-history';
import { FixedClock, logger, NotificationApp } from '../__fixtures__/notification-app';
import { AcknowledgeReporterHandler } from '../acknowledge/acknowledge-reporter.handler';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';
import type { ChannelAdapter } from '../channels/channel.port';
import { ChannelRegistry } from '../channels/channel-registry';
import { ComplaintEventsConsumer } from './complaint-events.consumer';

const office = randomOffice();
const app = new NotificationApp(new FixedClock(new Date()));

beforeAll(() => app.start());
afterAll(() => app.stop());

async function reporterRow(complaintId: string) {
  const [row] = (await app.runtime.dataSource.query('SELECT channel, reporter_ref, tracking_number FROM complaint_reporter WHERE complaint_id = $1', [
    complaintId,
  ])) as { channel: string; reporter_ref: string; tracking_number: string }[];
  return row;
}

/** Folds `complaint.received` through a consumer whose registry holds `adapters` (in memory, no network). */
async function receiveWith(adapters: ChannelAdapter[], c: SeedComplaint): Promise<void> {
  const consumer = new ComplaintEventsConsumer(new AcknowledgeReporterHandler(new ChannelRegistry(adapters), logger), app.clock, logger, app.group);
  const [received] = historyTo('RECEIVED', c, new Date(app.clock.now().getTime() - 1_000));
  await app.runtime.dataSource.transaction((tx) => consumer.handle(consumed(envelopeOf(received, c)), tx));
}

describe('notification follows the complaint stream', () => {
  it('folds a WhatsApp complaint’s history arriving over the real topic, remembers whom to answer, and acknowledges nothing while no adapter exists', async () => {
    const c = newComplaint(office, 'WHATSAPP');
    const producer = testKafka('notification-test-producer').producer({ idempotent: true });
    await producer.connect();
    try {
      const events = historyTo('TEAM_FORMED', c, new Date(app.clock.now().getTime() - 60_000));
      await producer.send({
        topic: COMPLAINT_EVENTS_TOPIC,
        acks: -1,
        messages: events.map((e) => ({ key: c.complaintId, value: serializeEnvelope(envelopeOf(e, c)) })),
      });
    } finally {
      await producer.disconnect();
    }

    await eventually(async () => ((await app.statusOf(c.complaintId)) === 'TEAM_FORMED' ? true : undefined), 60_000, 'the history to be folded');
    expect(await reporterRow(c.complaintId)).toEqual({ channel: 'WHATSAPP', reporter_ref: c.reporterRef, tracking_number: c.trackingNumber });
    expect(await app.eventsOf(c.complaintId)).toEqual([]);

    const outcome = await app.writeFollowUpInformation({ ...admin, officeCode: office }, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti oleh tim.');
    expect(outcome.status).toBe('REPORTER_INFORMED');
    const [informed] = await app.eventsOf(c.complaintId);
    expect(informed.type === 'complaint.reporter-informed' && informed.payload.channel).toBe(Channel.WHATSAPP);
  });

  it('records complaint.acknowledged, without personal data, when an adapter takes the tracking number', async () => {
    const c = newComplaint(office, 'WHATSAPP');
    const whatsapp = new RecordingChannel(['WHATSAPP'], () => ({ kind: 'accepted', providerMessageId: 'wamid.HBgMNjI4MTI' }));

    await receiveWith([whatsapp], c);

    expect(whatsapp.sent.map((m) => [m.reporterRef, m.trackingNumber, m.purpose])).toEqual([[c.reporterRef, c.trackingNumber, 'ACKNOWLEDGEMENT']]);
    const events = await app.eventsOf(c.complaintId);
    expect(events.map((e) => [e.type, e.envelope.actor])).toEqual([['complaint.acknowledged', 'system:notification']]);
    const [acknowledged] = events;
    if (acknowledged.type !== 'complaint.acknowledged') throw new Error('unreachable');
    expect(acknowledged.payload).toMatchObject({ channel: Channel.WHATSAPP, trackingNumber: c.trackingNumber, providerMessageId: 'wamid.HBgMNjI4MTI' });
    expect(JSON.stringify(acknowledged.envelope)).not.toContain(c.reporterRef);
    expect(await app.statusOf(c.complaintId)).toBe('RECEIVED');
    const inbox = (await app.runtime.dataSource.query('SELECT processed_at FROM inbox WHERE consumer_group = $1 AND event_id = $2', [
      app.group,
      acknowledged.envelope.id,
    ])) as { processed_at: Date | null }[];
    expect(inbox[0]?.processed_at).toEqual(expect.any(Date));
  });

  it('records complaint.notification-failed with the provider’s code when the adapter is refused', async () => {
    const c = newComplaint(office, 'TELEGRAM');
    await receiveWith([new RecordingChannel(['TELEGRAM'], () => ({ kind: 'failed', errorCode: 'TELEGRAM.403', retryable: false }))], c);

    const events = await app.eventsOf(c.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.notification-failed']);
    const [failed] = events;
    if (failed.type !== 'complaint.notification-failed') throw new Error('unreachable');
    expect(failed.payload).toMatchObject({ purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.TELEGRAM, errorCode: 'TELEGRAM.403', attempt: 1, willRetry: false });
    expect(await app.statusOf(c.complaintId)).toBe('RECEIVED');
  });

  it('acknowledges nothing for a phone complaint, whatever adapters exist: the officer gives the number', async () => {
    const c = newComplaint(office, 'PHONE');
    const sms = new RecordingChannel(['SMS', 'WHATSAPP']);
    await receiveWith([sms], c);

    expect(sms.sent).toEqual([]);
    expect(await app.eventsOf(c.complaintId)).toEqual([]);
    expect(await reporterRow(c.complaintId)).toMatchObject({ channel: 'PHONE', reporter_ref: c.reporterRef });
  });
});
