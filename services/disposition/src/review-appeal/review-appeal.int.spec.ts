import { AppealDecision, parseEnvelope } from '@pengaduan/contracts';
import type { ComplaintState } from '@pengaduan/sop';
import { ComplaintHistory, REPORTER_GIVEAWAYS, refusal } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { adminTikkim, kepalaKantor, seedComplaint, sectionOfficer, startDispositionTestKit, type DispositionTestKit } from '../__fixtures__/disposition-test-kit';
import type { ReviewAppealRequestCommand } from './review-appeal.handler';

// docs/adr/0053: the head of office reviews an appeal in disposition; a new disposition makes a new sheet.

let kit: DispositionTestKit;

beforeAll(async () => {
  kit = await startDispositionTestKit();
});

afterAll(async () => {
  await kit?.stop();
});

const lines = [{ sectionCode: 'INTELDAKIM', instructions: ['TINDAK_LANJUTI'] }];

function dispose(complaintId: string, office: string) {
  return kit.dispose.execute({ requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: office, lines, correlationId: randomUUID() });
}

function review(complaintId: string, office: string, overrides: Partial<ReviewAppealRequestCommand> = {}) {
  return kit.reviewAppeal.execute({ requestId: randomUUID(), complaintId, actor: kepalaKantor, actorOffice: office, correlationId: randomUUID(), decision: 'REDISPOSE', ...overrides });
}

/** A complaint this service dispositioned, then taken by the other services to CLOSED and rated 1: APPEALED. */
async function appealedComplaint(office: string): Promise<{ complaintId: string; firstSheet: string }> {
  const complaintId = await kit.confirmedComplaint(office);
  const { sheetNumber } = await dispose(complaintId, office);
  const [row] = (await kit.runtime.dataSource.query('SELECT state FROM complaint_state WHERE complaint_id = $1', [complaintId])) as { state: ComplaintState }[];
  const h = new ComplaintHistory({ from: row.state, start: kit.clock.now(), stepMs: 0 });
  h.when({ type: 'respondAsSection', actor: sectionOfficer('INTELDAKIM'), sectionCode: 'INTELDAKIM', response: 'Sudah diperiksa' });
  h.when({ type: 'analyze', actor: adminTikkim, findings: 'Antrean', substantiated: 'PARTLY', classification: '02', severity: 'LOW', recommendation: 'Tidak perlu tim' });
  h.when({ type: 'decideFollowUp', actor: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' }, decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki' });
  h.when({ type: 'informReporter', actor: adminTikkim, informationRef: 'info-1' });
  h.when({ type: 'recordDelivery', actor: { kind: 'system', service: 'notification' }, channel: 'SMS', method: 'PROVIDER_RECEIPT', deliveredAt: kit.clock.now().toISOString() });
  h.when({ type: 'rate', actor: { kind: 'system', service: 'intake' }, rating: 1, hasComment: false, appealWindowDays: 14 });
  await seedComplaint(kit.runtime, h);
  expect(await kit.status(complaintId)).toBe('APPEALED');
  return { complaintId, firstSheet: sheetNumber };
}

describe('the head of office reviews an appeal (docs/adr/0053)', () => {
  it('REDISPOSE: back to step 3, and the new disposition gets a new sheet while the first round’s is kept', async () => {
    const office = await kit.newOffice();
    const { complaintId, firstSheet } = await appealedComplaint(office);

    const outcome = await review(complaintId, office);
    expect(outcome).toMatchObject({ complaintId, status: 'CONFIRMED', eventIds: [expect.any(String)] });
    const [event] = (await kit.runtime.dataSource.query("SELECT body FROM outbox WHERE message_key = $1 AND event_type = 'complaint.appeal-reviewed'", [complaintId])) as { body: string }[];
    expect(parseEnvelope(event.body)).toMatchObject({ ok: true, envelope: { actor: 'KEPALA_KANTOR:u-kakan-1' }, payload: { decision: AppealDecision.REDISPOSE } });

    const second = await dispose(complaintId, office);
    expect(second.sheetNumber).not.toBe(firstSheet);
    expect(await kit.status(complaintId)).toBe('DISPOSED');
    const sheets = (await kit.runtime.dataSource.query('SELECT number FROM disposition_sheet WHERE complaint_id = $1', [complaintId])) as { number: string }[];
    const earlier = (await kit.runtime.dataSource.query('SELECT number FROM disposition_sheet_earlier_round WHERE complaint_id = $1', [complaintId])) as { number: string }[];
    expect([sheets, earlier]).toEqual([[{ number: second.sheetNumber }], [{ number: firstSheet }]]);
    const documents = (await kit.runtime.dataSource.query(
      `SELECT number, 'in force' AS which FROM complaint_document WHERE complaint_id = $1 UNION ALL SELECT number, 'superseded' FROM complaint_document_superseded WHERE complaint_id = $1 ORDER BY which`,
      [complaintId],
    )) as { number: string; which: string }[];
    expect(documents).toEqual([{ number: second.sheetNumber, which: 'in force' }, { number: firstSheet, which: 'superseded' }]);
  });

  it('UPHOLD needs a reason, which intake screens; the answer upheld goes to APPEAL_UPHELD', async () => {
    const office = await kit.newOffice();
    const { complaintId } = await appealedComplaint(office);

    expect(await refusal(review(complaintId, office, { decision: 'UPHOLD' }))).toMatchObject({ code: 'COMPLAINT.INVALID_COMMAND', details: { fieldViolations: [{ field: 'reason' }] } });
    expect(await refusal(review(complaintId, office, { decision: 'UPHOLD', reason: `Sudah dijelaskan kepada ${REPORTER_GIVEAWAYS.name}` }))).toMatchObject({ code: 'COMPLAINT.PERSONAL_DATA' });
    expect(await review(complaintId, office, { decision: 'UPHOLD', reason: 'Jawaban sesuai tarif resmi' })).toMatchObject({ status: 'APPEAL_UPHELD' });
  });

  it('refuses another role, another office’s complaint, a complaint not appealed, and a reused request id with another decision', async () => {
    const office = await kit.newOffice();
    const { complaintId } = await appealedComplaint(office);

    expect(await refusal(review(complaintId, office, { actor: adminTikkim }))).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
    expect(await refusal(review(complaintId, await kit.newOffice()))).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    const confirmed = await kit.confirmedComplaint(office);
    expect(await refusal(review(confirmed, office))).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION' });

    const requestId = randomUUID();
    await review(complaintId, office, { requestId, decision: 'REANALYZE' });
    expect(await kit.status(complaintId)).toBe('SECTION_PROCESSED');
    expect(await refusal(review(complaintId, office, { requestId, decision: 'REDISPOSE' }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });
});
