import { FollowUpDecision, type DecideFollowUpRequestSchema } from '@pengaduan/contracts';
import { eventually, storedDocument } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { startAnalysis, type TestAnalysis } from '../__fixtures__/analysis-app';
import { SettableClock } from '@pengaduan/runtime';
import { actors, historyUntil, type ComplaintHistory } from '@pengaduan/testing';
import { GrpcRefusal, refusal, type Init } from '@pengaduan/testing';

type Request = Init<typeof DecideFollowUpRequestSchema>;
type Officer = { userId: string; role: string };

const clock = new SettableClock(new Date('2026-03-02T10:00:00Z'));
let analysis: TestAnalysis;

beforeAll(async () => {
  analysis = await startAnalysis({ clock });
});

afterAll(async () => {
  await analysis?.stop();
});

function request(history: ComplaintHistory, overrides: Partial<Request> = {}, officer: Officer = actors.kepalaSeksiTi, officeCode = history.officeCode): Request {
  return {
    context: { requestId: randomUUID(), complaintId: history.complaintId, actor: { userId: officer.userId, role: officer.role, officeCode } },
    decision: FollowUpDecision.FOLLOW_UP,
    reason: 'Aduan terbukti sebagian; perlu pemeriksaan oleh tim',
    ...overrides,
  };
}

async function seeded(status: Parameters<typeof historyUntil>[0]): Promise<ComplaintHistory> {
  const history = historyUntil(status);
  await analysis.seed(history);
  return history;
}

async function analysisRecord(complaintId: string): Promise<Record<string, unknown> | undefined> {
  const rows = (await analysis.runtime.dataSource.query('SELECT * FROM analysis_record WHERE complaint_id = $1', [complaintId])) as Record<string, unknown>[];
  return rows[0];
}

describe('kepala seksi TI decides the follow-up of an analysed complaint (SOP step 5)', () => {
  it('decides to follow it up: FOLLOW_UP_DECIDED, and complaint.follow-up-decided for the head of office to form a team', async () => {
    const history = await seeded('ANALYZED');
    const req = request(history);

    const response = await analysis.client.call('decideFollowUp', req);

    const events = await analysis.outbox(history.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.follow-up-decided']);
    expect(response.outcome).toMatchObject({ complaintId: history.complaintId, status: 'FOLLOW_UP_DECIDED', eventIds: [events[0].envelope.id] });
    expect(events[0].envelope).toMatchObject({ source: 'pengaduan/analysis', office: history.officeCode, actor: 'KEPALA_SEKSI_TI:u-kasi-ti', causationid: req.context?.requestId });
    expect(events[0].payload).toMatchObject({ decision: FollowUpDecision.FOLLOW_UP, reason: req.reason });
    const doc = await storedDocument(analysis.runtime.dataSource, history.complaintId, 'KEPUTUSAN_TINDAK_LANJUT');
    expect(doc?.intact).toBe(true);
    expect(events[0].payload).toMatchObject({ documentSha256: doc?.sha256 });
    expect(await analysis.status(history.complaintId)).toBe('FOLLOW_UP_DECIDED');
  });

  it('decides not to follow it up: NO_FOLLOW_UP_DECIDED, with the reason the reporter will be told', async () => {
    const history = await seeded('ANALYZED');
    const req = request(history, { decision: FollowUpDecision.NO_FOLLOW_UP, reason: 'Sudah diselesaikan oleh seksi Inteldakim' });

    const response = await analysis.client.call('decideFollowUp', req);

    expect(response.outcome?.status).toBe('NO_FOLLOW_UP_DECIDED');
    const events = await analysis.outbox(history.complaintId);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['complaint.follow-up-decided', expect.objectContaining({ decision: FollowUpDecision.NO_FOLLOW_UP, reason: 'Sudah diselesaikan oleh seksi Inteldakim' })],
    ]);
    expect(await analysis.status(history.complaintId)).toBe('NO_FOLLOW_UP_DECIDED');
  });

  it('keeps the decision beside the analysis, for the Keputusan Tindak Lanjut', async () => {
    const history = await seeded('ANALYZED');
    const req = request(history, { decision: FollowUpDecision.NO_FOLLOW_UP });

    await analysis.client.call('decideFollowUp', req);

    expect(await analysisRecord(history.complaintId)).toMatchObject({
      findings: 'Petugas mengakui meminta biaya tambahan',
      substantiated: 'YES',
      decision: 'NO_FOLLOW_UP',
      decision_reason: req.reason,
      decided_by: 'KEPALA_SEKSI_TI:u-kasi-ti',
      decided_at: new Date('2026-03-02T10:00:00Z'),
      decision_request_id: req.context?.requestId,
    });
  });

  it('answers a retried request with the same outcome and records one event', async () => {
    const history = await seeded('ANALYZED');
    const req = request(history);

    const first = await analysis.client.call('decideFollowUp', req);
    const again = await analysis.client.call('decideFollowUp', req);

    expect(again.outcome).toEqual(first.outcome);
    expect(await analysis.outbox(history.complaintId)).toHaveLength(1);
  });
});

