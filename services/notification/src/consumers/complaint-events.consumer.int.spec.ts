import { Channel, COMPLAINT_EVENTS_TOPIC, NotificationPurpose, serializeEnvelope } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { actors, asConsumed, ComplaintHistory, eventually, randomOfficeCode, testKafka } from '@pengaduan/testing';
import { NotificationApp } from '../__fixtures__/notification-app';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';

const office = randomOfficeCode();
// One adapter for the provider channels, answering as each test says (in memory: the provider
// adapters' own tests call the fake providers over HTTP).
const channel = new RecordingChannel(['WHATSAPP', 'TELEGRAM', 'SMS']);
const app = new NotificationApp(new SettableClock(new Date()), [channel]);

beforeAll(() => app.start());
afterAll(() => app.stop());
beforeEach(() => {
  channel.answer = (_m, n) => ({ kind: 'accepted', provider: 'recording', providerMessageId: `wamid.ack${n}` });
});

async function reporterRow(complaintId: string) {
  const [row] = (await app.runtime.dataSource.query('SELECT channel, reporter_ref, tracking_number FROM complaint_reporter WHERE complaint_id = $1', [
    complaintId,
  ])) as { channel: string; reporter_ref: string; tracking_number: string }[];
  return row;
}

/** Folds `complaint.received` as the consumer does on the topic. */
async function receive(c: ComplaintHistory): Promise<void> {
  const [received] = c.until('RECEIVED', { endingAt: new Date(app.clock.now().getTime() - 1_000) }).envelopes;
  await app.runtime.dataSource.transaction((tx) => app.consumer.handle(asConsumed(received), tx));
}

describe('notification follows the complaint stream', () => {
  it('folds a WhatsApp complaint’s history arriving over the real topic and remembers whom to answer', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
    const producer = testKafka('notification-test-producer').producer({ idempotent: true });
    await producer.connect();
    try {
      // An old history: notification does not acknowledge a complaint received long ago.
      const { envelopes } = c.until('TEAM_FORMED', { endingAt: new Date(app.clock.now().getTime() - 3 * 24 * 3_600_000) });
      await producer.send({
        topic: COMPLAINT_EVENTS_TOPIC,
        acks: -1,
        messages: envelopes.map((e) => ({ key: c.complaintId, value: serializeEnvelope(e) })),
      });
    } finally {
      await producer.disconnect();
    }

    await eventually(async () => ((await app.statusOf(c.complaintId)) === 'TEAM_FORMED' ? true : undefined), 60_000, 'the history to be folded');
    expect(await reporterRow(c.complaintId)).toEqual({ channel: 'WHATSAPP', reporter_ref: c.reporterRef, tracking_number: c.trackingNumber });
    expect(await app.eventsOf(c.complaintId)).toEqual([]);
    expect(await app.deliveries(c.complaintId)).toEqual([]);

    const outcome = await app.writeFollowUpInformation({ ...actors.adminTikkim, officeCode: office }, c.complaintId, 'Pengaduan Anda telah ditindaklanjuti oleh tim.');
    expect(outcome.status).toBe('REPORTER_INFORMED');
    const [informed] = await app.eventsOf(c.complaintId);
    expect(informed.type === 'complaint.reporter-informed' && informed.payload.channel).toBe(Channel.WHATSAPP);
  });

  it('queues the acknowledgement in the event’s transaction, sends it, and records complaint.acknowledged without personal data', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
    await receive(c);

    const events = await eventually(async () => {
      const e = await app.eventsOf(c.complaintId);
      return e.length > 0 ? e : undefined;
    }, 10_000, 'the acknowledgement');
    expect(channel.sent.filter((m) => m.complaintId === c.complaintId).map((m) => [m.reporterRef, m.trackingNumber, m.purpose, m.channel])).toEqual([
      [c.reporterRef, c.trackingNumber, 'ACKNOWLEDGEMENT', 'WHATSAPP'],
    ]);
    expect(events.map((e) => [e.type, e.envelope.actor])).toEqual([['complaint.acknowledged', 'system:notification']]);
    const [acknowledged] = events;
    if (acknowledged.type !== 'complaint.acknowledged') throw new Error('unreachable');
    expect(acknowledged.payload).toMatchObject({ channel: Channel.WHATSAPP, trackingNumber: c.trackingNumber, providerMessageId: expect.stringMatching(/^wamid\.ack/) });
    expect(JSON.stringify(acknowledged.envelope)).not.toContain(c.reporterRef);
    expect(await app.statusOf(c.complaintId)).toBe('RECEIVED');
    expect(await app.deliveries(c.complaintId)).toEqual([
      { purpose: 'ACKNOWLEDGEMENT', status: 'SENT', channels: ['WHATSAPP'], attempts: [{ channel: 'WHATSAPP', outcome: 'ACCEPTED', errorCode: null, status: null }] },
    ]);
  });

  it('records complaint.notification-failed with the provider’s code when refused, and leaves the number to the officer', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'TELEGRAM' });
    channel.answer = () => ({ kind: 'failed', errorCode: 'TELEGRAM.403', retryable: false });
    await receive(c);

    const [failed] = await eventually(async () => {
      const e = await app.eventsOf(c.complaintId);
      return e.length > 0 ? e : undefined;
    }, 10_000, 'the failure');
    if (failed.type !== 'complaint.notification-failed') throw new Error(`unexpected ${failed.type}`);
    expect(failed.payload).toMatchObject({ purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.TELEGRAM, errorCode: 'TELEGRAM.403', attempt: 1, willRetry: false, fallbackChannel: Channel.PHONE });
    expect(await app.statusOf(c.complaintId)).toBe('RECEIVED');
    await eventually(async () => ((await app.deliveries(c.complaintId))[0]?.status === 'CALL_TASK' ? true : undefined), 5_000, 'the call task');
  });

  it('acknowledges nothing for a phone complaint, whatever adapters exist: the officer gives the number', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await receive(c);

    expect(await app.deliveries(c.complaintId)).toEqual([]);
    expect(channel.sent.filter((m) => m.complaintId === c.complaintId)).toEqual([]);
    expect(await app.eventsOf(c.complaintId)).toEqual([]);
    expect(await reporterRow(c.complaintId)).toMatchObject({ channel: 'PHONE', reporter_ref: c.reporterRef });
  });
});
