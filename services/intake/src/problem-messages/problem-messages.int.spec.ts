// The problem messages on intake's real Postgres: quarantined webhooks and FAILED channel
// messages listed per office, re-processed into a complaint or back to PENDING, and discarded
// with a reason; each action recorded once per idempotency key (docs/adr/0047).
import { TwilioInbound, type WebhookRequest } from '@pengaduan/channels';
import { createLogger } from '@pengaduan/runtime';
import { randomOfficeCode } from '@pengaduan/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { startIntakeKit, testConfig, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { keepQuarantined } from '../__fixtures__/quarantined-request';
import { prepareWebhook, storePreparedWebhooks } from '../channel-webhooks/inbound-store';
import { InboundProcessor } from '../inbound-messages/inbound-processor';
import { intakeKeys } from '../reporter-contact/intake-keys';
import { ListProblemMessagesHandler } from './list-problem-messages.handler';
import { ProblemMessageActionsHandler, type ProblemMessageActionContext } from './problem-message-actions.handler';
import { ProblemMessageOffices } from './problem-message-offices';

const logger = createLogger('problem-messages-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');
const NUMBER = '+6281100002222';
const OTHER_NUMBER = '+6281100003333';
const accountSid = `AC${randomBytes(16).toString('hex')}`;

let kit: IntakeKit;
let other: string;
let twilio: TwilioInbound;
let list: ListProblemMessagesHandler;
let actions: ProblemMessageActionsHandler;
let processor: InboundProcessor;
let digest: ReturnType<typeof intakeKeys>['digest'];

beforeAll(async () => {
  kit = await startIntakeKit();
  other = randomOfficeCode();
  digest = intakeKeys(testConfig(kit.schema)).digest;
  twilio = new TwilioInbound({ accountSid, authToken: 'unused', numbers: new Map([[NUMBER, kit.office], [OTHER_NUMBER, other]]), apiUrl: 'http://127.0.0.1:1' });
  // Telegram answers for the other office alone: its quarantined requests are not this office's.
  const offices = new ProblemMessageOffices(new Map([['twilio', [kit.office, other]], ['telegram', [other]]]));
  list = new ListProblemMessagesHandler(kit.runtime, offices);
  actions = new ProblemMessageActionsHandler(kit.runtime, { cipher: kit.cipher, digest }, [twilio], offices, kit.clock, logger);
  processor = new InboundProcessor(kit.runtime, { cipher: kit.cipher, digest }, kit.group, kit.clock, logger);
});

afterAll(() => kit?.stop());

const admin = (): Omit<ProblemMessageActionContext, 'id' | 'requestId'> => ({ userId: 'u-admin-1', role: 'ADMIN_TIKKIM', officeCode: kit.office });

/** A Twilio SMS webhook as Twilio posts it (form-encoded). */
function smsRequest(params: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): WebhookRequest {
  return { method: 'POST', publicUrl: '', subpath: '', headers: { 'content-type': contentType }, query: {}, rawBody: Buffer.from(new URLSearchParams(params).toString(), 'utf8') };
}

function sms(to = NUMBER): Record<string, string> {
  return { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: accountSid, From: '+6281299998888', To: to, Body: 'Antrean paspor di kantor sangat lama', NumMedia: '0' };
}

/** Keeps a request as the webhook handler does when its parser cannot read it. */
async function quarantined(provider: 'twilio' | 'telegram', request: WebhookRequest, reason: string): Promise<string> {
  return keepQuarantined({ dataSource: kit.runtime.dataSource, cipher: kit.cipher }, provider, request, reason, kit.clock.now());
}

/** A channel message the processor set aside after its attempts. */
async function failedMessage(to = NUMBER): Promise<string> {
  const params = sms(to);
  const parsed = twilio.parse(smsRequest(params), kit.clock.now());
  await kit.runtime.dataSource.transaction((tx) => storePreparedWebhooks(tx, [prepareWebhook({ cipher: kit.cipher, digest }, twilio, parsed, kit.clock.now())]));
  const [row] = (await kit.runtime.dataSource.query(
    `UPDATE inbound_message SET status = 'FAILED', attempts = 8, last_error = 'complaint_state not current' WHERE provider = 'twilio' AND provider_message_id = $1 RETURNING id`,
    [params.MessageSid],
  )) as [{ id: string }[], number];
  return row[0].id;
}