describe('what may not be decided', () => {
  it('lets nobody but kepala seksi TI decide (PERMISSION_DENIED), and records nothing', async () => {
    const history = await seeded('ANALYZED');

    const error = await refusal(analysis.client.call('decideFollowUp', request(history, {}, actors.adminTikkim)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'PERMISSION_DENIED', code: 'COMPLAINT.FORBIDDEN_ROLE', details: { state: 'ANALYZED' } });
    expect(await analysis.outbox(history.complaintId)).toEqual([]);
    expect(await analysisRecord(history.complaintId)).toMatchObject({ decision: null });
  });

  it('refuses to decide before the analysis (FAILED_PRECONDITION), naming the state and what kepala seksi TI may do', async () => {
    const history = await seeded('SECTION_PROCESSED');

    const error = await refusal(analysis.client.call('decideFollowUp', request(history)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'FAILED_PRECONDITION', code: 'COMPLAINT.ILLEGAL_TRANSITION', details: { state: 'SECTION_PROCESSED', availableActions: [] } });
    expect(await analysis.outbox(history.complaintId)).toEqual([]);
  });

  it('refuses to decide a second time once decided', async () => {
    const history = await seeded('ANALYZED');
    await analysis.client.call('decideFollowUp', request(history, { decision: FollowUpDecision.NO_FOLLOW_UP }));

    const error = await refusal(analysis.client.call('decideFollowUp', request(history)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'FAILED_PRECONDITION', details: { state: 'NO_FOLLOW_UP_DECIDED' } });
    expect(await analysisRecord(history.complaintId)).toMatchObject({ decision: 'NO_FOLLOW_UP' });
  });

  it('rejects an UNSPECIFIED decision and a missing reason, naming both (INVALID_ARGUMENT)', async () => {
    const history = await seeded('ANALYZED');

    const error = await refusal(analysis.client.call('decideFollowUp', request(history, { decision: FollowUpDecision.UNSPECIFIED, reason: ' ' })), GrpcRefusal);

    expect(error.statusName).toBe('INVALID_ARGUMENT');
    expect(error.details.fieldViolations?.map((v) => v.field).sort()).toEqual(['decision', 'reason']);
    expect(await analysis.status(history.complaintId)).toBe('ANALYZED');
  });

  it('does not show an officer of another office the complaint (NOT_FOUND)', async () => {
    const history = await seeded('ANALYZED');

    const error = await refusal(analysis.client.call('decideFollowUp', request(history, {}, actors.kepalaSeksiTi, 'ZOTHER')), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'NOT_FOUND', code: 'COMPLAINT.NOT_FOUND' });
    expect(await analysis.status(history.complaintId)).toBe('ANALYZED');
  });
});

describe('a complaint whose history reaches analysis over the complaint stream', () => {
  it('is analysed elsewhere, arrives ANALYZED through the consumer, and kepala seksi TI decides its follow-up', async () => {
    const history = historyUntil('ANALYZED');

    await analysis.publish(history.envelopes);
    await eventually(async () => ((await analysis.status(history.complaintId)) === 'ANALYZED' ? true : undefined), 60_000, 'the consumer to apply the history');
    expect(await analysisRecord(history.complaintId)).toMatchObject({ office_code: history.officeCode, substantiated: 'YES', severity: 'HIGH', analyzed_by: `ADMIN_TIKKIM:${history.officers.admin.userId}` });

    const response = await analysis.client.call('decideFollowUp', request(history));

    expect(response.outcome?.status).toBe('FOLLOW_UP_DECIDED');
    expect((await analysis.outbox(history.complaintId)).map((e) => e.type)).toEqual(['complaint.follow-up-decided']);
    expect(await analysisRecord(history.complaintId)).toMatchObject({ decision: 'FOLLOW_UP' });
  });
});
