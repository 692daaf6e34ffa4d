import { createLogger } from '@pengaduan/runtime';
import { decide, evolve, initialState, type Channel, type ComplaintState } from '@pengaduan/sop';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';
import { ChannelRegistry } from '../channels/channel-registry';
import { ACKNOWLEDGEMENT_MAX_AGE_MS, AcknowledgeReporterHandler, type ReceivedComplaint } from './acknowledge-reporter.handler';

const logger = createLogger('notification-unit', 'silent');
const now = new Date('2026-11-27T03:00:00Z');

function received(channel: Channel, receivedAt = new Date(now.getTime() - 2_000)): ReceivedComplaint {
  return {
    complaintId: '0190f0a0-0000-7000-8000-00000000000a',
    officeCode: 'BLP',
    trackingNumber: 'BLP-2026-000042',
    channel,
    reporterRef: 'rep_00112233445566778899aabb',
    receivedAt,
  };
}

/** The complaint as libs/sop holds it right after `complaint.received`. */
function receivedState(c: ReceivedComplaint): ComplaintState {
  const decision = decide(
    { type: 'receive', actor: { kind: 'system', service: 'intake' }, complaintId: c.complaintId, officeCode: c.officeCode, trackingNumber: c.trackingNumber, channel: c.channel, anonymous: false, confidential: false },
    initialState(),
    c.receivedAt,
  );
  if (!decision.ok) throw new Error(decision.error.message);
  return decision.events.reduce(evolve, initialState() as ComplaintState);
}

describe('notification acknowledges a received complaint to the reporter', () => {
  it('sends the tracking number in Bahasa Indonesia over the complaint’s channel and records complaint.acknowledged as the system', async () => {
    const whatsapp = new RecordingChannel(['WHATSAPP']);
    const handler = new AcknowledgeReporterHandler(new ChannelRegistry([whatsapp]), logger);
    const complaint = received('WHATSAPP');

    const outcome = await handler.execute(complaint, now);

    expect(whatsapp.sent).toEqual([
      expect.objectContaining({
        complaintId: complaint.complaintId,
        channel: 'WHATSAPP',
        reporterRef: complaint.reporterRef,
        purpose: 'ACKNOWLEDGEMENT',
        idempotencyKey: `acknowledgement:${complaint.complaintId}`,
        text: expect.stringContaining('pengaduan Anda telah kami terima dengan nomor BLP-2026-000042'),
        template: { id: 'pengaduan_diterima', language: 'id', parameters: ['BLP-2026-000042'] },
      }),
    ]);
    expect(outcome).toEqual({
      record: 'acknowledged',
      command: { type: 'acknowledge', actor: { kind: 'system', service: 'notification' } },
      extras: { channel: 'WHATSAPP', providerMessageId: 'wamid.1' },
    });
    if (outcome.record !== 'acknowledged') throw new Error('unreachable');
    const decision = decide(outcome.command, receivedState(complaint), now);
    expect(decision).toMatchObject({ ok: true, events: [{ type: 'complaint.acknowledged', data: { trackingNumber: 'BLP-2026-000042' } }] });
  });

  it('records complaint.notification-failed with the provider’s code when the provider refuses', async () => {
    const sms = new RecordingChannel(['SMS'], () => ({ kind: 'failed', errorCode: 'SMS.INVALID_NUMBER', retryable: false }));
    const handler = new AcknowledgeReporterHandler(new ChannelRegistry([sms]), logger);
    const complaint = received('SMS');

    const outcome = await handler.execute(complaint, now);

    expect(outcome).toEqual({
      record: 'notification-failed',
      command: { type: 'recordNotificationFailure', actor: { kind: 'system', service: 'notification' }, purpose: 'ACKNOWLEDGEMENT', channel: 'SMS', errorCode: 'SMS.INVALID_NUMBER' },
      extras: { attempt: 1, willRetry: false },
    });
    if (outcome.record !== 'notification-failed') throw new Error('unreachable');
    expect(decide(outcome.command, receivedState(complaint), now)).toMatchObject({ ok: true, events: [{ type: 'complaint.notification-failed' }] });
  });

  it('sends nothing and records nothing for a phone complaint: the officer gives the number', async () => {
    const whatsapp = new RecordingChannel(['WHATSAPP']);
    const handler = new AcknowledgeReporterHandler(new ChannelRegistry([whatsapp]), logger);
    await expect(handler.execute(received('PHONE'), now)).resolves.toEqual({ record: 'nothing', why: 'not-available' });
    expect(whatsapp.sent).toEqual([]);
  });

  it('with only the manual channel records nothing for a WhatsApp complaint either', async () => {
    const handler = new AcknowledgeReporterHandler(new ChannelRegistry(), logger);
    await expect(handler.execute(received('WHATSAPP'), now)).resolves.toEqual({ record: 'nothing', why: 'not-available' });
  });

  it('does not acknowledge again a complaint received long ago (the stream is being replayed)', async () => {
    const whatsapp = new RecordingChannel(['WHATSAPP']);
    const handler = new AcknowledgeReporterHandler(new ChannelRegistry([whatsapp]), logger);
    const old = received('WHATSAPP', new Date(now.getTime() - ACKNOWLEDGEMENT_MAX_AGE_MS - 1_000));

    await expect(handler.execute(old, now)).resolves.toEqual({ record: 'nothing', why: 'stale' });
    expect(whatsapp.sent).toEqual([]);
  });
});