async function actionsOn(id: string): Promise<{ action: string; outcome: string; reason: string | null; user_id: string; role: string; office_code: string }[]> {
  return kit.runtime.dataSource.query('SELECT action, outcome, reason, user_id, role, office_code FROM problem_message_action WHERE target_id = $1 ORDER BY at', [id]);
}

describe('listing', () => {
  it('lists both kinds of the office oldest first, without the sender or the words, and not another office’s', async () => {
    const q = await quarantined('twilio', smsRequest(sms(), 'text/plain'), 'not form-encoded');
    kit.clock.advance(1_000);
    const f = await failedMessage();
    const foreignFailed = await failedMessage(OTHER_NUMBER);
    const foreignQuarantine = await quarantined('telegram', smsRequest({ update: 'x' }), 'update_id missing');

    const page = await list.execute({ role: 'KEPALA_KANTOR', officeCode: kit.office, limit: 100, offset: 0 });
    const ids = page.items.map((i) => i.id);
    expect(ids.indexOf(q)).toBeLessThan(ids.indexOf(f));
    expect(ids).not.toContain(foreignFailed);
    expect(ids).not.toContain(foreignQuarantine);
    expect(page.items.find((i) => i.id === q)).toEqual({ id: q, kind: 'QUARANTINED_WEBHOOK', provider: 'twilio', receivedAt: expect.any(Date), reason: 'not form-encoded', status: 'QUARANTINED', attempts: 0 });
    expect(page.items.find((i) => i.id === f)).toMatchObject({ kind: 'FAILED_MESSAGE', channel: 'SMS', status: 'FAILED', attempts: 8, reason: 'complaint_state not current' });
    expect(JSON.stringify(page)).not.toMatch(/6281299998888|Antrean/);
    expect(page.total).toBe(page.items.length);

    const one = await list.execute({ role: 'ADMIN_TIKKIM', officeCode: kit.office, limit: 1, offset: 1 });
    expect(one).toEqual({ items: [page.items[1]], total: page.total });
    expect((await list.execute({ role: 'ADMIN_TIKKIM', officeCode: kit.office, limit: 1, offset: 1_000 })).total).toBe(page.total);
  });

  it('refuses the roles that neither work nor oversee them', async () => {
    for (const role of ['AUDITOR', 'SEKSI_TERKAIT', 'TIM_PENANGANAN', 'KEPALA_SEKSI_TI'] as const) {
      await expect(list.execute({ role, officeCode: kit.office, limit: 10, offset: 0 })).rejects.toMatchObject({ code: 'PROBLEM_MESSAGE.FORBIDDEN_ROLE' });
    }
  });
});

