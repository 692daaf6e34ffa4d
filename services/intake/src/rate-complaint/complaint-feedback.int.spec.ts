import { AppealTrigger, parseEnvelope, RecordReporterFeedbackRequestSchema } from '@pengaduan/contracts';
import { create } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import type { SopCommand } from '@pengaduan/sop';
import { randomOfficeCode, refusal } from '@pengaduan/testing';
import { VerifyReporterHandler } from '../verify-reporter/verify-reporter.handler';
import { ReporterFeedbackGrpcController } from './reporter-feedback.grpc.controller';
import { actors, applyToIntake, by, eventsOfOtherServices, outboxCount, registerComplaint, startIntakeKit, stateOf, type IntakeKit } from '../__fixtures__/intake-test-kit';

// After closing (docs/adr/0053): the reporter's rating and appeal, recorded by intake over real Postgres.

let kit: IntakeKit;

beforeAll(async () => {
  kit = await startIntakeKit();
});

afterAll(async () => {
  await kit?.stop();
});

const DAY_MS = 24 * 3_600_000;
/** The reporter on the tracking page or replying on their channel: intake itself. */
const reporterThroughIntake = { kind: 'system', service: 'intake' } as const;

/** Steps 3-8 as the other services record them, on the no-follow-up branch. */
function toClosing(at: Date): SopCommand[] {
  return [
    { type: 'dispose', actor: actors.kepalaKantor, sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] } },
    { type: 'respondAsSection', actor: { kind: 'user', userId: 'u-lantaskim', role: 'SEKSI_TERKAIT', sectionCode: 'LANTASKIM' }, sectionCode: 'LANTASKIM', response: 'Sudah ditangani' },
    { type: 'analyze', actor: actors.admin, findings: 'Antrean panjang', substantiated: 'PARTLY', classification: '02', severity: 'LOW', recommendation: 'Tidak perlu tim' },
    { type: 'decideFollowUp', actor: { kind: 'user', userId: 'u-kasi-ti', role: 'KEPALA_SEKSI_TI' }, decision: 'NO_FOLLOW_UP', reason: 'Sudah diperbaiki' },
    { type: 'informReporter', actor: actors.admin, informationRef: 'info-1' },
    { type: 'recordDelivery', actor: actors.notification, channel: 'PHONE', method: 'PHONE_CALL', deliveredAt: at.toISOString() },
  ];
}

/** A complaint of the kit's office that intake holds as CLOSED. */
async function closedComplaint(officeCode = kit.office): Promise<string> {
  const complaintId = await registerComplaint(kit, { officeCode });
  await kit.confirm.execute({ ...by(kit, actors.admin, complaintId), actorOffice: officeCode, classificationCode: '02', summary: 'Antrean paspor', anonymous: false, confidential: false });
  await applyToIntake(kit, await eventsOfOtherServices(kit, complaintId, toClosing(kit.clock.now())));
  expect((await stateOf(kit, complaintId))?.status).toBe('CLOSED');
  return complaintId;
}

async function feedbackOf(complaintId: string) {
  return (await kit.runtime.dataSource.query('SELECT kind, rating, text, opened_appeal, recorded_by FROM complaint_feedback WHERE complaint_id = $1 ORDER BY recorded_at', [complaintId])) as {
    kind: string;
    rating: number | null;
    text: string | null;
    opened_appeal: boolean;
    recorded_by: string;
  }[];
}

async function eventsOf(complaintId: string, type: string) {
  const rows = (await kit.runtime.dataSource.query('SELECT body FROM outbox WHERE message_key = $1 AND event_type = $2', [complaintId, type])) as { body: string }[];
  return rows.map((r) => parseEnvelope(r.body));
}

