import { WhatsAppInbound, WhatsAppOutbound, type WebhookRequest } from '@pengaduan/channels';
import { NotificationPurpose } from '@pengaduan/contracts';
import { SettableClock } from '@pengaduan/runtime';
import { asConsumed, ComplaintHistory, eventually, FakeWhatsApp, graphError, randomOfficeCode } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationApp } from '../__fixtures__/notification-app';
import type { ReporterAddress, ReporterDirectory } from '../channels/channel.port';
import { ProviderChannelAdapter } from '../channels/provider-channel.adapter';

// The status messages (docs/adr/0054) on the real Postgres and Kafka: each step the reporter is
// told of goes out once through the WhatsApp adapter to a fake WhatsApp Cloud API over real HTTP
// (text inside the 24-hour window, the approved template outside it), and the fake's signed
// receipts, read by the WhatsApp webhook parser as intake reads them, are recorded.

const office = randomOfficeCode();
const otherOffice = randomOfficeCode();
const head = { userId: `kakan-${office}`, role: 'KEPALA_KANTOR', officeCode: office };
const APP_SECRET = 'status-messages-app-secret';
const TOKEN = 'status-messages-token';
const fake = new FakeWhatsApp({ appSecret: APP_SECRET, accessToken: TOKEN });
const clock = new SettableClock(new Date());
/** Where each complaint's reporter is, as intake would resolve it; the window is open when they wrote lately. */
const reporters = new Map<string, ReporterAddress>();
const directory: ReporterDirectory = { resolve: (complaintId) => Promise.resolve(reporters.get(complaintId)) };
let app: NotificationApp;
let receiver: Server;

