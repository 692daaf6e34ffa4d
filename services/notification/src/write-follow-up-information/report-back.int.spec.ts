import { Channel, NotificationPurpose } from '@pengaduan/contracts';
import { ComplaintCommandExecutor } from '@pengaduan/messaging';
import { admin, newComplaint, randomOffice } from '../__fixtures__/complaint-history';
import { FixedClock, logger, NotificationApp } from '../__fixtures__/notification-app';
import { RecordingChannel } from '../channels/__fixtures__/recording-channel';
import { ChannelRegistry } from '../channels/channel-registry';
import { ReportBack } from './report-back';

// With no provider adapter yet, WriteFollowUpInformation offers the report-back to the manual
// channel only. These tests offer it to adapters held in memory (no network), as a provider
// adapter will answer.

const office = randomOffice();
const app = new NotificationApp(new FixedClock(new Date('2026-11-27T07:00:00Z')));

beforeAll(() => app.start());
afterAll(() => app.stop());

function reportBackWith(adapter: RecordingChannel): ReportBack {
  const executor = new ComplaintCommandExecutor({ runtime: app.runtime, source: 'pengaduan/notification', stateConsumerGroup: app.group, now: () => app.clock.now() });
  return new ReportBack(app.runtime, new ChannelRegistry([adapter]), executor, logger);
}

async function informed(channel: 'WHATSAPP' | 'SMS', text: string) {
  const c = newComplaint(office, channel);
  await app.seed(c, 'DISMISSED');
  await app.writeFollowUpInformation({ ...admin, officeCode: office }, c.complaintId, text);
  const [row] = (await app.runtime.dataSource.query('SELECT id FROM follow_up_information WHERE complaint_id = $1', [c.complaintId])) as { id: string }[];
  return { c, informationId: row.id };
}

describe('the report-back offered to the reporter’s channel', () => {
  it('sends the follow-up information as written, with its template, and keeps the provider’s message id for the receipt', async () => {
    const text = 'Pesan Anda bukan pengaduan; jadwal layanan paspor pukul 08.00-16.00 WIB.';
    const { c, informationId } = await informed('WHATSAPP', text);
    const whatsapp = new RecordingChannel(['WHATSAPP'], () => ({ kind: 'accepted', providerMessageId: 'wamid.XYZ' }));

    await reportBackWith(whatsapp).offer(c.complaintId, informationId, 'DISMISSAL_NOTICE', 'corr-1');

    expect(whatsapp.sent).toEqual([
      expect.objectContaining({
        channel: 'WHATSAPP',
        reporterRef: c.reporterRef,
        purpose: 'DISMISSAL_NOTICE',
        idempotencyKey: `follow-up-information:${informationId}`,
        text: expect.stringContaining(text),
        template: { id: 'pengaduan_tindak_lanjut', language: 'id', parameters: [c.trackingNumber, text] },
      }),
    ]);
    const [row] = (await app.runtime.dataSource.query('SELECT provider_message_id FROM follow_up_information WHERE id = $1', [informationId])) as {
      provider_message_id: string | null;
    }[];
    expect(row.provider_message_id).toBe('wamid.XYZ');
    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.reporter-informed']);
  });

  it('records complaint.notification-failed once when the provider refuses, and the complaint still waits for the officer', async () => {
    const { c, informationId } = await informed('SMS', 'Pesan Anda bukan pengaduan.');
    const sms = new RecordingChannel(['SMS'], () => ({ kind: 'failed', errorCode: 'SMS.UNDELIVERABLE', retryable: false }));
    const reportBack = reportBackWith(sms);

    await reportBack.offer(c.complaintId, informationId, 'DISMISSAL_NOTICE', 'corr-2');
    await reportBack.offer(c.complaintId, informationId, 'DISMISSAL_NOTICE', 'corr-2');

    const events = await app.eventsOf(c.complaintId);
    expect(events.map((e) => [e.type, e.envelope.actor])).toEqual([
      ['complaint.reporter-informed', `ADMIN_TIKKIM:${admin.userId}`],
      ['complaint.notification-failed', 'system:notification'],
    ]);
    const failed = events[1];
    if (failed.type !== 'complaint.notification-failed') throw new Error('unreachable');
    expect(failed.payload).toMatchObject({ purpose: NotificationPurpose.DISMISSAL_NOTICE, channel: Channel.SMS, errorCode: 'SMS.UNDELIVERABLE' });
    expect(await app.statusOf(c.complaintId)).toBe('REPORTER_INFORMED');
  });
});
