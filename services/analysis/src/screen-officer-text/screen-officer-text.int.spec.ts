import { FollowUpDecision, Severity, Substantiation } from '@pengaduan/contracts';
import { actors, historyUntil, REPORTER_GIVEAWAYS, type ComplaintHistory } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { startAnalysis, type TestAnalysis } from '../__fixtures__/analysis-app';

// docs/adr/0023: analysis asks intake to screen the texts an officer writes into
// complaint.analyzed, complaint.follow-up-decided and their documents before it decides.
let analysis: TestAnalysis;

beforeAll(async () => {
  analysis = await startAnalysis();
});

afterAll(async () => {
  await analysis?.stop();
});

const GIVEAWAYS = Object.entries(REPORTER_GIVEAWAYS);
const CLEAN = { findings: 'Petugas loket 3 meminta biaya di luar PNBP', recommendation: 'Bentuk tim penanganan aduan' };

async function seeded(status: 'SECTION_PROCESSED' | 'ANALYZED'): Promise<ComplaintHistory> {
  const history = historyUntil(status);
  await analysis.seed(history);
  return history;
}

function context(history: ComplaintHistory, officer: { userId: string; role: string }) {
  return { requestId: randomUUID(), complaintId: history.complaintId, actor: { userId: officer.userId, role: officer.role, officeCode: history.officeCode } };
}

function analyze(history: ComplaintHistory, texts: Partial<typeof CLEAN> = {}) {
  const request = { context: context(history, actors.adminTikkim), substantiated: Substantiation.YES, classificationCode: '01', severity: Severity.HIGH, ...CLEAN, ...texts };
  return analysis.client.call('analyzeComplaint', request);
}

function decide(history: ComplaintHistory, reason: string) {
  return analysis.client.call('decideFollowUp', { context: context(history, actors.kepalaSeksiTi), decision: FollowUpDecision.NO_FOLLOW_UP, reason });
}

const personalData = (field: string, part: string) => ({
  code: 'COMPLAINT.PERSONAL_DATA',
  details: { fieldViolations: [{ field, description: expect.stringContaining(`reporter's ${part}`) }] },
});

describe('the analysis (step 4) gives nothing of the reporter away', () => {
  describe.each(['findings', 'recommendation'] as const)('%s', (field) => {
    it.each(GIVEAWAYS)('with the reporter’s %s in it is refused naming the field, and nothing is recorded', async (part, giveaway) => {
      const history = await seeded('SECTION_PROCESSED');

      await expect(analyze(history, { [field]: `Sudah dikonfirmasi dengan pelapor ${giveaway}` })).rejects.toMatchObject(personalData(field, part));

      expect(await analysis.outbox(history.complaintId)).toEqual([]);
      expect(await analysis.status(history.complaintId)).toBe('SECTION_PROCESSED');
    });
  });

  it('is accepted with clean texts, both screened under the REST body’s names', async () => {
    const history = await seeded('SECTION_PROCESSED');

    const { outcome } = await analyze(history);

    expect(outcome?.status).toBe('ANALYZED');
    expect(analysis.intake.screenedFor(history.complaintId)).toEqual([CLEAN]);
  });
});

describe('the follow-up decision (step 5) gives nothing of the reporter away', () => {
  it.each(GIVEAWAYS)('with the reporter’s %s in its reason is refused naming `reason`, and nothing is recorded', async (part, giveaway) => {
    const history = await seeded('ANALYZED');

    await expect(decide(history, `Pelapor ${giveaway} sudah menarik aduannya`)).rejects.toMatchObject(personalData('reason', part));

    expect(await analysis.outbox(history.complaintId)).toEqual([]);
    expect(await analysis.status(history.complaintId)).toBe('ANALYZED');
  });

  it('is accepted with a clean reason', async () => {
    const history = await seeded('ANALYZED');

    const { outcome } = await decide(history, 'Aduan tidak terbukti');

    expect(outcome?.status).toBe('NO_FOLLOW_UP_DECIDED');
    expect(analysis.intake.screenedFor(history.complaintId)).toEqual([{ reason: 'Aduan tidak terbukti' }]);
  });
});