beforeAll(async () => {
  await fake.start();
  const settings = { phoneNumbers: new Map([[fake.phoneNumberId, office]]), accessToken: TOKEN, appSecret: APP_SECRET, verifyToken: 'verify', graphUrl: fake.url, graphVersion: 'v23.0' };
  app = await new NotificationApp(clock, [new ProviderChannelAdapter(new WhatsAppOutbound(settings), directory, () => clock.now())]).start();
  // intake's /webhooks/whatsapp in brief: verify, parse, hand the receipts to notification.
  const inbound = new WhatsAppInbound(settings);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      const request: WebhookRequest = { method: 'POST', publicUrl: `http://receiver${req.url}`, subpath: '', headers, query: {}, rawBody: Buffer.concat(chunks) };
      if (!inbound.verify(request).ok) return void res.writeHead(401).end();
      const { receipts } = inbound.parse(request, new Date());
      void app.receipts
        .execute(receipts.map((r) => ({ receiptId: randomUUID(), provider: r.provider, providerMessageId: r.providerMessageId, status: r.status, at: r.at, ...(r.errorCode ? { errorCode: r.errorCode } : {}) })))
        .then(() => res.writeHead(200).end(), () => res.writeHead(500).end());
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  fake.webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/whatsapp`;
});
afterAll(async () => {
  await app?.stop();
  await fake.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
});

let numbers = 0;
/** A WhatsApp complaint of `officeCode` taken to `end`; its reporter wrote `windowOpen` within 24 h or not. */
async function whatsappComplaint(end: Parameters<ComplaintHistory['until']>[0], options: { windowOpen?: boolean; officeCode?: string } = {}): Promise<{ c: ComplaintHistory; number: string }> {
  const number = `62812${String(Date.now() % 1e6).padStart(6, '0')}${++numbers}`;
  const c = new ComplaintHistory({ officeCode: options.officeCode ?? office, channel: 'WHATSAPP' });
  if (options.windowOpen) await fake.sendText(number, 'Paspor saya belum jadi');
  reporters.set(c.complaintId, { channel: 'WHATSAPP', recipient: `+${number}`, ...(options.windowOpen ? { lastInboundAt: clock.now() } : {}) });
  await app.seed(c, end);
  return { c, number };
}

const statusRows = async (c: ComplaintHistory) => (await app.deliveries(c.complaintId)).filter((d) => d.purpose.startsWith('STATUS_'));
const sentTo = (number: string) => fake.sent.filter((s) => s.to.replace(/^\+/, '') === number);
const settingsOf = async (officeCode = office) => (await app.grpc.call('getStatusMessages', { officeCode })).settings;
const turn = (purpose: NotificationPurpose, enabled: boolean, options: { actor?: typeof head; requestKey?: string; expectedVersion?: number } = {}) =>
  app.grpc.call('setStatusMessages', {
    officeCode: office,
    switches: [{ purpose, enabled }],
    actor: options.actor ?? head,
    requestKey: options.requestKey ?? randomUUID(),
    ...(options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }),
  });

describe('status messages to the reporter', () => {
  it('tells a reporter inside the window of each step once, as text with the tracking number, and records the receipts', async () => {
    const { c, number } = await whatsappComplaint('FOLLOW_UP_DECIDED', { windowOpen: true });
    const rows = await eventually(async () => {
      const r = await statusRows(c);
      return r.length === 3 && r.every((d) => d.status === 'SENT') ? r : undefined;
    }, 15_000, 'three status messages sent');
    expect(rows.map((d) => d.purpose)).toEqual(['STATUS_CONFIRMED', 'STATUS_DISPOSED', 'STATUS_DECIDED']);
    expect(rows.every((d) => d.channels.join() === 'WHATSAPP' && d.attempts.length === 1 && d.attempts[0]?.outcome === 'ACCEPTED')).toBe(true);
    // The acknowledgement went out too (as text: the reporter wrote lately).
    const texts = sentTo(number).filter((s) => s.type === 'text' && !s.text?.startsWith('Terima kasih'));
    expect(texts).toHaveLength(3);
    expect(texts.every((s) => s.text?.includes(c.trackingNumber))).toBe(true);
    expect(texts.map((s) => s.text)).toEqual(expect.arrayContaining([expect.stringContaining('diverifikasi'), expect.stringContaining('didisposisikan'), expect.stringContaining('diputuskan')]));

    // The fake's signed receipts, over HTTP, as intake would forward them.
    for (const s of texts) await fake.sendStatuses(s.id, ['sent', 'delivered']);
    const delivered = await eventually(async () => {
      const r = await statusRows(c);
      return r.every((d) => d.status === 'DELIVERED') ? r : undefined;
    }, 10_000, 'the receipts');
    expect(delivered.map((d) => d.attempts[0]?.status)).toEqual(['delivered', 'delivered', 'delivered']);
    // The complaint page's read (ListComplaintStatusMessages): purpose, channel, outcome, times; another office's complaint has none.
    const listed = (await app.grpc.call('listComplaintStatusMessages', { complaintId: c.complaintId, officeCode: office })).messages;
    expect(listed.map((m) => [NotificationPurpose[m.purpose], m.channel, m.outcome, Boolean(m.sentAt && m.deliveredAt), m.readAt])).toEqual(
      ['CONFIRMED', 'DISPOSED', 'DECIDED'].map((s) => [`STATUS_${s}`, 'WHATSAPP', 'DELIVERED', true, undefined]),
    );
    expect((await app.grpc.call('listComplaintStatusMessages', { complaintId: c.complaintId, officeCode: randomOfficeCode() })).messages).toEqual([]);
    // No complaint event for a status message (docs/adr/0054): the acknowledgement's alone.
    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.acknowledged']);
  });

  it('sends the approved template with the tracking number outside the 24-hour window', async () => {
    const { c, number } = await whatsappComplaint('CONFIRMED');
    await eventually(async () => ((await statusRows(c))[0]?.status === 'SENT' ? true : undefined), 15_000, 'the status message');
    const status = sentTo(number).find((s) => s.template?.name === 'pengaduan_status_diverifikasi');
    expect(status?.template).toEqual({ name: 'pengaduan_status_diverifikasi', language: 'id', parameters: [c.trackingNumber] });
    expect(sentTo(number).some((s) => s.type === 'text')).toBe(false);
  });

  it('gives up a status message no channel delivers without a call task or a complaint event', async () => {
    // The provider cannot deliver the one status message of this complainant (outside the window: the template).
    fake.failNext(1, graphError(400, 131026, 'Message undeliverable'), (r) => r.body.toString('utf8').includes('pengaduan_status_diverifikasi'));
    const { c } = await whatsappComplaint('CONFIRMED');
    const [row] = await eventually(async () => {
      const r = await statusRows(c);
      return r[0]?.status === 'UNDELIVERED' ? r : undefined;
    }, 15_000, 'the status message given up');
    expect(row?.attempts).toEqual([{ channel: 'WHATSAPP', outcome: 'FAILED', errorCode: 'WHATSAPP.131026', status: null }]);
    const [listed] = (await app.grpc.call('listComplaintStatusMessages', { complaintId: c.complaintId, officeCode: office })).messages;
    expect([listed?.outcome, listed?.sentAt]).toEqual(['UNDELIVERED', undefined]);
    const tasks = (await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM call_task WHERE complaint_id = $1', [c.complaintId])) as { n: number }[];
    expect(tasks[0]?.n).toBe(0);
    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.acknowledged']);
  });

  it('sends nothing twice when the event is delivered again', async () => {
    const { c } = await whatsappComplaint('CONFIRMED');
    await eventually(async () => ((await statusRows(c))[0]?.status === 'SENT' ? true : undefined), 15_000, 'the status message');
    const confirmed = c.envelopes.find((e) => e.type === 'complaint.confirmed');
    if (!confirmed) throw new Error('no complaint.confirmed in the history');
    await app.runtime.dataSource.transaction((tx) => app.consumer.handle(asConsumed(confirmed), tx)).catch(() => undefined);
    await app.dispatcher.dispatchDue();
    expect(await statusRows(c)).toHaveLength(1);
  });

  it('sends nothing for a dismissed spam message, nor for a phone complaint', async () => {
    const spam = await whatsappComplaint('DISMISSED');
    const phone = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(phone, 'FOLLOW_UP_DECIDED');
    await app.dispatcher.dispatchDue();
    expect(await statusRows(spam.c)).toEqual([]);
    expect(await statusRows(phone)).toEqual([]);
  });
});

describe('the rating request after a closing (docs/adr/0053)', () => {
  const ratingRows = async (c: ComplaintHistory) => (await app.deliveries(c.complaintId)).filter((d) => d.purpose === 'RATING_REQUEST');
  /** Folds every event of `c` not folded yet, as the running consumer would. */
  const feed = async (c: ComplaintHistory, from = 0) => {
    for (const envelope of c.envelopes.slice(from)) await app.runtime.dataSource.transaction((tx) => app.consumer.handle(asConsumed(envelope), tx));
  };
  const sentRequests = (number: string) => sentTo(number).filter((s) => s.template?.name === 'pengaduan_permintaan_penilaian');

  it('asks the reporter of a closed WhatsApp complaint for a rating with the approved template, once, and records the receipts', async () => {
    const { c, number } = await whatsappComplaint('CLOSED');
    const [row] = await eventually(async () => {
      const r = await ratingRows(c);
      return r[0]?.status === 'SENT' ? r : undefined;
    }, 15_000, 'the rating request');
    expect(row?.channels).toEqual(['WHATSAPP']);
    expect(sentRequests(number).map((s) => s.template)).toEqual([{ name: 'pengaduan_permintaan_penilaian', language: 'id', parameters: [c.trackingNumber] }]);
    const id = sentRequests(number)[0]?.id ?? '';
    await fake.sendStatuses(id, ['sent', 'delivered']);
    await eventually(async () => ((await ratingRows(c))[0]?.status === 'DELIVERED' ? true : undefined), 10_000, 'the receipts');
    // A redelivered complaint.closed asks nothing more; no complaint event for the request.
    const closed = c.envelopes.find((e) => e.type === 'complaint.closed');
    if (!closed) throw new Error('no complaint.closed in the history');
    await app.runtime.dataSource.transaction((tx) => app.consumer.handle(asConsumed(closed), tx)).catch(() => undefined);
    await app.dispatcher.dispatchDue();
    expect(await ratingRows(c)).toHaveLength(1);
    expect(sentRequests(number)).toHaveLength(1);
    expect((await app.eventsOf(c.complaintId)).map((e) => e.type)).toEqual(['complaint.acknowledged']);
  });

  it('asks again after the closing that ends an appeal round, as text inside the window', async () => {
    const { c, number } = await whatsappComplaint('CLOSED', { windowOpen: true });
    await eventually(async () => ((await ratingRows(c))[0]?.status === 'SENT' ? true : undefined), 15_000, 'the first rating request');
    const folded = c.envelopes.length;
    c.when({ type: 'rate', actor: { kind: 'system', service: 'intake' }, rating: 1, hasComment: false, appealWindowDays: 14 });
    c.when({ type: 'reviewAppeal', actor: c.officers.kepalaKantor, decision: 'UPHOLD', reason: 'Jawaban sesuai ketentuan' });
    c.until('CLOSED');
    await feed(c, folded);
    const rows = await eventually(async () => {
      const r = await ratingRows(c);
      return r.length === 2 && r.every((d) => d.status === 'SENT') ? r : undefined;
    }, 15_000, 'the second rating request');
    expect(rows).toHaveLength(2);
    const texts = sentTo(number).filter((s) => s.type === 'text' && s.text?.includes('penilaian'));
    expect(texts).toHaveLength(2);
    expect(texts.every((s) => s.text?.includes(c.trackingNumber) && s.text.includes('1') && s.text.includes('5'))).toBe(true);
  });

  it('asks nothing for a dismissed message, a phone complaint, an old closing replayed, nor where the office turned it off', async () => {
    const spam = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
    reporters.set(spam.complaintId, { channel: 'WHATSAPP', recipient: '+628120000001' });
    spam.until('DISMISSED').until('CLOSED');
    await feed(spam);
    const phone = new ComplaintHistory({ officeCode: office, channel: 'PHONE' });
    await app.seed(phone, 'CLOSED');
    const old = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
    old.until('CLOSED', { endingAt: new Date(clock.now().getTime() - 2 * 86_400_000) });
    await feed(old);
    const quiet = randomOfficeCode();
    const quietHead = { userId: `kakan-${quiet}`, role: 'KEPALA_KANTOR', officeCode: quiet };
    await app.grpc.call('setStatusMessages', { officeCode: quiet, switches: [{ purpose: NotificationPurpose.RATING_REQUEST, enabled: false }], actor: quietHead, requestKey: randomUUID() });
    const off = await whatsappComplaint('CLOSED', { officeCode: quiet });
    await app.dispatcher.dispatchDue();
    for (const c of [spam, phone, old, off.c]) expect(await ratingRows(c)).toEqual([]);
    // The office's other status messages still go.
    expect((await statusRows(off.c)).length).toBeGreaterThan(0);
  });

  it('sends nothing where intake gives no address (a contact restricted or erased) and makes no call task of it', async () => {
    const c = new ComplaintHistory({ officeCode: office, channel: 'WHATSAPP' });
    reporters.delete(c.complaintId);
    await app.seed(c, 'CLOSED');
    const [row] = await eventually(async () => {
      const r = await ratingRows(c);
      return r[0] && r[0].status !== 'PENDING' ? r : undefined;
    }, 15_000, 'the rating request given up');
    expect(row?.status).toBe('UNDELIVERED');
    // The acknowledgement no channel gave is a call task (ADR 0051); the rating request is none.
    const tasks = (await app.runtime.dataSource.query('SELECT purpose FROM call_task WHERE complaint_id = $1', [c.complaintId])) as { purpose: string }[];
    expect(tasks.map((t) => t.purpose)).toEqual(['ACKNOWLEDGEMENT']);
  });
});

describe("an office's status-message settings", () => {
  it('are all on until the head of office turns one off; the next step is then not told, another office is untouched', async () => {
    const before = await settingsOf();
    expect(before?.version).toBe(0);
    expect(before?.switches.map((s) => s.enabled)).toEqual([true, true, true, true]);

    const key = randomUUID();
    const answer = await turn(NotificationPurpose.STATUS_DISPOSED, false, { requestKey: key, expectedVersion: 0 });
    expect(answer.changed).toBe(true);
    expect(answer.settings?.version).toBe(1);
    expect(answer.settings?.switches.find((s) => s.purpose === NotificationPurpose.STATUS_DISPOSED)?.enabled).toBe(false);
    // The same request again answers the same and records nothing more; the key with another change is refused.
    expect(await turn(NotificationPurpose.STATUS_DISPOSED, false, { requestKey: key, expectedVersion: 0 })).toMatchObject({ changed: false, settings: { version: 1 } });
    await expect(turn(NotificationPurpose.STATUS_DECIDED, false, { requestKey: key })).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    await expect(turn(NotificationPurpose.STATUS_DECIDED, false, { expectedVersion: 0 })).rejects.toMatchObject({ code: 'STATUS_MESSAGES.VERSION_CONFLICT' });

    const { c } = await whatsappComplaint('SECTION_PROCESSED');
    await eventually(async () => ((await statusRows(c))[0]?.status === 'SENT' ? true : undefined), 15_000, 'the status message');
    expect((await statusRows(c)).map((d) => d.purpose)).toEqual(['STATUS_CONFIRMED']);

    expect((await settingsOf(otherOffice))?.version).toBe(0);
    const other = await whatsappComplaint('DISPOSED', { officeCode: otherOffice });
    expect((await statusRows(other.c)).map((d) => d.purpose)).toEqual(['STATUS_CONFIRMED', 'STATUS_DISPOSED']);
  });

  it('are changed by the head of that office alone', async () => {
    for (const actor of [
      { userId: 'admin-1', role: 'ADMIN_TIKKIM', officeCode: office },
      { userId: 'auditor-1', role: 'AUDITOR', officeCode: office },
      { userId: `kakan-${otherOffice}`, role: 'KEPALA_KANTOR', officeCode: otherOffice },
    ]) {
      await expect(turn(NotificationPurpose.STATUS_CONFIRMED, false, { actor })).rejects.toMatchObject({ code: 'STATUS_MESSAGES.FORBIDDEN_ROLE' });
    }
    await expect(
      app.grpc.call('setStatusMessages', { officeCode: office, switches: [{ purpose: NotificationPurpose.ACKNOWLEDGEMENT, enabled: false }], actor: head, requestKey: randomUUID() }),
    ).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
    expect((await settingsOf())?.switches.find((s) => s.purpose === NotificationPurpose.STATUS_CONFIRMED)?.enabled).toBe(true);
  });
});
