// intake's channel webhooks over real HTTP: the Nest app as intake runs it (no body parsers),
// on a schema of its own against the run's Postgres and Kafka, with a fake WhatsApp and a fake
// Twilio posting signed webhooks and serving media. Outcomes are read from intake's tables.
import type { InboundProvider } from '@pengaduan/channels';
import { COMPLAINT_EVENTS_TOPIC, dlqTopicFor, parseEnvelope, type EventEnvelope } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, SettableClock } from '@pengaduan/runtime';
import { deleteTopics, dropSchema, eventually, FakeTwilio, FakeWhatsApp, freePort, randomOfficeCode, startGroupAtEnd, startTestService, uniqueSchemaName, uniqueSuffix } from '@pengaduan/testing';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { testConfig } from '../__fixtures__/intake-test-kit';
import { StateConsumerGroup } from '../complaint-state/own-events';
import type { IntakeServiceConfig } from '../config';
import { GetComplaintHandler } from '../get-complaint/get-complaint.handler';
import { InboundProcessor } from '../inbound-messages/inbound-processor';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../service-entry';
import { ContactCipher } from '../reporter-contact/contact-cipher';
import { readReporterContact } from '../reporter-contact/reporter-contacts';
import { SenderDigest } from '../inbound-messages/sender-digest';
import { prepareWebhook } from './inbound-store';
import { WebhookGroupCommit } from './webhook-group-commit';
import { ResolveReporterAddressHandler } from '../resolve-reporter-address/resolve-reporter-address.handler';

const LIMIT = 64 * 1024;
const VERIFY_TOKEN = `verify-${randomBytes(8).toString('hex')}`;
const TWILIO_NUMBER = '+6281100001111';

const schema = uniqueSchemaName('intake_webhooks');
// Other suites publish partial histories to the shared topic on purpose; this group starts at
// the topic's end and gives up on a foreign event at once rather than retrying it for seconds.
const group = new StateConsumerGroup(`intake-webhooks-test-${uniqueSuffix()}`, { maxAttempts: 1, backoff: { initialMs: 10, maxMs: 50 } });
const office = randomOfficeCode();
const clock = new SettableClock(new Date('2026-11-27T02:00:00Z'));
const appSecret = randomBytes(16).toString('hex');
const accessToken = `EAAG${randomBytes(16).toString('hex')}`;
const accountSid = `AC${randomBytes(16).toString('hex')}`;
const authToken = randomBytes(16).toString('hex');
const wa = new FakeWhatsApp({ appSecret, accessToken, now: () => clock.now() });
const twilio = new FakeTwilio({ accountSid, authToken, number: TWILIO_NUMBER });
let app: INestApplication;
let runtime: ServiceRuntime;
let baseUrl: string;

beforeAll(async () => {
  await Promise.all([wa.start(), twilio.start()]);
  // The app's public base URL must be known before it starts (Twilio signs it).
  baseUrl = `http://127.0.0.1:${await freePort()}`;
  wa.webhookUrl = `${baseUrl}/webhooks/whatsapp`;
  twilio.webhookUrl = `${baseUrl}/webhooks/twilio`;
  const config: IntakeServiceConfig = {
    ...testConfig(schema),
    httpPort: Number(new URL(baseUrl).port),
    webhookMaxBodyBytes: LIMIT,
    inboundPollMs: 100,
    personalDataRetentionDays: 730,
    channels: {
      publicBaseUrl: baseUrl,
      whatsapp: {
        phoneNumbers: new Map([[wa.phoneNumberId, office]]),
        accessToken,
        appSecret,
        verifyToken: VERIFY_TOKEN,
        graphUrl: wa.url,
        graphVersion: 'v23.0',
      },
      twilio: {
        accountSid,
        authToken,
        numbers: new Map([[TWILIO_NUMBER, office]]),
        apiUrl: twilio.url,
      },
      webForm: { offices: [office] },
      off: [{ provider: 'telegram', reason: 'not configured in this test' }],
    },
  };
  const logger = createLogger('intake-webhooks-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
  await startGroupAtEnd(group.groupId, COMPLAINT_EVENTS_TOPIC);
  app = (await startTestService(intakeService, config, IntakeModule.forRoot(config, logger, { clock, stateConsumerGroup: group }), logger)).app;
  runtime = app.get(ServiceRuntime);
  await runtime.ready();
});

afterAll(async () => {
  await app?.close();
  await Promise.all([wa.stop(), twilio.stop()]);
  await dropSchema(schema);
  await deleteTopics([dlqTopicFor(group.groupId)]);
});

// ---------------------------------------------------------------------------------------------
// Reading intake's tables
// ---------------------------------------------------------------------------------------------

function rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return runtime.dataSource.query(text, params) as Promise<T[]>;
}