describe('the reporter rates a closed complaint, and a poor rating opens an appeal (docs/adr/0053)', () => {
  it('a good rating told to Admin Tikkim: complaint.rated without the comment, the comment kept by intake', async () => {
    const complaintId = await closedComplaint();
    const outcome = await kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 5, comment: 'Petugas ramah dan cepat' });

    expect(outcome).toMatchObject({ complaintId, status: 'CLOSED', eventIds: [expect.any(String)] });
    const [rated] = await eventsOf(complaintId, 'complaint.rated');
    expect(rated).toMatchObject({ ok: true, payload: { rating: 5, hasComment: true, withinAppealWindow: true } });
    expect(JSON.stringify(rated)).not.toContain('ramah');
    expect(await feedbackOf(complaintId)).toEqual([{ kind: 'RATING', rating: 5, text: 'Petugas ramah dan cepat', opened_appeal: false, recorded_by: 'ADMIN_TIKKIM:u-admin-1' }]);
  });

  it('a poor rating within the window opens the appeal: complaint.rated and complaint.appealed, status APPEALED', async () => {
    const complaintId = await closedComplaint();
    const outcome = await kit.feedback.rate({ ...by(kit, reporterThroughIntake, complaintId), rating: 1 });

    expect(outcome).toMatchObject({ status: 'APPEALED', eventIds: [expect.any(String), expect.any(String)] });
    expect(await eventsOf(complaintId, 'complaint.appealed')).toMatchObject([{ payload: { trigger: AppealTrigger.POOR_RATING, hasReason: false } }]);
    expect(await stateOf(kit, complaintId)).toMatchObject({ status: 'APPEALED', state: { appealRound: 1 } });
    expect(await feedbackOf(complaintId)).toMatchObject([{ kind: 'RATING', rating: 1, text: null, opened_appeal: true, recorded_by: 'system:intake' }]);
  });

  it('a poor rating after the office’s own window is recorded and opens nothing', async () => {
    const office = randomOfficeCode();
    await kit.runtime.dataSource.query("INSERT INTO office_appeal_window VALUES ($1, 3, 'KEPALA_KANTOR:u-kakan', now())", [office]);
    const complaintId = await closedComplaint(office);
    kit.clock.advance(4 * DAY_MS);
    try {
      const outcome = await kit.feedback.rate({ ...by(kit, actors.admin, complaintId), actorOffice: office, rating: 1 });
      expect(outcome.status).toBe('CLOSED');
      expect(await eventsOf(complaintId, 'complaint.rated')).toMatchObject([{ payload: { rating: 1, withinAppealWindow: false } }]);
      const late = await refusal(kit.feedback.appeal({ ...by(kit, actors.admin, complaintId), actorOffice: office, reason: 'Jawaban tidak menjawab' }));
      expect(late).toMatchObject({ code: 'COMPLAINT.ILLEGAL_TRANSITION', message: expect.stringContaining('appeal window of 3 days') });
    } finally {
      kit.clock.advance(-4 * DAY_MS);
    }
  });

  it('an explicit appeal after a good rating keeps its reason in intake', async () => {
    const complaintId = await closedComplaint();
    await kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 4 });
    const outcome = await kit.feedback.appeal({ ...by(kit, actors.admin, complaintId), reason: 'Setelah dipikir, jawabannya belum menjawab soal biaya' });

    expect(outcome.status).toBe('APPEALED');
    expect(await eventsOf(complaintId, 'complaint.appealed')).toMatchObject([{ payload: { trigger: AppealTrigger.REQUEST, hasReason: true } }]);
    expect((await feedbackOf(complaintId)).map((f) => f.kind)).toEqual(['RATING', 'APPEAL']);
  });
});

