import { eventually, FakeTwilio, FakeWhatsApp, randomOfficeCode, sql, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { randomBytes } from 'node:crypto';
import { SopOverRest } from '../__fixtures__/sop-over-rest';

// Complainants write over WhatsApp and SMS to fake providers that speak the real APIs; every
// service runs as its own process on the real broker and Postgres; the providers' webhooks come
// in through the gateway's public port, signed as the real ones sign them; officers carry the
// complaints through the SOP over REST, and the answer goes back over the channel.

const office = randomOfficeCode();
const secrets = {
  appSecret: randomBytes(16).toString('hex'),
  accessToken: `EAAG${randomBytes(12).toString('hex')}`,
  accountSid: `AC${randomBytes(16).toString('hex')}`,
  authToken: randomBytes(16).toString('hex'),
};
const whatsapp = new FakeWhatsApp({ appSecret: secrets.appSecret, accessToken: secrets.accessToken, autoReceipts: true });
const twilio = new FakeTwilio({ accountSid: secrets.accountSid, authToken: secrets.authToken, number: '+6281100001111', autoReceipts: true });
const verifyToken = randomBytes(8).toString('hex');
let stack: PlatformStack;
let sop: SopOverRest;

const HOUR = 3_600_000;
const number = () => `628${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

// Starting the service processes on two cores can take longer than one test may (hence the hook's own timeout).
beforeAll(async () => {
  await whatsapp.start();
  await twilio.start();
  stack = await startPlatformStack({
    extraEnv: ({ gatewayUrl }) => ({
      PUBLIC_BASE_URL: gatewayUrl,
      META_GRAPH_URL: whatsapp.url,
      WHATSAPP_PHONE_NUMBERS: `${whatsapp.phoneNumberId}=${office}`,
      WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_VERIFY_TOKEN: verifyToken,
      TWILIO_ACCOUNT_SID: secrets.accountSid,
      TWILIO_AUTH_TOKEN: secrets.authToken,
      TWILIO_NUMBERS: `+6281100001111=${office}`,
      TWILIO_API_URL: twilio.url,
      NOTIFICATION_FALLBACK_CHANNELS: 'SMS',
    }),
  });
  whatsapp.webhookUrl = `${stack.gatewayUrl}/webhooks/whatsapp`;
  twilio.webhookUrl = `${stack.gatewayUrl}/webhooks/twilio`;
  sop = await new SopOverRest(stack, office).setUp();
}, 240_000);

afterAll(async () => {
  const codes = stack ? await stack.stop() : {};
  await stack?.dispose();
  await whatsapp.stop();
  await twilio.stop();
  expect(Object.values(codes).every((c) => c === 0)).toBe(true);
});

/** The complaint a provider message became, once intake processed it. */
async function complaintOf(provider: string, providerMessageId: string): Promise<string> {
  const schema = stack.schemas['intake'];
  const id = await eventually(async () => {
    const [row] = (await sql(`SELECT complaint_id FROM "${schema}".inbound_message WHERE provider = $1 AND provider_message_id = $2 AND status = 'PROCESSED'`, [
      provider,
      providerMessageId,
    ])) as { complaint_id: string }[];
    return row?.complaint_id;
  }, 20_000, `${provider} message ${providerMessageId} to become a complaint`);
  await sop.expectStatus(id, 'RECEIVED');
  return id;
}

/** The statuses of the receipts intake kept for a sent message, once it has handed every one of them to notification. */
async function receiptsHandedOver(provider: string, providerMessageId: string): Promise<string[]> {
  const schema = stack.schemas['intake'];
  return eventually(async () => {
    const rows = (await sql(`SELECT status, forwarded_at IS NOT NULL AS forwarded FROM "${schema}".inbound_receipt WHERE provider = $1 AND provider_message_id = $2`, [
      provider,
      providerMessageId,
    ])) as { status: string; forwarded: boolean }[];
    return rows.length > 0 && rows.every((r) => r.forwarded) ? rows.map((r) => r.status) : undefined;
  }, 20_000, `intake to hand every receipt of ${provider} message ${providerMessageId} to notification`);
}

/** The ids of the events of one type that a service recorded for a complaint (its outbox). */
async function recordedBy(service: string, id: string, type: string): Promise<string[]> {
  const rows = (await sql(`SELECT event_id FROM "${stack.schemas[service]}".outbox WHERE message_key = $1 AND event_type = $2`, [id, type])) as { event_id: string }[];
  return rows.map((r) => r.event_id);
}

async function timeline(id: string): Promise<{ type: string; data?: Record<string, unknown> }[]> {
  const r = await sop.call('GET', `/complaints/${id}/timeline`, 'auditor');
  return r.body['events'] as { type: string; data?: Record<string, unknown> }[];
}

async function trackingNumber(id: string): Promise<string> {
  return (await sop.call('GET', `/complaints/${id}`, 'admin')).body['trackingNumber'] as string;
}

describe('complaints over the channels, end to end', () => {
  it('answers the Meta webhook handshake through the public port', async () => {
    const ok = await fetch(`${stack.gatewayUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const refused = await fetch(`${stack.gatewayUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(refused.status).toBe(403);
  });

  it('takes a WhatsApp complaint through all eight steps to CLOSED, answered inside the 24-hour window as text', async () => {
    const from = number();
    const first = await whatsapp.sendText(from, 'Saya dimintai uang tambahan saat mengambil paspor di loket 3.', { name: 'Dewi Lestari' });
    expect(first.answer.status).toBe(200);
    const id = await complaintOf('whatsapp', first.messageId);
    const tn = await trackingNumber(id);

    // The acknowledgement with the tracking number, as free text (the complainant just wrote).
    await eventually(async () => whatsapp.sent.find((m) => m.to.endsWith(from) && m.text?.includes(tn)), 20_000, 'the acknowledgement');
    // Redelivered by the provider: nothing more is stored.
    expect((await whatsapp.postRaw(whatsapp.textWebhookBody(from, 'Pesan yang sama lagi.', { messageId: first.messageId }).body)).status).toBe(200);
    const second = await whatsapp.sendText(from, 'Kejadiannya hari Senin sekitar pukul 10 pagi.');
    await eventually(async () => ((await timeline(id)).some((e) => e.type === 'complaint.message-appended') ? true : undefined), 20_000, 'the second message');
    expect(second.answer.status).toBe(200);

    await sop.toTeamFormed(id);
    const info = 'Petugas loket 3 telah diperiksa dan dijatuhi sanksi disiplin. Terima kasih atas laporan Anda.';
    await sop.act('admin', id, 'follow-up-information', { text: info }, 'REPORTER_INFORMED');

    // The provider's delivery receipt closes it (SOP step 8), no officer needed.
    await sop.expectStatus(id, 'CLOSED');
    const answer = whatsapp.sent.filter((m) => m.to.endsWith(from)).at(-1);
    expect(answer).toMatchObject({ type: 'text' });
    expect(answer?.text).toContain(info);
    const events = await timeline(id);
    expect(events.filter((e) => e.type === 'complaint.message-appended')).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['complaint.received', 'complaint.acknowledged', 'complaint.reporter-informed', 'complaint.information-delivered', 'complaint.closed']));
  });

  it('answers with the approved template once the complainant’s last message is more than 24 hours old', async () => {
    const from = number();
    const first = await whatsapp.sendText(from, 'Antrean paspor tidak tertib dan petugas tidak ramah.', { timestamp: new Date(Date.now() - 30 * HOUR) });
    const id = await complaintOf('whatsapp', first.messageId);
    const tn = await trackingNumber(id);
    await sop.toTeamFormed(id);
    const info = 'Tata cara antrean telah diperbaiki mulai pekan ini.';
    await sop.act('admin', id, 'follow-up-information', { text: info }, 'REPORTER_INFORMED');

    await sop.expectStatus(id, 'CLOSED');
    const answers = whatsapp.sent.filter((m) => m.to.endsWith(from));
    expect(answers.every((m) => m.type === 'template')).toBe(true);
    expect(answers.at(-1)?.template).toEqual({ name: 'pengaduan_tindak_lanjut', language: 'id', parameters: [tn, expect.stringContaining(info)] });
  });

  it('answers an SMS complaint by SMS, and applies receipts that come out of order and twice', async () => {
    const from = `+${number()}`;
    const sms = await twilio.sendSms(from, 'Pengaduan: calo menawarkan jasa percepatan paspor di depan kantor.');
    expect(sms.answer.status).toBe(200);
    const id = await complaintOf('twilio', sms.messageSid);
    const tn = await trackingNumber(id);
    await eventually(async () => twilio.sent.find((m) => m.to === from && m.body.includes(tn)), 20_000, 'the acknowledgement by SMS');

    await sop.toTeamFormed(id);
    twilio.autoReceipts = false;
    try {
      const info = 'Calo telah ditertibkan bersama aparat setempat.';
      await sop.act('admin', id, 'follow-up-information', { text: info }, 'REPORTER_INFORMED');
      const answer = await eventually(async () => twilio.sent.find((m) => m.to === from && m.body.includes(info)), 20_000, 'the answer by SMS');
      expect(answer.statusCallback).toBe(`${stack.gatewayUrl}/webhooks/twilio/status`);
      // Out of order, and the delivery twice: one delivery recorded, the complaint closed once.
      const answers = await twilio.sendStatuses(answer.sid, ['delivered', 'sent', 'queued', 'delivered']);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      await sop.expectStatus(id, 'CLOSED');
      // Not counted the moment it closes: the repeated receipt may still be on its way then. Each
      // webhook was answered once intake committed it, so these rows are all there will be; once
      // every one is forwarded, notification has applied them all, and what they recorded is in
      // its outbox, written in the same transaction.
      expect((await receiptsHandedOver('twilio', answer.sid)).sort()).toEqual(['delivered', 'queued', 'sent']);
      const delivered = await recordedBy('notification', id, 'complaint.information-delivered');
      const closed = await recordedBy('notification', id, 'complaint.closed');
      expect([delivered.length, closed.length]).toEqual([1, 1]);
      await sop.expectApplied(id, [...delivered, ...closed]);
      const events = await timeline(id);
      expect(events.filter((e) => e.type === 'complaint.information-delivered')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'complaint.closed')).toHaveLength(1);
    } finally {
      twilio.autoReceipts = true;
    }
  });

  it('retries a rate-limited WhatsApp answer as the provider asks, records each failed attempt, and delivers once it recovers', async () => {
    const from = number();
    const first = await whatsapp.sendText(from, 'Formulir pengaduan di kantor tidak tersedia.');
    const id = await complaintOf('whatsapp', first.messageId);
    await sop.toTeamFormed(id);
    await eventually(async () => whatsapp.sent.find((m) => m.to.endsWith(from)), 20_000, 'the acknowledgement');

    whatsapp.failNext(
      2,
      { status: 429, body: { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id: 'AbCdEf' } }, headers: { 'retry-after': '1' } },
      (r) => r.method === 'POST' && r.path.endsWith('/messages'),
    );
    await sop.act('admin', id, 'follow-up-information', { text: 'Formulir kini tersedia di loket informasi.' }, 'REPORTER_INFORMED');

    await sop.expectStatus(id, 'CLOSED', 60_000);
    const failures = (await timeline(id)).filter((e) => e.type === 'complaint.notification-failed');
    expect(failures).toHaveLength(2);
  });

  it('refuses a webhook with a wrong signature at the public port and stores nothing', async () => {
    const { body } = whatsapp.textWebhookBody(number(), 'Pesan palsu.', { messageId: 'wamid.forged' });
    const answer = await whatsapp.postRaw(body, { signature: `sha256=${'0'.repeat(64)}` });
    expect(answer.status).toBe(403);
    const rows = (await sql(`SELECT count(*)::int AS n FROM "${stack.schemas['intake']}".inbound_message WHERE provider_message_id = 'wamid.forged'`)) as { n: number }[];
    expect(rows[0].n).toBe(0);
  });
});