interface InboundRow {
  id: string;
  status: string;
  complaint_id: string | null;
  channel: string;
  account_id: string;
  sender_digest: string;
  sent_at: Date;
}

async function inboundMessages(provider: string, providerMessageId: string): Promise<InboundRow[]> {
  return rows<InboundRow>(
    'SELECT id, status, complaint_id, channel, account_id, sender_digest, sent_at FROM inbound_message WHERE provider = $1 AND provider_message_id = $2',
    [provider, providerMessageId],
  );
}

/** The complaint a stored message became, once the inbound processor got to it. */
async function complaintOf(provider: string, providerMessageId: string): Promise<{ complaintId: string; inbound: InboundRow }> {
  return eventually(
    async () => {
      const [row] = await inboundMessages(provider, providerMessageId);
      return row?.status === 'PROCESSED' && row.complaint_id ? { complaintId: row.complaint_id, inbound: row } : undefined;
    },
    10_000,
    `${provider} message to be processed`,
  );
}

interface ComplaintRow {
  id: string;
  channel: string;
  tracking_number: string;
  reporter_ref: string;
  reporter_digest: string | null;
  office_code: string;
}

async function complaint(id: string): Promise<ComplaintRow> {
  const [row] = await rows<ComplaintRow>('SELECT id, channel, tracking_number, reporter_ref, reporter_digest, office_code FROM complaint WHERE id = $1', [id]);
  if (!row) throw new Error(`no complaint ${id}`);
  return row;
}

async function messagesOf(complaintId: string): Promise<{ sequence: number; channel: string; text: string }[]> {
  return rows('SELECT sequence, channel, text FROM complaint_message WHERE complaint_id = $1 ORDER BY sequence', [complaintId]);
}

/** The complaint's events in the outbox, in order, each with the body as it goes on the topic. */
async function eventsOf(complaintId: string): Promise<{ envelope: EventEnvelope; body: string }[]> {
  const found = await rows<{ body: string }>('SELECT body FROM outbox WHERE message_key = $1 ORDER BY seq', [complaintId]);
  return found.map(({ body }) => {
    const parsed = parseEnvelope(body);
    if (!parsed.ok) throw new Error(`outbox holds an invalid event: ${parsed.reason}`);
    return { envelope: parsed.envelope, body };
  });
}

async function rejections(provider: string, reason: string): Promise<number> {
  const [row] = await rows<{ count: string }>('SELECT count FROM webhook_rejection WHERE provider = $1 AND reason = $2', [provider, reason]);
  return row ? Number(row.count) : 0;
}

async function count(table: 'inbound_message' | 'webhook_quarantine' | 'complaint'): Promise<number> {
  const [row] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

// ---------------------------------------------------------------------------------------------
// Talking to the webhooks
// ---------------------------------------------------------------------------------------------

/** A WhatsApp number nobody else in the suite writes from (digits, as WhatsApp's `wa_id`). */
const newNumber = () => `6281${randomInt(10_000_000, 99_999_999)}`;
const newWamid = () => `wamid.${randomBytes(24).toString('base64')}`;
const unix = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** A `messages` webhook as the Cloud API builds it, for a phone number id of our choosing. */
function whatsappWebhook(value: Record<string, unknown>, phoneNumberId = wa.phoneNumberId): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }],
      },
    ],
  };
}

