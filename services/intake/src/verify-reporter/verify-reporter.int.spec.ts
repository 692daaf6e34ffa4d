import { Channel, COMPLAINT_EVENTS_TOPIC, dlqTopicFor, IntakeService } from '@pengaduan/contracts';
import { createLogger, SettableClock } from '@pengaduan/runtime';
import {
  deleteTopics,
  dropSchema,
  eventually,
  FakeTelegram,
  GrpcTestClient,
  randomOfficeCode,
  startGroupAtEnd,
  startTestService,
  uniqueSchemaName,
  uniqueSuffix,
  type MethodsOf,
} from '@pengaduan/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceRuntime } from '@pengaduan/messaging';
import { testConfig } from '../__fixtures__/intake-test-kit';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { openStoredReporter } from '../reporter-contact/reporter-contacts';
import { TRACKING_PINS_KEPT, type SealedReporter } from '../reporter-contact/tracking-pin';
import { StateConsumerGroup } from '../complaint-state/own-events';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../service-entry';

// intake as main.ts runs it (its own schema on the run's Postgres), asked over real gRPC as the gateway asks it.
const schema = uniqueSchemaName('intake_verify');
const group = new StateConsumerGroup(`intake-verify-test-${uniqueSuffix()}`, { maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } });
const office = randomOfficeCode();
const admin = { userId: 'u-admin-1', role: 'ADMIN_TIKKIM', officeCode: office };
let app: INestApplication;
let client: GrpcTestClient<MethodsOf<typeof IntakeService>>;
/** intake's HTTP server: the web form and its status, as the gateway forwards them. */
let baseUrl: string;
// Reporters who write over Telegram leave only their chat id: the complaints that get a tracking PIN.
const bot = { botToken: `7000000001:${uniqueSuffix()}`, webhookSecret: `secret-${uniqueSuffix()}` };
const telegram = new FakeTelegram({ botToken: bot.botToken, secretToken: bot.webhookSecret });

beforeAll(async () => {
  await startGroupAtEnd(group.groupId, COMPLAINT_EVENTS_TOPIC);
  await telegram.start();
  const logger = createLogger('intake-verify-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  const config = {
    ...testConfig(schema),
    channels: { telegram: { ...bot, office, apiUrl: telegram.url }, webForm: { offices: [office] }, off: [] },
  };
  const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
  const service = await startTestService(intakeService, config, IntakeModule.forRoot(config, logger, { clock, stateConsumerGroup: group }), logger);
  app = service.app;
  telegram.webhookUrl = `${service.baseUrl}/webhooks/telegram`;
  baseUrl = service.baseUrl;
  await app.get(ServiceRuntime).ready();
  client = new GrpcTestClient(IntakeService, service.grpcAddress);
});

afterAll(async () => {
  client?.close();
  await app?.close();
  await telegram.stop();
  await dropSchema(schema);
  await deleteTopics([dlqTopicFor(group.groupId)]);
});

/** Admin tikkim enters a complaint by phone with this contact; answers its id and tracking number. */
async function registered(contact?: { name?: string; phone?: string; email?: string }): Promise<{ complaintId: string; trackingNumber: string }> {
  const r = await client.call('registerComplaint', {
    requestId: randomUUID(),
    officeCode: office,
    channel: Channel.PHONE,
    text: 'Petugas loket meminta uang tambahan untuk paspor saya.',
    ...(contact ? { contact } : {}),
    anonymous: false,
    actor: admin,
  });
  return { complaintId: r.complaintId, trackingNumber: r.trackingNumber };
}

const verify = (trackingNumber: string, verifier: string) => client.call('verifyReporter', { trackingNumber, verifier });

