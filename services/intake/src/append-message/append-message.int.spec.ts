import { Channel, parseEnvelope } from '@pengaduan/contracts';
import { FIELD_RULES } from '@pengaduan/sop';
import { refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import {
  actors,
  applyToIntake,
  by,
  eventsOfOtherServices,
  informAndDeliver,
  outboxCount,
  registerComplaint,
  startIntakeKit,
  stateOf,
  type IntakeKit,
} from '../__fixtures__/intake-test-kit';
import { ComplaintMessageRecord } from '../persistence/entities';

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

const followUp = 'Saya lupa menyebutkan: kejadiannya di loket 3, sekitar pukul 10 pagi.';

async function messagesOf(complaintId: string) {
  return kit.runtime.dataSource.manager.find(ComplaintMessageRecord, { where: { complaintId }, order: { sequence: 'ASC' } });
}

describe('the reporter sends another message about an open complaint', () => {
  it('stores it as message 2 and records complaint.message-appended without its text', async () => {
    const complaintId = await registerComplaint(kit);
    const outcome = await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: followUp });

    expect(outcome).toEqual({ complaintId, status: 'RECEIVED', eventIds: [expect.any(String)], version: 1, result: { messageId: expect.any(String), sequence: 2 } });
    const messages = await messagesOf(complaintId);
    expect(messages.map((m) => [m.sequence, m.text])).toEqual([
      [1, expect.any(String)],
      [2, followUp],
    ]);
    const [row] = (await kit.runtime.dataSource.query("SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.message-appended'", [complaintId])) as {
      body: string;
    }[];
    expect(row.body).not.toContain('loket 3');
    const parsed = parseEnvelope(row.body);
    if (!parsed.ok || parsed.type !== 'complaint.message-appended') throw new Error(`unexpected event: ${row.body}`);
    expect(parsed.envelope.id).toBe(outcome.eventIds[0]);
    expect(parsed.payload).toMatchObject({ messageId: outcome.result.messageId, sequence: 2, channel: Channel.PHONE, attachmentCount: 0 });
    // A message changes no state: the version stays that of complaint.received (docs/adr/0033).
    expect((await stateOf(kit, complaintId))?.version).toBe(1);
  });

  it('keeps appending while the complaint is being handled', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), classificationCode: '02', summary: 'Antrean paspor', anonymous: false, confidential: false });
    await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: 'pesan kedua' });
    const third = await kit.append.execute({ ...by(kit, actors.admin, complaintId), text: 'pesan ketiga' });

    expect(third).toMatchObject({ status: 'CONFIRMED', result: { sequence: 3 } });
  });

  it('refuses a message for a closed complaint (409) and stores nothing', async () => {
    const complaintId = await registerComplaint(kit);
    await kit.dismiss.execute({ ...by(kit, actors.admin, complaintId), reason: 'SPAM' });
    await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, informAndDeliver(kit.clock.now())));
    expect((await stateOf(kit, complaintId))?.status).toBe('CLOSED');

    const error = await refusal(kit.append.execute({ ...by(kit, actors.admin, complaintId), text: followUp }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'CLOSED', availableActions: [] } });
    expect(await messagesOf(complaintId)).toHaveLength(1);
    expect(await outboxCount(kit, complaintId, 'complaint.message-appended')).toBe(0);
  });

  it('answers a retried request with the first message id and stores one message', async () => {
    const complaintId = await registerComplaint(kit);
    const first = { ...by(kit, actors.admin, complaintId), text: followUp };
    const a = await kit.append.execute(first);
    const b = await kit.append.execute({ ...first, correlationId: randomUUID() });

    expect(b).toEqual(a);
    expect(await messagesOf(complaintId)).toHaveLength(2);
    expect(await outboxCount(kit, complaintId, 'complaint.message-appended')).toBe(1);
  });

  it('numbers concurrent messages without gaps or repeats', async () => {
    const complaintId = await registerComplaint(kit);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => kit.append.execute({ ...by(kit, actors.admin, complaintId), text: `pesan ${i}` })));
    expect(results.map((r) => r.result.sequence).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a message typed in by the kepala kantor (403), an empty one or one longer than a registration’s text (400), one for another office (404)', async () => {
    const complaintId = await registerComplaint(kit);
    const forbidden = await refusal(kit.append.execute({ ...by(kit, actors.kepalaKantor, complaintId), text: followUp }));
    const empty = await refusal(kit.append.execute({ ...by(kit, actors.admin, complaintId), text: '  ' }));
    // The same rule as the report's own text (RegisterComplaint): FIELD_RULES.reporterText.
    const tooLong = await refusal(kit.append.execute({ ...by(kit, actors.admin, complaintId), text: 'x'.repeat(FIELD_RULES.reporterText.maxLength + 1) }));
    const elsewhere = await refusal(kit.append.execute({ ...by(kit, actors.admin, complaintId), actorOffice: 'ZZZZZ', text: followUp }));

    expect(forbidden).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(empty).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'text' }] } });
    expect(tooLong).toMatchObject({ kind: 'invalid', details: { fieldViolations: [{ field: 'text', description: `at most ${FIELD_RULES.reporterText.maxLength} characters` }] } });
    expect(elsewhere).toMatchObject({ kind: 'not-found' });
    expect(await messagesOf(complaintId)).toHaveLength(1);
  });
});