describe('what intake refuses, recording nothing', () => {
  it('a second rating of the same closing (409)', async () => {
    const complaintId = await closedComplaint();
    await kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 3 });
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 4 }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION', message: expect.stringContaining('already rated') });
    expect(await outboxCount(kit, complaintId, 'complaint.rated')).toBe(1);
  });

  it('a rating before closing (409)', async () => {
    const complaintId = await registerComplaint(kit);
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 1 }));
    expect(error).toMatchObject({ kind: 'conflict', code: 'COMPLAINT.ILLEGAL_TRANSITION' });
    expect(await feedbackOf(complaintId)).toEqual([]);
  });

  it.each([0, 6, 2.5])('a rating of %p (400 naming rating)', async (rating) => {
    const complaintId = await closedComplaint();
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.INVALID_COMMAND', details: { fieldViolations: [{ field: 'rating' }] } });
    expect(await outboxCount(kit, complaintId, 'complaint.rated')).toBe(0);
  });

  it.each(['Hubungi saya di 0812 3456 7890', 'surel saya budi@example.id'])('a comment with a phone number or an e-mail address: %p', async (comment) => {
    const complaintId = await closedComplaint();
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.admin, complaintId), rating: 2, comment }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'COMPLAINT.PERSONAL_DATA', details: { fieldViolations: [{ field: 'comment' }] } });
    expect(JSON.stringify(error)).not.toContain('3456');
    expect(await feedbackOf(complaintId)).toEqual([]);
  });

  it('another role: the head of office does not rate for the reporter (403)', async () => {
    const complaintId = await closedComplaint();
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.kepalaKantor, complaintId), rating: 5 }));
    expect(error).toMatchObject({ kind: 'forbidden', code: 'COMPLAINT.FORBIDDEN_ROLE' });
  });

  it('another office’s complaint is not found', async () => {
    const complaintId = await closedComplaint();
    const error = await refusal(kit.feedback.rate({ ...by(kit, actors.admin, complaintId), actorOffice: randomOfficeCode(), rating: 1 }));
    expect(error).toMatchObject({ kind: 'not-found', code: 'COMPLAINT.NOT_FOUND' });
    expect(await feedbackOf(complaintId)).toEqual([]);
  });

  it('a replayed request id answers as the first time; the same id with another rating is refused', async () => {
    const complaintId = await closedComplaint();
    const context = by(kit, actors.admin, complaintId);
    const first = await kit.feedback.rate({ ...context, rating: 4 });
    expect(await kit.feedback.rate({ ...context, rating: 4 })).toEqual(first);
    const error = await refusal(kit.feedback.rate({ ...context, rating: 1 }));
    expect(error).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await feedbackOf(complaintId)).toHaveLength(1);
  });
});

describe('the reporter on the tracking page, proved by the verifier (docs/adr/0053)', () => {
  const trackingNumberOf = async (complaintId: string) =>
    ((await kit.runtime.dataSource.query('SELECT tracking_number FROM complaint WHERE id = $1', [complaintId])) as { tracking_number: string }[])[0].tracking_number;
  const controller = () => new ReporterFeedbackGrpcController(new VerifyReporterHandler(kit.runtime, kit.cipher), kit.feedback);
  const request = (fields: object) => create(RecordReporterFeedbackRequestSchema, { requestId: randomUUID(), ...fields });

  it('rates poorly with the last four digits of the phone: the appeal opens, recorded as intake’s own', async () => {
    const complaintId = await closedComplaint();
    const trackingNumber = await trackingNumberOf(complaintId);
    const answer = await controller().record(request({ trackingNumber, verifier: '7890', rating: 2, text: 'Belum menjawab' }), randomUUID());
    expect(answer.outcome).toMatchObject({ complaintId, status: 'APPEALED' });
    expect(await feedbackOf(complaintId)).toMatchObject([{ kind: 'RATING', rating: 2, text: 'Belum menjawab', recorded_by: 'system:intake' }]);
  });

  it('answers a wrong verifier as an unknown number, recording nothing', async () => {
    const complaintId = await closedComplaint();
    const trackingNumber = await trackingNumberOf(complaintId);
    expect(await refusal(controller().record(request({ trackingNumber, verifier: '0000', appeal: true }), randomUUID()))).toMatchObject({ kind: 'not-found', code: 'TRACKING.NOT_FOUND' });
    expect(await refusal(controller().record(request({ trackingNumber: 'XXX-2026-999999', verifier: '7890', rating: 5 }), randomUUID()))).toMatchObject({ kind: 'not-found', code: 'TRACKING.NOT_FOUND' });
    expect(await feedbackOf(complaintId)).toEqual([]);
  });
});
