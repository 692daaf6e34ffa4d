import type { InboundMessage, InboundProvider } from '@pengaduan/channels';
import { parseEnvelope } from '@pengaduan/contracts';
import { createLogger } from '@pengaduan/runtime';
import type { SopCommand } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { actors, applyToIntake, by, eventsOfOtherServices, informAndDeliver, outboxCount, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';
import { prepareWebhook, storePreparedWebhooks } from '../channel-webhooks/inbound-store';
import { InboundProcessor } from './inbound-processor';

// A reply of one digit to the rating request (docs/adr/0053) on real Postgres: the inbound path
// as intake runs it (stored, sealed, digested, processed in the message's transaction).

let kit: IntakeKit;
let processor: InboundProcessor;
const DAY_MS = 24 * 3_600_000;

beforeAll(async () => {
  kit = await startIntakeKit();
  processor = new InboundProcessor(kit.runtime, { cipher: kit.cipher, digest: kit.digest }, kit.group, kit.clock, createLogger('rating-reply-test', 'silent'));
});

afterAll(async () => {
  await kit?.stop();
});

const provider = { id: 'whatsapp', officeOf: () => kit.office } as unknown as InboundProvider;
let senders = 0;
const newSender = () => `+62813${String(Date.now() % 1e6).padStart(6, '0')}${++senders}`;

/** A WhatsApp message from `sender`, stored as the webhook stores it and processed; answers the complaint it went to. */
async function whatsapp(sender: string, text: string, providerMessageId = `wamid.${randomUUID()}`): Promise<{ complaintId: string | null; providerMessageId: string }> {
  const message: InboundMessage = { provider: 'whatsapp', channel: 'WHATSAPP', providerMessageId, accountId: 'pn-1', sender, sentAt: kit.clock.now(), text, media: [] };
  const prepared = prepareWebhook({ cipher: kit.cipher, digest: kit.digest }, provider, { messages: [message], receipts: [], ignored: 0 }, kit.clock.now());
  await kit.runtime.dataSource.transaction((tx) => storePreparedWebhooks(tx, [prepared]));
  await processor.processDue();
  const [row] = (await kit.runtime.dataSource.query(`SELECT complaint_id, complaint_message_id FROM inbound_message WHERE provider_message_id = $1`, [providerMessageId])) as { complaint_id: string | null }[];
  return { complaintId: row?.complaint_id ?? null, providerMessageId };
}

const toClosing = (at: Date): SopCommand[] => [
  { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] } },
  { type: 'respondAsSection', actor: { kind: 'user', userId: 'u-lantaskim', role: 'SEKSI_TERKAIT', sectionCode: 'LANTASKIM' }, sectionCode: 'LANTASKIM', response: 'Sudah ditangani' },
  { type: 'analyze', actor: actors.admin, findings: 'Antrean panjang', substantiated: 'PARTLY', classification: '02', severity: 'LOW', recommendation: 'Tidak perlu tim' },
  { type: 'decideFollowUp', actor: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' }, decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki' },
  ...informAndDeliver(at),
];

/** A WhatsApp complaint of a new sender, confirmed and closed (or dismissed and closed). */
async function closedWhatsappComplaint(options: { dismissed?: boolean } = {}): Promise<{ sender: string; complaintId: string }> {
  const sender = newSender();
  const { complaintId } = await whatsapp(sender, 'Paspor saya belum jadi setelah dua bulan');
  if (!complaintId) throw new Error('the first message opened no complaint');
  if (options.dismissed) {
    await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'SPAM', note: 'Promosi' });
    await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, informAndDeliver(kit.clock.now())));
  } else {
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), actorOffice: kit.office, classificationCode: '02', summary: 'Paspor terlambat', anonymous: false, confidential: false });
    await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, toClosing(kit.clock.now())));
  }
  expect((await stateOf(kit, complaintId))?.status).toBe('CLOSED');
  return { sender, complaintId };
}

const ratedEvents = async (complaintId: string) =>
  ((await kit.runtime.dataSource.query(`SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.rated'`, [complaintId])) as { body: string }[]).map((r) => parseEnvelope(r.body));

describe("a reply of one digit is the reporter's rating of the closed complaint (docs/adr/0053)", () => {
  it('" 2 " from the sender rates the closing as the system, opens the appeal, appends nothing and opens no complaint; its replay rates nothing more', async () => {
    const { sender, complaintId } = await closedWhatsappComplaint();
    const reply = await whatsapp(sender, ' 2 ');
    expect(reply.complaintId).toBe(complaintId);
    const [rated] = await ratedEvents(complaintId);
    expect(rated).toMatchObject({ ok: true, envelope: { actor: 'system:intake' }, payload: { rating: 2, hasComment: false, withinAppealWindow: true } });
    expect(await stateOf(kit, complaintId)).toMatchObject({ status: 'APPEALED' });
    expect(await outboxCount(kit, complaintId, 'complaint.message-appended')).toBe(0);
    const feedback = (await kit.runtime.dataSource.query('SELECT kind, rating, recorded_by FROM complaint_feedback WHERE complaint_id = $1', [complaintId])) as unknown[];
    expect(feedback).toEqual([{ kind: 'RATING', rating: 2, recorded_by: 'system:intake' }]);

    // The provider delivers the same message again: stored once, processed once.
    await whatsapp(sender, ' 2 ', reply.providerMessageId);
    expect(await ratedEvents(complaintId)).toHaveLength(1);
    expect(await outboxCount(kit, complaintId, 'complaint.appealed')).toBe(1);
  });

  it('anything but one digit 1-5, a second rating of the same closing, and a reply after the window keep today’s path: a new complaint', async () => {
    for (const text of ['5 bintang', '6', '0', '4.5', 'Terima kasih']) {
      const closed = await closedWhatsappComplaint();
      expect((await whatsapp(closed.sender, text)).complaintId).not.toBe(closed.complaintId);
      expect(await ratedEvents(closed.complaintId)).toHaveLength(0);
    }

    const rated = await closedWhatsappComplaint();
    expect((await whatsapp(rated.sender, '5')).complaintId).toBe(rated.complaintId);
    const again = await whatsapp(rated.sender, '4');
    expect(again.complaintId).not.toBe(rated.complaintId);
    expect(await ratedEvents(rated.complaintId)).toHaveLength(1);

    const late = await closedWhatsappComplaint();
    kit.clock.advance(15 * DAY_MS);
    const lateReply = await whatsapp(late.sender, '1');
    kit.clock.advance(-15 * DAY_MS);
    expect(lateReply.complaintId).not.toBe(late.complaintId);
    expect(await ratedEvents(late.complaintId)).toHaveLength(0);
  });

  it("never rates a dismissed message's closing, nor someone else's complaint", async () => {
    const spam = await closedWhatsappComplaint({ dismissed: true });
    expect((await whatsapp(spam.sender, '1')).complaintId).not.toBe(spam.complaintId);
    expect(await ratedEvents(spam.complaintId)).toHaveLength(0);

    const { complaintId } = await closedWhatsappComplaint();
    expect((await whatsapp(newSender(), '1')).complaintId).not.toBe(complaintId);
    expect(await ratedEvents(complaintId)).toHaveLength(0);
  });
});
