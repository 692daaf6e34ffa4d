import { Severity, Substantiation, type AnalyzeComplaintRequestSchema } from '@pengaduan/contracts';
import { randomUUID } from 'node:crypto';
import { startAnalysis, type TestAnalysis } from '../__fixtures__/analysis-app';
import { SettableClock } from '@pengaduan/runtime';
import { actors, type ComplaintHistory, historyUntil, storedDocument } from '@pengaduan/testing';
import { GrpcRefusal, refusal, type Init } from '@pengaduan/testing';

type Request = Init<typeof AnalyzeComplaintRequestSchema>;
type Officer = { userId: string; role: string; sectionCode?: string };

const clock = new SettableClock(new Date('2026-03-02T09:00:00Z'));
let analysis: TestAnalysis;

beforeAll(async () => {
  analysis = await startAnalysis({ clock });
});

afterAll(async () => {
  await analysis?.stop();
});

function request(history: ComplaintHistory, overrides: Partial<Request> = {}, officer: Officer = actors.adminTikkim, officeCode = history.officeCode): Request {
  return {
    context: { requestId: randomUUID(), complaintId: history.complaintId, actor: { userId: officer.userId, role: officer.role, officeCode, sectionCode: officer.sectionCode } },
    findings: 'Petugas loket 3 terbukti meminta biaya di luar PNBP',
    substantiated: Substantiation.PARTLY,
    classificationCode: '01',
    severity: Severity.HIGH,
    recommendation: 'Bentuk tim penanganan aduan dan periksa petugas loket 3',
    ...overrides,
  };
}

async function seeded(status: Parameters<typeof historyUntil>[0]): Promise<ComplaintHistory> {
  const history = historyUntil(status);
  await analysis.seed(history);
  return history;
}

async function analysisRecords(complaintId: string): Promise<Record<string, unknown>[]> {
  return analysis.runtime.dataSource.query('SELECT * FROM analysis_record WHERE complaint_id = $1', [complaintId]);
}

describe('admin tikkim analyses a complaint the sections have processed (SOP step 4)', () => {
  it('records the Analisis Aduan, moves the complaint to ANALYZED and publishes complaint.analyzed', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const req = request(history);
    const correlationId = randomUUID();

    const response = await analysis.client.call('analyzeComplaint', req, correlationId);

    const events = await analysis.outbox(history.complaintId);
    expect(events.map((e) => e.type)).toEqual(['complaint.analyzed']);
    expect(response.outcome).toMatchObject({ complaintId: history.complaintId, status: 'ANALYZED', eventIds: [events[0].envelope.id] });
    expect(events[0].envelope).toMatchObject({
      source: 'pengaduan/analysis',
      subject: history.complaintId,
      office: history.officeCode,
      actor: 'ADMIN_TIKKIM:u-admin-tikkim',
      correlationid: correlationId,
      causationid: req.context?.requestId,
      time: '2026-03-02T09:00:00.000Z',
    });
    expect(events[0].payload).toMatchObject({
      findings: req.findings,
      substantiated: Substantiation.PARTLY,
      classificationCode: '01',
      severity: Severity.HIGH,
      recommendation: req.recommendation,
    });
    // The Analisis Aduan was stored with it, and the event carries its hash.
    const doc = await storedDocument(analysis.runtime.dataSource, history.complaintId, 'ANALISIS_ADUAN');
    expect(doc).toMatchObject({ intact: true, number: `AA/${history.state.status === 'NEW' ? '' : history.state.trackingNumber.replace(/-/g, '/')}` });
    expect(events[0].payload).toMatchObject({ documentSha256: doc?.sha256 });
    expect(await analysis.status(history.complaintId)).toBe('ANALYZED');
  });

  it('keeps the analysis for its document, in libs/sop terms', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const req = request(history, { substantiated: Substantiation.NO, severity: Severity.LOW, classificationCode: '10' });
    await analysis.client.call('analyzeComplaint', req);

    expect(await analysisRecords(history.complaintId)).toEqual([
      expect.objectContaining({
        office_code: history.officeCode,
        findings: req.findings,
        substantiated: 'NO',
        classification_code: '10',
        severity: 'LOW',
        recommendation: req.recommendation,
        analyzed_by: 'ADMIN_TIKKIM:u-admin-tikkim',
        analyzed_at: new Date('2026-03-02T09:00:00Z'),
        analysis_request_id: req.context?.requestId,
        decision: null,
      }),
    ]);
  });

  it('answers a retried request with the same outcome and records one event', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const req = request(history);

    const first = await analysis.client.call('analyzeComplaint', req);
    const again = await analysis.client.call('analyzeComplaint', req);

    expect(again.outcome).toEqual(first.outcome);
    expect(await analysis.outbox(history.complaintId)).toHaveLength(1);
  });

  it('refuses a request id reused for a different analysis (ALREADY_EXISTS)', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const req = request(history);
    await analysis.client.call('analyzeComplaint', req);

    const error = await refusal(analysis.client.call('analyzeComplaint', { ...req, findings: 'Temuan lain' }), GrpcRefusal);
    expect(error).toMatchObject({ statusName: 'ALREADY_EXISTS', code: 'IDEMPOTENCY.KEY_REUSED' });
  });
});

