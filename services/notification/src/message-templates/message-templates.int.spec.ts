import { TwilioOutbound } from '@pengaduan/channels';
import { Channel, MessageTemplateVariant, NotificationPurpose, type MessageTemplate } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { MESSAGE_TEMPLATE_KINDS } from '@pengaduan/sop';
import { actors, ComplaintHistory, eventually, FakeTwilio, randomOfficeCode } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { NotificationApp } from '../__fixtures__/notification-app';
import type { ReporterDirectory } from '../channels/channel.port';
import { ProviderChannelAdapter } from '../channels/provider-channel.adapter';

// The offices' texts of the messages to reporters (docs/adr/0050), on the real Postgres over
// notification's gRPC API, and sent: an SMS complaint's acknowledgement and a dismissal notice go
// out through the Twilio adapter to a fake Twilio over real HTTP with the office's text.

const office = randomOfficeCode();
const otherOffice = randomOfficeCode();
const head = { userId: `kakan-${office}`, role: 'KEPALA_KANTOR', officeCode: office };
const otherHead = { userId: `kakan-${otherOffice}`, role: 'KEPALA_KANTOR', officeCode: otherOffice };
const REPORTER_NUMBER = '+6281299990000';
const OUR_NUMBER = '+6281100001111';

const twilio = new FakeTwilio({ accountSid: 'AC22222222222222222222222222222222', authToken: 'template-test-token', number: OUR_NUMBER });
// The reporter's number, as intake would resolve it at the moment of sending.
const directory: ReporterDirectory = { resolve: (_complaint, _ref, channel) => Promise.resolve({ channel, recipient: REPORTER_NUMBER }) };
const clock = new SettableClock(new Date('2026-12-08T02:00:00Z'));
let app: NotificationApp;

beforeAll(async () => {
  await twilio.start();
  const sms = new TwilioOutbound({ accountSid: 'AC22222222222222222222222222222222', authToken: 'template-test-token', numbers: new Map([[OUR_NUMBER, office]]), apiUrl: twilio.url });
  app = await new NotificationApp(clock, [new ProviderChannelAdapter(sms, directory, () => clock.now())]).start();
});
afterAll(async () => {
  await app?.stop();
  await twilio.stop();
});

type Target = { purpose?: NotificationPurpose; variant?: MessageTemplateVariant; channel?: Channel };
const ACK_SMS: Target = { purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.SMS };

const list = async (officeCode = office): Promise<MessageTemplate[]> => (await app.grpc.call('listMessageTemplates', { officeCode })).templates;
const find = async (t: Target, officeCode = office) =>
  (await list(officeCode)).find((m) => m.purpose === t.purpose && m.channel === t.channel && m.variant === (t.variant ?? MessageTemplateVariant.STANDARD));
const set = async (t: Target, body: string, options: { expectedVersion?: number; requestKey?: string; actor?: typeof head } = {}) =>
  (await app.grpc.call('setMessageTemplate', { officeCode: (options.actor ?? head).officeCode, ...t, body, expectedVersion: options.expectedVersion, actor: options.actor ?? head, requestKey: options.requestKey ?? randomUUID() })).change;
const reset = async (t: Target, options: { expectedVersion?: number; requestKey?: string } = {}) =>
  (await app.grpc.call('resetMessageTemplate', { officeCode: office, ...t, expectedVersion: options.expectedVersion, actor: head, requestKey: options.requestKey ?? randomUUID() })).change;