describe('a reporter proves a complaint is theirs to follow it on the public page', () => {
  let both: { complaintId: string; trackingNumber: string };
  beforeAll(async () => {
    both = await registered({ name: 'Siti Rahayu', phone: '+6281234567890', email: 'Siti.Rahayu@Example.id' });
  });

  it('with the last four digits of the phone number they gave, spaces around them forgiven', async () => {
    expect(await verify(both.trackingNumber, '7890')).toMatchObject({ matched: true, complaintId: both.complaintId });
    expect(await verify(both.trackingNumber, ' 7890 ')).toMatchObject({ matched: true, complaintId: both.complaintId });
  });

  it('with the e-mail address they gave, in any case', async () => {
    expect(await verify(both.trackingNumber, '  siti.rahayu@EXAMPLE.ID ')).toMatchObject({ matched: true, complaintId: both.complaintId });
  });

  it.each(['7891', '67890', '890', '+6281234567890', '081234567890', 'siti.rahayu@example.com', 'Siti Rahayu', '', '    '])('is not matched by %j', async (verifier) => {
    const answer = await verify(both.trackingNumber, verifier);
    expect(answer.matched).toBe(false);
    expect(answer.complaintId).toBeUndefined();
  });

  it('answers an unknown tracking number exactly as a wrong verifier, with no error', async () => {
    const unknown = await verify(`${office}-2026-999999`, '7890');
    const wrong = await verify(both.trackingNumber, '0000');
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ matched: false });
  });

  it('reads the digits of a phone number written with spaces and dashes', async () => {
    const c = await registered({ phone: '+62 812-3456-4321' });
    expect(await verify(c.trackingNumber, '4321')).toMatchObject({ matched: true, complaintId: c.complaintId });
  });

  it('never matches a complaint whose reporter left neither a phone nor an e-mail', async () => {
    const nameOnly = await registered({ name: 'Budi' });
    const noContact = await registered();
    for (const c of [nameOnly, noContact]) {
      for (const verifier of ['', ' ', 'Budi', '0000']) expect((await verify(c.trackingNumber, verifier)).matched).toBe(false);
    }
  });

  it('matches only the complaint whose tracking number is given', async () => {
    const other = await registered({ phone: '+6285711112222' });
    expect((await verify(other.trackingNumber, '7890')).matched).toBe(false);
    expect(await verify(other.trackingNumber, '2222')).toMatchObject({ matched: true, complaintId: other.complaintId });
  });
});

describe('a reporter who gave neither phone nor e-mail follows the complaint with the tracking PIN of their acknowledgement', () => {
  const db = () => app.get(ServiceRuntime).dataSource;
  const chatId = 880_000_000 + Math.floor(Math.random() * 1e6);
  let complaint: { complaintId: string; trackingNumber: string; reporterRef: string };
  const acknowledge = (purpose = 'ACKNOWLEDGE') =>
    client.call('resolveReporterAddress', { complaintId: complaint.complaintId, reporterRef: complaint.reporterRef, channel: Channel.TELEGRAM, purpose });

  beforeAll(async () => {
    await telegram.sendText(chatId, 'Petugas meminta uang tambahan saat saya memperpanjang paspor.', { firstName: 'Rudi' });
    complaint = await eventually(
      async () => {
        const [row] = (await db().query(`SELECT id, tracking_number, reporter_ref FROM complaint WHERE channel = 'TELEGRAM' AND office_code = $1`, [office])) as {
          id: string;
          tracking_number: string;
          reporter_ref: string;
        }[];
        return row ? { complaintId: row.id, trackingNumber: row.tracking_number, reporterRef: row.reporter_ref } : undefined;
      },
      30_000,
      'the Telegram message registered as a complaint',
    );
  });

  it('gets a PIN with the address its acknowledgement goes to, and the PIN proves the complaint is theirs', async () => {
    const answer = await acknowledge();
    expect(answer).toMatchObject({ found: true, recipient: String(chatId), trackingPin: expect.stringMatching(/^\d{8}$/) });
    const pin = answer.trackingPin ?? '';
    expect(await verify(complaint.trackingNumber, pin)).toMatchObject({ matched: true, complaintId: complaint.complaintId });
    expect(await verify(complaint.trackingNumber, ` ${pin} `)).toMatchObject({ matched: true });
    for (const wrong of [String((Number(pin) + 1) % 1e8).padStart(8, '0'), pin.slice(1), String(chatId), 'Rudi']) {
      expect((await verify(complaint.trackingNumber, wrong)).matched).toBe(false);
    }
  });

  it('keeps the PIN of an acknowledgement sent again valid beside the new one, and gives none with other messages', async () => {
    const first = (await acknowledge()).trackingPin ?? '';
    const again = (await acknowledge()).trackingPin ?? '';
    expect(again).not.toBe(first);
    for (const pin of [first, again]) expect((await verify(complaint.trackingNumber, pin)).matched).toBe(true);
    expect((await acknowledge('SEND_FOLLOW_UP')).trackingPin).toBeUndefined();
    // The PIN proves this complaint only.
    const other = await registered({ phone: '+6285700001111' });
    expect((await verify(other.trackingNumber, first)).matched).toBe(false);
  });

  it('keeps the PIN nowhere in clear, never in an event, and never shows an officer its hash', async () => {
    const pin = (await acknowledge()).trackingPin ?? '';
    const stored = JSON.stringify(await db().query('SELECT * FROM reporter_contact WHERE reporter_ref = $1', [complaint.reporterRef]));
    const events = JSON.stringify(await db().query('SELECT * FROM outbox'));
    for (const text of [stored, events]) expect(text).not.toContain(pin);
    expect(events).not.toMatch(/trackingPin|tracking_pin/i);
    const read = await client.call('getComplaint', { complaintId: complaint.complaintId, actor: admin, contactPurpose: 'CONFIRM' });
    expect(read.complaint?.contact).toMatchObject({ handle: String(chatId) });
    expect(JSON.stringify(read.complaint?.contact)).not.toMatch(/trackingPin|Hash/i);
  });

  it('gives no PIN to a reporter who can prove the complaint with their phone number', async () => {
    const withPhone = await registered({ phone: '+6281399998888' });
    const [{ reporter_ref: reporterRef }] = (await db().query('SELECT reporter_ref FROM complaint WHERE id = $1', [withPhone.complaintId])) as { reporter_ref: string }[];
    const answer = await client.call('resolveReporterAddress', { complaintId: withPhone.complaintId, reporterRef, channel: Channel.SMS, purpose: 'ACKNOWLEDGE' });
    expect(answer).toMatchObject({ found: true, recipient: '+6281399998888' });
    expect(answer.trackingPin).toBeUndefined();
  });
});