describe('re-processing', () => {
  it('reads a quarantined request again with the current parser and turns it into a complaint', async () => {
    // Kept as it arrived: a body the parser of the day refused; today's parser reads it.
    const params = sms();
    const id = await quarantined('twilio', smsRequest(params), 'message type not supported');
    const requestId = randomUUID();

    const answer = await actions.reprocess({ ...admin(), requestId, id });
    expect(answer).toMatchObject({ outcome: 'STORED', item: { id, status: 'REPROCESSED' } });
    // A retry of the same key answers the same and does nothing twice.
    expect(await actions.reprocess({ ...admin(), requestId, id })).toEqual(answer);
    expect(await actionsOn(id)).toEqual([{ action: 'REPROCESS', outcome: 'STORED', reason: null, user_id: 'u-admin-1', role: 'ADMIN_TIKKIM', office_code: kit.office }]);

    await processor.processDue();
    const [inbound] = (await kit.runtime.dataSource.query(`SELECT status, complaint_id FROM inbound_message WHERE provider = 'twilio' AND provider_message_id = $1`, [params.MessageSid])) as {
      status: string;
      complaint_id: string;
    }[];
    expect(inbound.status).toBe('PROCESSED');
    const events = (await kit.runtime.dataSource.query(`SELECT event_type FROM outbox WHERE message_key = $1`, [inbound.complaint_id])) as { event_type: string }[];
    expect(events.map((e) => e.event_type)).toContain('complaint.received');
    expect((await list.execute({ role: 'ADMIN_TIKKIM', officeCode: kit.office, limit: 100, offset: 0 })).items.map((i) => i.id)).not.toContain(id);
    // Settled: a new key finds nothing to do.
    await expect(actions.reprocess({ ...admin(), requestId: randomUUID(), id })).rejects.toMatchObject({ code: 'PROBLEM_MESSAGE.SETTLED' });
  });

  it('keeps a request that still does not read quarantined, with the parser’s reason', async () => {
    const id = await quarantined('twilio', smsRequest({ AccountSid: accountSid }), 'old reason');
    const answer = await actions.reprocess({ ...admin(), requestId: randomUUID(), id });
    expect(answer).toMatchObject({ outcome: 'UNREADABLE', item: { status: 'QUARANTINED', reason: 'MessageSid missing' } });
    expect((await list.execute({ role: 'ADMIN_TIKKIM', officeCode: kit.office, limit: 100, offset: 0 })).items.find((i) => i.id === id)?.reason).toBe('MessageSid missing');
  });

  it('sets a FAILED message back to PENDING for the processor', async () => {
    const id = await failedMessage();
    expect(await actions.reprocess({ ...admin(), requestId: randomUUID(), id })).toMatchObject({ outcome: 'REQUEUED', item: { id, status: 'PENDING', attempts: 0 } });
    const [row] = (await kit.runtime.dataSource.query('SELECT status, attempts FROM inbound_message WHERE id = $1', [id])) as { status: string; attempts: number }[];
    expect(row).toEqual({ status: 'PENDING', attempts: 0 });
  });

  it('answers 404 for another office’s message and refuses the head of office', async () => {
    const foreign = await failedMessage(OTHER_NUMBER);
    const foreignQuarantine = await quarantined('telegram', smsRequest({}), 'update_id missing');
    for (const id of [foreign, foreignQuarantine, randomUUID()]) {
      await expect(actions.reprocess({ ...admin(), requestId: randomUUID(), id })).rejects.toMatchObject({ code: 'PROBLEM_MESSAGE.NOT_FOUND' });
    }
    await expect(actions.reprocess({ ...admin(), role: 'KEPALA_KANTOR', requestId: randomUUID(), id: foreign })).rejects.toMatchObject({ code: 'PROBLEM_MESSAGE.FORBIDDEN_ROLE' });
    await expect(actions.reprocess({ ...admin(), requestId: randomUUID(), id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
  });
});

describe('discarding', () => {
  it('keeps the message, marked DISCARDED with who, when and why; a replay answers the same', async () => {
    const id = await failedMessage();
    const requestId = randomUUID();
    const answer = await actions.discard({ ...admin(), requestId, id, reason: 'Pesan uji dari petugas' });
    expect(answer).toMatchObject({ outcome: 'DISCARDED', item: { id, status: 'DISCARDED' } });
    expect(await actions.discard({ ...admin(), requestId, id, reason: 'Pesan uji dari petugas' })).toEqual(answer);
    await expect(actions.discard({ ...admin(), requestId, id, reason: 'Another reason' })).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await actionsOn(id)).toEqual([{ action: 'DISCARD', outcome: 'DISCARDED', reason: 'Pesan uji dari petugas', user_id: 'u-admin-1', role: 'ADMIN_TIKKIM', office_code: kit.office }]);
    const [row] = (await kit.runtime.dataSource.query('SELECT status FROM inbound_message WHERE id = $1', [id])) as { status: string }[];
    expect(row.status).toBe('DISCARDED');
    await expect(kit.runtime.dataSource.query('DELETE FROM problem_message_action WHERE target_id = $1', [id])).rejects.toThrow(/append-only/);
  });

  it('discards a quarantined request and refuses a missing or over-long reason', async () => {
    const id = await quarantined('twilio', smsRequest({}), 'MessageSid missing');
    for (const reason of ['  ', 'x'.repeat(501)]) {
      await expect(actions.discard({ ...admin(), requestId: randomUUID(), id, reason })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
    }
    expect(await actions.discard({ ...admin(), requestId: randomUUID(), id, reason: 'Permintaan rusak dari penyedia' })).toMatchObject({ item: { kind: 'QUARANTINED_WEBHOOK', status: 'DISCARDED' } });
    await expect(actions.reprocess({ ...admin(), requestId: randomUUID(), id })).rejects.toMatchObject({ code: 'PROBLEM_MESSAGE.SETTLED' });
  });
});