describe('what admin tikkim may not do', () => {
  it('lets nobody but admin tikkim analyse (PERMISSION_DENIED), and records nothing', async () => {
    const history = await seeded('SECTION_PROCESSED');

    const error = await refusal(analysis.client.call('analyzeComplaint', request(history, {}, actors.kepalaKantor)), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'PERMISSION_DENIED', code: 'COMPLAINT.FORBIDDEN_ROLE', details: { state: 'SECTION_PROCESSED' } });
    expect(await analysis.outbox(history.complaintId)).toEqual([]);
    expect(await analysisRecords(history.complaintId)).toEqual([]);
    expect(await analysis.status(history.complaintId)).toBe('SECTION_PROCESSED');
  });

  it('refuses to analyse a complaint a section has not answered yet (FAILED_PRECONDITION), naming its state and what admin tikkim may do', async () => {
    const history = await seeded('DISPOSED');

    const error = await refusal(analysis.client.call('analyzeComplaint', request(history)), GrpcRefusal);

    expect(error).toMatchObject({
      statusName: 'FAILED_PRECONDITION',
      code: 'COMPLAINT.ILLEGAL_TRANSITION',
      details: { state: 'DISPOSED', availableActions: ['appendMessage'] },
    });
    expect(await analysis.outbox(history.complaintId)).toEqual([]);
    expect(await analysisRecords(history.complaintId)).toEqual([]);
  });

  it('refuses a second analysis of a complaint already analysed, keeping the first', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const first = request(history);
    await analysis.client.call('analyzeComplaint', first);

    const error = await refusal(analysis.client.call('analyzeComplaint', request(history, { findings: 'Analisis kedua' })), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'FAILED_PRECONDITION', details: { state: 'ANALYZED', availableActions: ['appendMessage'] } });
    expect(await analysisRecords(history.complaintId)).toEqual([expect.objectContaining({ findings: first.findings })]);
    expect(await analysis.outbox(history.complaintId)).toHaveLength(1);
  });

  it('rejects bad input naming every bad field (INVALID_ARGUMENT), and records nothing', async () => {
    const history = await seeded('SECTION_PROCESSED');
    const bad = request(history, {
      findings: '   ',
      substantiated: Substantiation.UNSPECIFIED,
      classificationCode: '11',
      severity: Severity.UNSPECIFIED,
      recommendation: '',
    });

    const error = await refusal(analysis.client.call('analyzeComplaint', bad), GrpcRefusal);

    expect(error.statusName).toBe('INVALID_ARGUMENT');
    expect(error.details.fieldViolations?.map((v) => v.field).sort()).toEqual(['classificationCode', 'findings', 'recommendation', 'severity', 'substantiated']);
    expect(await analysis.status(history.complaintId)).toBe('SECTION_PROCESSED');
    // The request id was not used up: the corrected request goes through with it.
    const corrected = await analysis.client.call('analyzeComplaint', request(history, { context: bad.context }));
    expect(corrected.outcome?.status).toBe('ANALYZED');
  });

  it('does not show an officer of another office the complaint (NOT_FOUND)', async () => {
    const history = await seeded('SECTION_PROCESSED');

    const error = await refusal(analysis.client.call('analyzeComplaint', request(history, {}, actors.adminTikkim, 'ZOTHER')), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'NOT_FOUND', code: 'COMPLAINT.NOT_FOUND' });
    expect(await analysis.status(history.complaintId)).toBe('SECTION_PROCESSED');
  });

  it('asks who is acting (UNAUTHENTICATED) when the request names no officer', async () => {
    const history = await seeded('SECTION_PROCESSED');

    const error = await refusal(analysis.client.call('analyzeComplaint', { ...request(history), context: { requestId: randomUUID(), complaintId: history.complaintId } }), GrpcRefusal);

    expect(error).toMatchObject({ statusName: 'UNAUTHENTICATED', code: 'AUTH.NO_ACTOR' });
  });
});