describe('an office’s texts of the messages to reporters', () => {
  it('lists every purpose, variant and channel, built-in until the office words one', async () => {
    const all = await list(randomOfficeCode());
    // Every kind (the acknowledgement twice: with and without the PIN; the status messages, docs/adr/0054) × 6 channels.
    expect(all).toHaveLength(MESSAGE_TEMPLATE_KINDS.length * 6);
    expect(all.every((t) => t.builtIn && t.version === 0 && t.body === t.builtInBody)).toBe(true);
    const pin = all.find((t) => t.variant === MessageTemplateVariant.TRACKING_PIN && t.channel === Channel.WHATSAPP);
    expect(pin).toMatchObject({ purpose: NotificationPurpose.ACKNOWLEDGEMENT, requiredPlaceholders: ['nomor', 'pin'], optionalPlaceholders: [] });
    const dismissal = all.find((t) => t.purpose === NotificationPurpose.DISMISSAL_NOTICE && t.channel === Channel.EMAIL);
    expect(dismissal).toMatchObject({ requiredPlaceholders: ['nomor', 'informasi'], optionalPlaceholders: ['alasan'] });
  });

  it('sets a text as a new version, resets it to the built-in one as another, and a reset of a built-in one records nothing', async () => {
    const target: Target = { purpose: NotificationPurpose.FOLLOW_UP_INFORMATION, channel: Channel.TELEGRAM };
    const builtIn = (await find(target))?.body;
    const first = await set(target, 'Kabar pengaduan {nomor}:\n{informasi}', { expectedVersion: 0 });
    expect(first).toMatchObject({ changed: true, previousBody: builtIn, previousBuiltIn: true, template: { body: 'Kabar pengaduan {nomor}:\n{informasi}', builtIn: false, version: 1 } });
    const second = await set(target, 'Tindak lanjut {nomor}: {informasi}', { expectedVersion: 1 });
    expect(second).toMatchObject({ changed: true, previousBody: 'Kabar pengaduan {nomor}:\n{informasi}', previousBuiltIn: false, template: { version: 2 } });
    expect(await find(target)).toMatchObject({ body: 'Tindak lanjut {nomor}: {informasi}', builtIn: false, version: 2 });

    const back = await reset(target, { expectedVersion: 2 });
    expect(back).toMatchObject({ changed: true, previousBody: 'Tindak lanjut {nomor}: {informasi}', template: { body: builtIn, builtIn: true, version: 3 } });
    expect(await reset(target)).toMatchObject({ changed: false, template: { builtIn: true, version: 3 } });
    const rows = (await app.runtime.dataSource.query('SELECT version, reset, changed_by FROM message_template_version WHERE office_code = $1 AND channel = $2 ORDER BY version', [office, 'TELEGRAM'])) as unknown[];
    expect(rows).toEqual([
      { version: 1, reset: false, changed_by: `KEPALA_KANTOR:${head.userId}` },
      { version: 2, reset: false, changed_by: `KEPALA_KANTOR:${head.userId}` },
      { version: 3, reset: true, changed_by: `KEPALA_KANTOR:${head.userId}` },
    ]);
  });

  it('refuses a change made on a version that is no longer the newest', async () => {
    const target: Target = { purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.FACEBOOK };
    await set(target, 'Diterima: {nomor}.', { expectedVersion: 0 });
    await expect(set(target, 'Kami terima: {nomor}.', { expectedVersion: 0 })).rejects.toMatchObject({ code: 'MESSAGE_TEMPLATE.VERSION_CONFLICT' });
    await expect(reset(target, { expectedVersion: 0 })).rejects.toMatchObject({ code: 'MESSAGE_TEMPLATE.VERSION_CONFLICT' });
    expect(await find(target)).toMatchObject({ body: 'Diterima: {nomor}.', version: 1 });
  });

  it('answers the same request again as the first time, and refuses its key for another change', async () => {
    const target: Target = { purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.INSTAGRAM };
    const requestKey = randomUUID();
    const first = await set(target, 'Nomor Anda {nomor}.', { expectedVersion: 0, requestKey });
    // The retry names the version it saw before its first attempt: it is answered, not refused.
    const again = await set(target, 'Nomor Anda {nomor}.', { expectedVersion: 0, requestKey });
    expect(again).toEqual({ ...first, changed: false });
    await expect(set(target, 'Nomor {nomor}, lain.', { requestKey })).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    await expect(reset(target, { requestKey })).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await find(target)).toMatchObject({ version: 1 });
  });

  it('keeps each office’s texts apart, and lets only the office’s own head of office change them', async () => {
    const target: Target = { purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.EMAIL };
    await set(target, 'Surat dari kantor kami: {nomor}.');
    expect(await find(target, otherOffice)).toMatchObject({ builtIn: true, version: 0 });
    await set(target, 'Dari kantor lain: {nomor}.', { actor: otherHead });
    expect(await find(target)).toMatchObject({ body: 'Surat dari kantor kami: {nomor}.', version: 1 });
    expect(await find(target, otherOffice)).toMatchObject({ body: 'Dari kantor lain: {nomor}.', version: 1 });

    const call = (actor: { userId: string; role: string; officeCode: string }) =>
      app.grpc.call('setMessageTemplate', { officeCode: office, ...target, body: 'Nomor {nomor}.', actor, requestKey: randomUUID() });
    await expect(call({ ...otherHead })).rejects.toMatchObject({ code: 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE' });
    await expect(call({ ...actors.adminTikkim, officeCode: office })).rejects.toMatchObject({ code: 'MESSAGE_TEMPLATE.FORBIDDEN_ROLE' });
    expect(await find(target)).toMatchObject({ version: 1 });
  });

  it('refuses a text that breaks the rules, naming the field', async () => {
    const violations = (fields: [string, string][], code = 'MESSAGE_TEMPLATE.TEXT_REFUSED') => ({
      code,
      details: { fieldViolations: fields.map(([field, description]) => ({ field, description: expect.stringContaining(description) })) },
    });
    await expect(set(ACK_SMS, 'Terima kasih.')).rejects.toMatchObject(violations([['body', 'must name {nomor}']]));
    await expect(set(ACK_SMS, 'Nomor {nomor}, PIN {pin}.')).rejects.toMatchObject(violations([['body', '{pin}']]));
    await expect(set(ACK_SMS, `{nomor} ${'panjang '.repeat(60)}`)).rejects.toMatchObject(violations([['body', 'at most 3 SMS segments']]));
    await expect(set(ACK_SMS, 'Nomor {nomor}. Hubungi 0812 3456 7890.')).rejects.toMatchObject(violations([['body', 'phone number']]));
    await expect(set({ ...ACK_SMS, variant: MessageTemplateVariant.TRACKING_PIN }, 'Nomor {nomor}.')).rejects.toMatchObject(violations([['body', 'must name {pin}']]));
    await expect(set({ purpose: NotificationPurpose.FOLLOW_UP_INFORMATION, variant: MessageTemplateVariant.TRACKING_PIN, channel: Channel.SMS }, '{nomor} {informasi}')).rejects.toMatchObject(
      violations([['variant', 'has no variant TRACKING_PIN']], 'REQUEST.INVALID'),
    );
    await expect(set({ purpose: NotificationPurpose.ACKNOWLEDGEMENT, channel: Channel.PHONE }, 'Nomor {nomor}.')).rejects.toMatchObject(violations([['channel', 'must be one of']], 'REQUEST.INVALID'));
    expect(await find(ACK_SMS)).toMatchObject({ builtIn: true, version: 0 });
  });

  it('keeps every version: the table refuses to change or remove one', async () => {
    await set({ purpose: NotificationPurpose.DISMISSAL_NOTICE, channel: Channel.WHATSAPP }, '{nomor}: {informasi}');
    await expect(app.runtime.dataSource.query(`UPDATE message_template_version SET body = 'x' WHERE office_code = $1`, [office])).rejects.toThrow(/append-only/);
    await expect(app.runtime.dataSource.query('DELETE FROM message_template_version WHERE office_code = $1', [office])).rejects.toThrow(/append-only/);
  });
});

describe('a message sent with the office’s text', () => {
  const smsTo = (text: string) => eventually(async () => twilio.sent.find((m) => m.to === REPORTER_NUMBER && m.body.includes(text)), 15_000, `an SMS with “${text}”`);

  it('acknowledges an SMS complaint with the text in force when it is sent, over a real HTTP provider', async () => {
    await set(ACK_SMS, 'Kantor kami mencatat aduan Anda: {nomor}. Simpan nomor ini.');
    const c = new ComplaintHistory({ officeCode: office, channel: 'SMS' });
    await app.seed(c, 'RECEIVED');
    const sms = await smsTo(c.trackingNumber);
    expect(sms).toMatchObject({ from: OUR_NUMBER, body: `Kantor kami mencatat aduan Anda: ${c.trackingNumber}. Simpan nomor ini.` });

    // Reset: the next complaint is answered with the built-in text again.
    await reset(ACK_SMS);
    const next = new ComplaintHistory({ officeCode: office, channel: 'SMS' });
    await app.seed(next, 'RECEIVED');
    expect((await smsTo(next.trackingNumber)).body).toBe(
      `Terima kasih, pengaduan Anda telah kami terima dengan nomor ${next.trackingNumber}. Simpan nomor ini untuk menanyakan perkembangan pengaduan Anda. Kami akan menyampaikan tindak lanjutnya melalui saluran ini.`,
    );
  });

  it('tells a dismissed message’s reporter the reason as {alasan}', async () => {
    await set({ purpose: NotificationPurpose.DISMISSAL_NOTICE, channel: Channel.SMS }, 'Pesan {nomor} tidak kami proses ({alasan}). {informasi}');
    const c = new ComplaintHistory({ officeCode: office, channel: 'SMS' });
    await app.seed(c, 'DISMISSED');
    await smsTo(c.trackingNumber);
    await app.writeFollowUpInformation({ ...actors.adminTikkim, officeCode: office }, c.complaintId, 'Silakan kirim aduan tentang layanan keimigrasian.');
    const notice = await smsTo('Silakan kirim');
    expect(notice.body).toBe(`Pesan ${c.trackingNumber} tidak kami proses (Spam atau penyalahgunaan). Silakan kirim aduan tentang layanan keimigrasian.`);
  });
});