function textValue(from: string, id: string, text: string): Record<string, unknown> {
  return { contacts: [{ profile: { name: 'Pelapor Uji' }, wa_id: from }], messages: [{ from, id, timestamp: unix(clock.now()), type: 'text', text: { body: text } }] };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

const problemCode = (body: string): unknown => (JSON.parse(body) as { code?: unknown }).code;

/**
 * Posts to the app over plain HTTP, writing `pieces` one after the other (chunked, unless the
 * headers declare a Content-Length), and answers as soon as the app has answered: it may refuse
 * before the body is complete, and then closes the connection.
 */
function postInPieces(path: string, headers: Record<string, string>, pieces: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', done);
      res.on('aborted', done);
      res.on('error', done);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.flushHeaders();
    const writeNext = (i: number) => {
      if (answered) return;
      if (i >= pieces.length) return;
      req.write(pieces[i], () => setTimeout(() => writeNext(i + 1), 20));
    };
    writeNext(0);
  });
}

// ---------------------------------------------------------------------------------------------

describe('intake’s channel webhooks', () => {
  it('answers Meta’s subscription handshake with the challenge when the verify token is ours, and refuses another token', async () => {
    const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
    const ours = await fetch(`${baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=${challenge}`);
    const oursBody = await ours.text();
    const theirs = await fetch(`${baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=not-ours&hub.challenge=${challenge}`);
    const theirsBody = await theirs.text();

    expect(ours.status).toBe(200);
    expect(ours.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(oursBody).toBe(challenge);
    expect(theirs.status).toBe(403);
    expect(theirsBody).not.toContain(challenge);
  });

  it('a first WhatsApp message opens a complaint, stored before the webhook is answered; the sender’s second message joins it', async () => {
    const from = newNumber();
    const name = 'Dewi Lestari';
    const text = 'Petugas imigrasi meminta uang pelicin untuk paspor anak saya.';
    const first = await wa.sendText(from, text, { name });
    // Answered 200 only once stored: the row is there as soon as the answer is.
    const storedAtAnswer = await inboundMessages('whatsapp', first.messageId);
    expect(first.answer.status).toBe(200);
    expect(storedAtAnswer).toHaveLength(1);

    const { complaintId, inbound } = await complaintOf('whatsapp', first.messageId);
    const opened = await complaint(complaintId);
    const [received] = await eventsOf(complaintId);
    expect(opened).toMatchObject({ channel: 'WHATSAPP', office_code: office, reporter_digest: inbound.sender_digest });
    expect(opened.reporter_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(received.envelope).toMatchObject({
      type: 'complaint.received',
      subject: complaintId,
      office,
      actor: 'system:intake',
      data: { channel: 'CHANNEL_WHATSAPP', trackingNumber: opened.tracking_number, reporterRef: opened.reporter_ref },
    });
    expect(opened.tracking_number).not.toBe('');
    // The event carries who and what by reference only.
    for (const personal of [from, name, text, 'Petugas imigrasi']) expect(received.body).not.toContain(personal);

    clock.advance(60_000);
    const second = await wa.sendText(from, 'Kejadiannya hari Senin di loket 3.', { name });
    expect(second.answer.status).toBe(200);
    const joined = await complaintOf('whatsapp', second.messageId);
    const events = await eventsOf(complaintId);

    expect(joined.complaintId).toBe(complaintId);
    expect(events.map((e) => e.envelope.type)).toEqual(['complaint.received', 'complaint.message-appended']);
    expect(events[1].envelope.data).toMatchObject({ channel: 'CHANNEL_WHATSAPP', sequence: 2 });
    expect(events[1].body).not.toContain('loket 3');
    expect(await messagesOf(complaintId)).toEqual([
      { sequence: 1, channel: 'WHATSAPP', text },
      { sequence: 2, channel: 'WHATSAPP', text: 'Kejadiannya hari Senin di loket 3.' },
    ]);
  });

  it('a webhook delivered twice stores its message once and adds one message to the complaint', async () => {
    const from = newNumber();
    const messageId = newWamid();
    const once = await wa.sendText(from, 'Antrean paspor tidak dilayani sesuai nomor.', { messageId });
    const again = await wa.sendText(from, 'Antrean paspor tidak dilayani sesuai nomor.', { messageId });
    const { complaintId } = await complaintOf('whatsapp', messageId);
    // Meta retries long after the first delivery, too.
    const late = await wa.sendText(from, 'Antrean paspor tidak dilayani sesuai nomor.', { messageId });

    expect([once.answer.status, again.answer.status, late.answer.status]).toEqual([200, 200, 200]);
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(1);
    expect(await messagesOf(complaintId)).toHaveLength(1);
    expect((await eventsOf(complaintId)).map((e) => e.envelope.type)).toEqual(['complaint.received']);
  });

  it('refuses an unsigned or wrongly signed webhook, and one whose JSON was re-serialised, storing nothing but counts', async () => {
    const messageId = newWamid();
    const body = JSON.stringify(whatsappWebhook(textValue(newNumber(), messageId, 'Saya dimintai uang di loket.')));
    const missingBefore = await rejections('whatsapp', 'MISSING_SIGNATURE');
    const badBefore = await rejections('whatsapp', 'BAD_SIGNATURE');

    const unsigned = await wa.postRaw(body, { signature: null });
    const wronglySigned = await wa.postRaw(body, { signature: wa.sign(`${body} `) });
    // Same content, other bytes: the signature is over the bytes as sent.
    const reserialised = await wa.postRaw(JSON.stringify(JSON.parse(body), null, 2), { signature: wa.sign(body) });

    expect(unsigned.status).toBe(401);
    expect(problemCode(unsigned.body)).toBe('WEBHOOK.MISSING_SIGNATURE');
    expect(wronglySigned.status).toBe(403);
    expect(problemCode(wronglySigned.body)).toBe('WEBHOOK.BAD_SIGNATURE');
    expect(reserialised.status).toBe(403);
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(0);
    expect(await rejections('whatsapp', 'MISSING_SIGNATURE')).toBe(missingBefore + 1);
    expect(await rejections('whatsapp', 'BAD_SIGNATURE')).toBe(badBefore + 2);

    // The very bytes, signed as Meta signs them, are taken: it was the signature that was refused.
    const signed = await wa.postRaw(body);
    expect(signed.status).toBe(200);
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(1);
  });

  it('quarantines a signed body that is not JSON, sealed, and keeps taking the messages after it', async () => {
    const from = newNumber();
    const raw = `{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"${from}","text":{"body":"Pungli loket tujuh"`;
    const inboundBefore = await count('inbound_message');
    const malformedBefore = await rejections('whatsapp', 'MALFORMED');

    const answer = await wa.postRaw(raw);
    const problem = JSON.parse(answer.body) as { code: string; quarantineId: string };
    const [kept] = await rows<{ provider: string; reason: string; content_type: string; key_id: string; sealed_request: Buffer }>(
      'SELECT provider, reason, content_type, key_id, sealed_request FROM webhook_quarantine WHERE id = $1',
      [problem.quarantineId],
    );

    expect(answer.status).toBe(400);
    expect(problem.code).toBe('WEBHOOK.MALFORMED');
    expect(kept).toMatchObject({ provider: 'whatsapp', reason: 'body is not JSON', content_type: 'application/json' });
    for (const clear of [raw, from, 'Pungli loket tujuh', Buffer.from(raw).toString('base64')]) expect(kept.sealed_request.includes(clear)).toBe(false);
    // Sealed, not lost: an officer with the key reads what the provider sent.
    const opened = JSON.parse(app.get(ContactCipher).openBytes(kept.sealed_request, app.get(ContactCipher).keyId).toString('utf8')) as { body: string };
    expect(Buffer.from(opened.body, 'base64').toString('utf8')).toBe(raw);
    expect(await count('inbound_message')).toBe(inboundBefore);
    expect(await rejections('whatsapp', 'MALFORMED')).toBe(malformedBefore + 1);

    const next = await wa.sendText(from, 'Pungli loket tujuh, saya kirim ulang.');
    expect(next.answer.status).toBe(200);
    const { complaintId } = await complaintOf('whatsapp', next.messageId);
    expect(await messagesOf(complaintId)).toEqual([expect.objectContaining({ text: 'Pungli loket tujuh, saya kirim ulang.' })]);
  });

  it('refuses a body over the limit with 413, whether its length is declared or it is streamed in chunks, and counts it', async () => {
    const tooLargeBefore = await rejections('whatsapp', 'TOO_LARGE');
    const inboundBefore = await count('inbound_message');

    // Declared: refused on the Content-Length alone, before any of the body is sent.
    const declared = await postInPieces('/webhooks/whatsapp', { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) }, []);
    // Chunked: refused as soon as the bytes read pass the limit.
    const chunked = await postInPieces('/webhooks/whatsapp', { 'content-type': 'application/json' }, [Buffer.alloc(LIMIT / 2, 0x20), Buffer.alloc(LIMIT / 2, 0x20), Buffer.alloc(1024, 0x20)]);

    expect(declared.status).toBe(413);
    expect(problemCode(declared.body)).toBe('WEBHOOK.TOO_LARGE');
    expect(chunked.status).toBe(413);
    expect(problemCode(chunked.body)).toBe('WEBHOOK.TOO_LARGE');
    await eventually(async () => ((await rejections('whatsapp', 'TOO_LARGE')) === tooLargeBefore + 2 ? true : undefined), 5_000, 'both refusals to be counted for whatsapp');
    expect(await count('inbound_message')).toBe(inboundBefore);

    // A signed message of exactly the limit (padded with JSON whitespace) is taken.
    const messageId = newWamid();
    const message = JSON.stringify(whatsappWebhook(textValue(newNumber(), messageId, 'Pesan sepanjang batas.')));
    const atLimit = message + ' '.repeat(LIMIT - Buffer.byteLength(message));
    expect((await wa.postRaw(atLimit)).status).toBe(200);
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(1);
  });

  it('refuses a webhook for a phone number id no office has, storing nothing', async () => {
    const messageId = newWamid();
    const before = await rejections('whatsapp', 'UNKNOWN_ACCOUNT');
    const answer = await wa.postRaw(JSON.stringify(whatsappWebhook(textValue(newNumber(), messageId, 'Salah nomor.'), '109999999999999')));

    expect(answer.status).toBe(403);
    expect(problemCode(answer.body)).toBe('WEBHOOK.UNKNOWN_ACCOUNT');
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(0);
    expect(await rejections('whatsapp', 'UNKNOWN_ACCOUNT')).toBe(before + 1);
  });

  describe('a photo sent over WhatsApp', () => {
    interface MediaRow {
      status: string;
      reason: string | null;
      mime_type: string | null;
      size_bytes: number | null;
      sha256: string | null;
      content: Buffer | null;
    }

    async function settledMediaOf(messageId: string): Promise<MediaRow> {
      return eventually(
        async () => {
          const [row] = await rows<MediaRow>(
            `SELECT a.status, a.reason, a.mime_type, a.size_bytes, a.sha256, a.content FROM inbound_media a
               JOIN inbound_message m ON m.id = a.inbound_message_id WHERE m.provider = 'whatsapp' AND m.provider_message_id = $1`,
            [messageId],
          );
          return row && row.status !== 'PENDING' ? row : undefined;
        },
        10_000,
        'the attachment to be fetched',
      );
    }

    it('is fetched in two steps with the access token and kept with its checksum, size and bytes', async () => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)]);
      const sent = await wa.sendImage(newNumber(), { bytes, mimeType: 'image/jpeg', caption: 'Foto kuitansi tanpa cap' });
      const media = await settledMediaOf(sent.messageId);

      expect(sent.answer.status).toBe(200);
      expect(media).toMatchObject({ status: 'STORED', reason: null, mime_type: 'image/jpeg', size_bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(media.content?.equals(bytes)).toBe(true);
      const [metadata] = wa.requestsTo(`/v23.0/${sent.mediaId}`);
      const [download] = wa.requestsTo(`/media-download/${sent.mediaId}`);
      expect(metadata?.headers['authorization']).toBe(`Bearer ${accessToken}`);
      expect(metadata?.query.get('phone_number_id')).toBe(wa.phoneNumberId);
      expect(download?.headers['authorization']).toBe(`Bearer ${accessToken}`);
      const { complaintId } = await complaintOf('whatsapp', sent.messageId);
      expect((await messagesOf(complaintId))[0].text).toBe('Foto kuitansi tanpa cap\n[foto terlampir]');
      // The officer reading the complaint sees the attachment counted on its message.
      const details = await app.get(GetComplaintHandler).execute({ complaintId, actor: { kind: 'user', userId: 'u-admin-1', role: 'ADMIN_TIKKIM' } });
      expect(details.messages.map((m) => m.attachmentCount)).toEqual([1]);
    });

    it('is refused when the bytes served do not match the SHA-256 WhatsApp states for it', async () => {
      const bytes = randomBytes(2000);
      // The download serves other bytes than the file the metadata (and the webhook) describe.
      wa.failNext(1, { status: 200, body: randomBytes(2000), headers: { 'content-type': 'image/jpeg' } }, (r) => r.path.startsWith('/media-download/'));
      const sent = await wa.sendImage(newNumber(), { bytes, mimeType: 'image/jpeg' });
      const media = await settledMediaOf(sent.messageId);

      expect(media).toMatchObject({ status: 'REJECTED', reason: 'CHECKSUM_MISMATCH' });
      expect(media.content).toBeNull();
    });

    it('is refused when the signed webhook states another SHA-256 than the file’s', async () => {
      // A file the fake serves, announced by a webhook with the digest of something else.
      const { mediaId } = await wa.sendImage(newNumber(), { bytes: randomBytes(1500), mimeType: 'image/jpeg' });
      const messageId = newWamid();
      const from = newNumber();
      const image = { mime_type: 'image/jpeg', sha256: createHash('sha256').update(randomBytes(1500)).digest('hex'), id: mediaId };
      const answer = await wa.postRaw(
        JSON.stringify(whatsappWebhook({ contacts: [{ profile: { name: 'Pelapor Uji' }, wa_id: from }], messages: [{ from, id: messageId, timestamp: unix(clock.now()), type: 'image', image }] })),
      );
      const media = await settledMediaOf(messageId);

      expect(answer.status).toBe(200);
      expect(media).toMatchObject({ status: 'REJECTED', reason: 'CHECKSUM_MISMATCH' });
      expect(media.content).toBeNull();
    });

    it('is refused when its content type is not one intake keeps', async () => {
      const sent = await wa.sendImage(newNumber(), { bytes: Buffer.concat([Buffer.from('GIF89a'), randomBytes(500)]), mimeType: 'image/gif' });
      const media = await settledMediaOf(sent.messageId);

      expect(media).toMatchObject({ status: 'REJECTED', reason: 'TYPE_NOT_ALLOWED image/gif' });
      expect(media.content).toBeNull();
    });
  });

  it('answers webhooks that arrive together each once its rows are committed, storing each message and status once however its deliveries interleave', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => wa.textWebhookBody(newNumber(), `Pengaduan serentak nomor ${i}: loket tutup lebih awal.`));
    const receiptOf = newWamid();
    const statusBody = (status: string) =>
      JSON.stringify(whatsappWebhook({ statuses: [{ id: receiptOf, status, timestamp: unix(clock.now()), recipient_id: newNumber() }] }));
    // Every message three times and two statuses twice each, all in flight at once.
    const posts = [...bodies.flatMap(({ body }) => [body, body, body]), statusBody('sent'), statusBody('delivered'), statusBody('sent'), statusBody('delivered')];
    const answers = await Promise.all(posts.map((body) => wa.postRaw(body)));

    expect(answers.map((a) => a.status)).toEqual(posts.map(() => 200));
    // Answered means committed: every row is there the moment the answers are.
    const stored = await rows<{ provider_message_id: string; n: number }>(
      `SELECT provider_message_id, count(*)::int AS n FROM inbound_message WHERE provider = 'whatsapp' AND provider_message_id = ANY($1) GROUP BY provider_message_id`,
      [bodies.map((b) => b.messageId)],
    );
    expect(stored.map((r) => r.n)).toEqual(bodies.map(() => 1));
    const receipts = await rows<{ status: string }>(`SELECT status FROM inbound_receipt WHERE provider = 'whatsapp' AND provider_message_id = $1 ORDER BY status`, [receiptOf]);
    expect(receipts.map((r) => r.status)).toEqual(['delivered', 'sent']);
  });

  it('stores a group of webhooks in one transaction, and when one of them cannot be stored, stores the others alone and fails only that one', async () => {
    const provider = { id: 'whatsapp', officeOf: () => office } as unknown as InboundProvider;
    const deps = { cipher: app.get(ContactCipher), digest: app.get(SenderDigest) };
    const commits = new WebhookGroupCommit(() => runtime.dataSource, createLogger('group-commit-test', 'silent'), { maxGroup: 16, maxInFlight: 1 });
    const statusOf = (id: string, at: Date) => ({ messages: [], receipts: [{ provider: 'whatsapp' as const, providerMessageId: id, status: 'delivered' as const, at }], ignored: 0 });
    // The third is unstorable: Postgres takes no NUL in text.
    const ids = Array.from({ length: 5 }, (_, i) => (i === 2 ? `${newWamid()}\u0000` : newWamid()));
    const now = clock.now();
    // The first is committed alone at once; the next four wait for it and go together.
    const results = await Promise.allSettled(ids.map((id) => commits.store(prepareWebhook(deps, provider, statusOf(id, now), now))));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.receipts : 0))).toEqual([1, 1, 0, 1, 1]);
    const storable = [ids[0], ids[1], ids[3], ids[4]];
    const stored = await rows<{ provider_message_id: string }>(`SELECT provider_message_id FROM inbound_receipt WHERE provider = 'whatsapp' AND provider_message_id = ANY($1)`, [storable]);
    expect(stored.map((r) => r.provider_message_id).sort()).toEqual(storable.sort());
  });

  it('stores each WhatsApp delivery status of a message once, however often it is posted', async () => {
    const messageId = newWamid();
    const answers = await wa.sendStatuses(messageId, ['sent', 'delivered', 'delivered', 'sent']);
    const repeated = await wa.sendStatuses(messageId, ['delivered']);
    const stored = await rows<{ status: string }>(`SELECT status FROM inbound_receipt WHERE provider = 'whatsapp' AND provider_message_id = $1 ORDER BY status`, [messageId]);

    expect([...answers, ...repeated].map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(stored.map((r) => r.status)).toEqual(['delivered', 'sent']);
    expect(await inboundMessages('whatsapp', messageId)).toHaveLength(0);
  });

  it('a correctly signed Twilio SMS opens an SMS complaint; one signed over another URL is refused', async () => {
    const sms = await twilio.sendSms('+6285711112222', 'Ada calo di depan kantor imigrasi.');
    const { complaintId } = await complaintOf('twilio', sms.messageSid);
    const opened = await complaint(complaintId);
    const [received] = await eventsOf(complaintId);

    expect(sms.answer.status).toBe(200);
    expect(sms.answer.body).toContain('<Response></Response>');
    expect(opened.channel).toBe('SMS');
    expect(received.envelope).toMatchObject({ type: 'complaint.received', data: { channel: 'CHANNEL_SMS', trackingNumber: opened.tracking_number } });
    expect(received.body).not.toContain('85711112222');

    const messageSid = `SM${randomBytes(16).toString('hex')}`;
    const params: Record<string, string> = {
      MessageSid: messageSid,
      SmsSid: messageSid,
      AccountSid: accountSid,
      From: '+6285733334444',
      To: TWILIO_NUMBER,
      Body: 'Ditandatangani untuk alamat lain.',
      NumMedia: '0',
    };
    const body = new URLSearchParams(params).toString();
    // Signed over intake's internal address rather than the public URL Twilio called.
    const internal = await twilio.postRaw(body, { signature: twilio.sign('http://intake:3101/webhooks/twilio', params) });
    expect(internal.status).toBe(403);
    expect(await inboundMessages('twilio', messageSid)).toHaveLength(0);

    // The status callback of a message we sent comes to the webhook's /status, signed over that URL.
    const sentSid = `SM${randomBytes(16).toString('hex')}`;
    const callback = new URLSearchParams({ AccountSid: accountSid, MessageSid: sentSid, MessageStatus: 'delivered', To: '+6285711112222', From: TWILIO_NUMBER }).toString();
    const status = await twilio.postRaw(callback, { url: `${baseUrl}/webhooks/twilio/status` });
    const receipts = await rows<{ status: string }>(`SELECT status FROM inbound_receipt WHERE provider = 'twilio' AND provider_message_id = $1`, [sentSid]);
    expect(status.status).toBe(200);
    expect(receipts).toEqual([{ status: 'delivered' }]);
  });

  describe('the web form', () => {
    const post = (fields: Record<string, unknown>) =>
      fetch(`${baseUrl}/webhooks/web-form`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
    const statusOf = async (submissionId: string) => json(await fetch(`${baseUrl}/webhooks/web-form/${submissionId}`));

    it('opens a WEB complaint with its contact sealed, once per submission, and tells the page its tracking number when registered', async () => {
      const submissionId = randomUUID();
      const form = {
        submissionId,
        office,
        text: 'Saya diminta membayar biaya tambahan di luar tarif resmi.',
        name: 'Budi Santoso',
        phone: '+6281377778888',
        email: 'budi.santoso@example.id',
      };
      const processor = app.get(InboundProcessor);
      // Held back, so the page can be seen asking before the complaint is registered.
      await processor.stop();
      let pending: Record<string, unknown>;
      try {
        const answer = await post(form);
        expect(answer.status).toBe(200);
        pending = await statusOf(submissionId);
      } finally {
        processor.start();
      }
      const registered = await eventually(async () => {
        const s = await statusOf(submissionId);
        return s['status'] === 'REGISTERED' ? s : undefined;
      }, 10_000, 'the submission to be registered');

      const { complaintId } = await complaintOf('web-form', submissionId);
      const opened = await complaint(complaintId);
      const [contact] = await rows<{ sealed: Buffer }>('SELECT sealed FROM reporter_contact WHERE reporter_ref = $1', [opened.reporter_ref]);
      const [received] = await eventsOf(complaintId);
      expect(pending).toEqual({ status: 'PENDING' });
      expect(registered).toEqual({ status: 'REGISTERED', trackingNumber: opened.tracking_number });
      expect(opened.channel).toBe('WEB');
      expect(received.envelope.data).toMatchObject({ channel: 'CHANNEL_WEB' });
      for (const clear of [form.name, form.phone, form.email, '81377778888']) {
        expect(contact.sealed.includes(clear)).toBe(false);
        expect(received.body).not.toContain(clear);
      }
      // Sealed under the reporter's own data key (docs/adr/0057).
      expect(await readReporterContact(app.get(ServiceRuntime).dataSource.manager, app.get(ContactCipher), opened.reporter_ref)).toEqual({ name: form.name, phone: form.phone, email: form.email });

      const complaintsBefore = await count('complaint');
      const twice = await post(form);
      expect(twice.status).toBe(200);
      expect(await inboundMessages('web-form', submissionId)).toHaveLength(1);
      expect(await count('complaint')).toBe(complaintsBefore);
    });

    it('refuses a submission without text', async () => {
      const submissionId = randomUUID();
      const answer = await post({ submissionId, office, name: 'Tanpa Isi' });
      const body = await json(answer);

      expect(answer.status).toBe(400);
      expect(body).toMatchObject({ code: 'WEBHOOK.MALFORMED', detail: 'text is required' });
      expect(await inboundMessages('web-form', submissionId)).toHaveLength(0);
    });
  });

  it('answers 404 for a provider it does not know and for one that is not configured', async () => {
    const unknown = await fetch(`${baseUrl}/webhooks/nosuch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const off = await fetch(`${baseUrl}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ code: 'WEBHOOK.UNKNOWN_PROVIDER' });
    expect(off.status).toBe(404);
    expect(await json(off)).toMatchObject({ code: 'WEBHOOK.PROVIDER_OFF' });
  });

  it('tells notification where a WhatsApp reporter is reached: their number, the number they wrote to, and when they last wrote', async () => {
    const from = newNumber();
    const firstAt = new Date(clock.now().getTime() + 5 * 60_000);
    const lastAt = new Date(firstAt.getTime() + 7 * 60_000);
    const first = await wa.sendText(from, 'Pelayanan paspor lambat sekali.', { timestamp: firstAt });
    const { complaintId } = await complaintOf('whatsapp', first.messageId);
    const second = await wa.sendText(from, 'Sudah tiga jam menunggu.', { timestamp: lastAt });
    await complaintOf('whatsapp', second.messageId);
    const { reporter_ref: reporterRef } = await complaint(complaintId);
    const handler = app.get(ResolveReporterAddressHandler);

    const onWhatsApp = await handler.execute(complaintId, reporterRef, 'WHATSAPP');
    const bySms = await handler.execute(complaintId, reporterRef, 'SMS');

    expect(onWhatsApp).toEqual({ recipient: `+${from}`, accountId: wa.phoneNumberId, lastInboundAt: lastAt });
    expect(bySms).toEqual({ recipient: `+${from}` });
  });
});