describe('a web-form reporter who gave neither phone nor e-mail follows the complaint with the PIN the page shows (ADR 0052)', () => {
  const db = () => app.get(ServiceRuntime).dataSource;
  interface StatusAnswer {
    status: number;
    cacheControl: string | null;
    body: { status?: string; trackingNumber?: string; trackingPin?: string; code?: string };
  }
  const submit = async (fields: Record<string, string> = {}): Promise<string> => {
    const submissionId = randomUUID();
    const res = await fetch(`${baseUrl}/webhooks/web-form`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId, office, text: 'Petugas loket meminta uang tambahan agar paspor saya cepat selesai.', ...fields }),
    });
    expect(res.status).toBe(200);
    return submissionId;
  };
  const statusOf = async (submissionId: string): Promise<StatusAnswer> => {
    const res = await fetch(`${baseUrl}/webhooks/web-form/${submissionId}`);
    return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as StatusAnswer['body'] };
  };
  const registeredStatus = (submissionId: string) =>
    eventually(
      async () => {
        const answer = await statusOf(submissionId);
        return answer.body.status === 'REGISTERED' ? answer : undefined;
      },
      30_000,
      'the web form submission registered',
    );
  /** What intake sealed for the reporter of `trackingNumber`, opened as only the verifier opens it. */
  const sealedOf = async (trackingNumber: string): Promise<SealedReporter> => {
    const [row] = (await db().query('SELECT r.reporter_ref, r.sealed, r.key_id FROM complaint c JOIN reporter_contact r ON r.reporter_ref = c.reporter_ref WHERE c.tracking_number = $1', [
      trackingNumber,
    ])) as { reporter_ref: string; sealed: Buffer; key_id: string }[];
    // Under the reporter's own data key (docs/adr/0057).
    return (await openStoredReporter(db().manager, app.get(ContactCipher), row.reporter_ref, row.sealed, row.key_id, trackingNumber)) ?? {};
  };
  let submissionId: string;
  let first: StatusAnswer;
  const pins: string[] = [];

  beforeAll(async () => {
    submissionId = await submit({ name: 'Rudi' });
    first = await registeredStatus(submissionId);
    pins.push(first.body.trackingPin ?? '');
  });

  it('answers the tracking number with a PIN, never to be stored, and the PIN proves the complaint is theirs', async () => {
    const trackingNumber = first.body.trackingNumber ?? '';
    expect(first).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'REGISTERED', trackingNumber, trackingPin: expect.stringMatching(/^\d{8}$/) } });
    const [{ id }] = (await db().query('SELECT id FROM complaint WHERE tracking_number = $1', [trackingNumber])) as { id: string }[];
    expect(await verify(trackingNumber, pins[0])).toMatchObject({ matched: true, complaintId: id });
    expect(await verify(trackingNumber, ` ${pins[0]} `)).toMatchObject({ matched: true });
    for (const wrong of [String((Number(pins[0]) + 1) % 1e8).padStart(8, '0'), pins[0].slice(1), 'Rudi', submissionId, '']) {
      expect((await verify(trackingNumber, wrong)).matched).toBe(false);
    }
  });

  it(`shows another PIN after a reload, up to ${TRACKING_PINS_KEPT} in all, each of them still valid; later answers show the number alone`, async () => {
    const trackingNumber = first.body.trackingNumber ?? '';
    for (let n = 2; n <= TRACKING_PINS_KEPT; n++) {
      const answer = await statusOf(submissionId);
      expect(answer.body).toEqual({ status: 'REGISTERED', trackingNumber, trackingPin: expect.stringMatching(/^\d{8}$/) });
      pins.push(answer.body.trackingPin ?? '');
    }
    expect(new Set(pins).size).toBe(TRACKING_PINS_KEPT);
    for (let n = 0; n < 3; n++) expect(await statusOf(submissionId)).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'REGISTERED', trackingNumber } });
    for (const pin of pins) expect((await verify(trackingNumber, pin)).matched).toBe(true);
    expect((await sealedOf(trackingNumber)).trackingPinHashes).toHaveLength(TRACKING_PINS_KEPT);
  });

  it('keeps only salted hashes of the PINs, inside the sealed contact: no PIN in clear in any table of intake, nor in an event', async () => {
    const trackingNumber = first.body.trackingNumber ?? '';
    const sealed = await sealedOf(trackingNumber);
    expect(sealed).toEqual({ name: 'Rudi', trackingPinHashes: expect.any(Array) });
    for (const hash of sealed.trackingPinHashes ?? []) expect(hash).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    const tables = (await db().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`, [schema])) as { table_name: string }[];
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['reporter_contact', 'outbox', 'inbound_message', 'complaint']));
    for (const { table_name: table } of tables) {
      const rows = (await db().query(`SELECT * FROM "${schema}"."${table}"`)) as Record<string, unknown>[];
      const text = rows.map((r) => JSON.stringify(Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)))).join('\n');
      for (const pin of pins) expect({ table, clear: text.includes(pin) }).toEqual({ table, clear: false });
    }
    expect(JSON.stringify(await db().query('SELECT * FROM outbox'))).not.toMatch(/trackingPin|tracking_pin/i);
    const [{ id }] = (await db().query('SELECT id FROM complaint WHERE tracking_number = $1', [trackingNumber])) as { id: string }[];
    const read = await client.call('getComplaint', { complaintId: id, actor: admin, contactPurpose: 'CONFIRM' });
    expect(JSON.stringify(read.complaint?.contact)).not.toMatch(/trackingPin|Hash/i);
  });

  it('gives no PIN to a web-form reporter who gave a phone number or an e-mail address: they prove the complaint with those', async () => {
    const contacts: Record<string, string>[] = [{ phone: '+6281355554444' }, { email: 'dewi@example.id' }, { name: 'Dewi', phone: '+6281355553333', email: 'dewi@example.id' }];
    for (const contact of contacts) {
      const id = await submit(contact);
      const answer = await registeredStatus(id);
      expect(answer.body).toEqual({ status: 'REGISTERED', trackingNumber: expect.any(String) });
      expect((await statusOf(id)).body).toEqual(answer.body);
      expect((await sealedOf(answer.body.trackingNumber ?? '')).trackingPinHashes).toBeUndefined();
    }
  });

  it('tells an unknown or forged submission id nothing, nor a message of another channel, and a PIN proves only its own complaint', async () => {
    const forged = await statusOf(randomUUID());
    expect(forged).toMatchObject({ status: 404, cacheControl: 'no-store', body: { code: 'WEB_FORM.NOT_FOUND' } });
    expect(JSON.stringify(forged.body)).not.toMatch(/trackingPin|trackingNumber/);
    // A Telegram message is stored before its webhook is answered; its id is no web form's submission (not even shaped like one).
    const telegramMessage = await telegram.sendText(890_000_000 + Math.floor(Math.random() * 1e6), 'Antrean paspor tidak tertib dan ada calo.', { firstName: 'Ani' });
    const byTelegramId = await statusOf(telegramMessage.providerMessageId);
    expect(byTelegramId.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(byTelegramId.body)).not.toMatch(/trackingPin|trackingNumber/);

    const other = await registeredStatus(await submit());
    const otherPin = other.body.trackingPin ?? '';
    expect(otherPin).toMatch(/^\d{8}$/);
    expect(other.body.trackingNumber).not.toBe(first.body.trackingNumber);
    expect((await verify(first.body.trackingNumber ?? '', otherPin)).matched).toBe(false);
    for (const pin of pins) expect((await verify(other.body.trackingNumber ?? '', pin)).matched).toBe(false);
    expect((await verify(other.body.trackingNumber ?? '', otherPin)).matched).toBe(true);
  });
});
