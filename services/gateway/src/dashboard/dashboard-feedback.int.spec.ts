import { SettableClock } from '@pengaduan/runtime';
import { ComplaintHistory, eventually, randomOfficeCode } from '@pengaduan/testing';
import type { AppealDecision, Channel, SopCommand } from '@pengaduan/sop';
import { api, isolate, removeIsolation, startGateway, type GatewayIsolation, type TestGateway } from '../__fixtures__/gateway-app';

// docs/adr/0053: the dashboard's figures of ratings and appeals, from the events on real Kafka.

interface Feedback {
  ratings: number;
  averageRating: number | null;
  ratingDistribution: { rating: number; count: number }[];
  poorRatingShare: number | null;
  appealsByTrigger: { trigger: string; count: number }[];
  appealReviews: { decision: string; stepNumber: number; count: number }[];
}

let isolation: GatewayIsolation;
let gateway: TestGateway;
const office = randomOfficeCode();
const otherOffice = randomOfficeCode();
const tokens: Record<string, string> = {};
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 2, d, h));
const system = { kind: 'system', service: 'intake' } as const;

/** A complaint of `officeCode` closed on 10 March, then rated/appealed and reviewed on 12 March. */
function closedThen(officeCode: string, channel: Channel, after: (h: ComplaintHistory) => SopCommand[]): ComplaintHistory {
  const h = new ComplaintHistory({ officeCode, channel, start: day(9, 1) }).until('CLOSED');
  after(h).forEach((command, i) => h.when(command, day(12, i + 1)));
  return h;
}
const rate = (rating: number): SopCommand => ({ type: 'rate', actor: system, rating, hasComment: false, appealWindowDays: 14 });
const review = (h: ComplaintHistory, decision: AppealDecision): SopCommand =>
  ({ type: 'reviewAppeal', actor: h.officers.kepalaKantor, decision, ...(decision === 'UPHOLD' ? { reason: 'Jawaban sesuai ketentuan' } : {}) }) as SopCommand;

const complaints = [
  closedThen(office, 'SMS', (h) => [rate(1), review(h, 'REANALYZE')]),
  closedThen(office, 'WHATSAPP', () => [rate(5)]),
  closedThen(office, 'SMS', (h) => [rate(2), review(h, 'UPHOLD')]),
  closedThen(office, 'WHATSAPP', (h) => [{ type: 'appeal', actor: h.officers.admin, hasReason: true, appealWindowDays: 14 }, review(h, 'REDISPOSE')]),
  closedThen(otherOffice, 'SMS', () => [rate(1)]),
];

beforeAll(async () => {
  isolation = await isolate();
  gateway = await startGateway({}, isolation, { clock: new SettableClock(day(20)) });
  tokens['kepala'] = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: office })).token;
  tokens['admin'] = (await gateway.officer({ role: 'ADMIN_TIKKIM', officeCode: office })).token;
  tokens['other'] = (await gateway.officer({ role: 'KEPALA_KANTOR', officeCode: otherOffice })).token;
  await gateway.publish(...complaints.flatMap((h) => h.envelopes));
  await eventually(async () => ((await feedback('kepala')).appealReviews.reduce((n, r) => n + r.count, 0) === 3 && (await feedback('other')).ratings === 1) || undefined, 30_000, 'every rating and review projected');
});

afterAll(async () => {
  await gateway?.stop();
  await removeIsolation(isolation);
});

async function feedback(officer: string, query = '?from=2026-03-01T00:00:00Z&to=2026-03-20T00:00:00Z'): Promise<Feedback> {
  const res = await api(gateway, tokens[officer]).get(`/dashboard${query}`);
  if (res.status !== 200) throw new Error(`GET /dashboard${query} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { feedback: Feedback }).feedback;
}

const distribution = (...counts: number[]) => counts.map((count, i) => ({ rating: i + 1, count }));

describe("the dashboard's ratings and appeals (docs/adr/0053)", () => {
  it('count for the head of office every rating, appeal and review of the office in the period, with the step each review sent the complaint back to', async () => {
    expect(await feedback('kepala')).toEqual({
      ratings: 3,
      averageRating: 2.67,
      ratingDistribution: distribution(1, 1, 0, 0, 1),
      poorRatingShare: 2 / 3,
      appealsByTrigger: [
        { trigger: 'POOR_RATING', count: 2 },
        { trigger: 'REQUEST', count: 1 },
      ],
      appealReviews: [
        { decision: 'REDISPOSE', stepNumber: 3, count: 1 },
        { decision: 'REANALYZE', stepNumber: 4, count: 1 },
        { decision: 'UPHOLD', stepNumber: 7, count: 1 },
      ],
    });
  });

  it("count only the complaints of the channel asked for, and Admin Tikkim sees the office's figures too", async () => {
    expect(await feedback('admin', '?from=2026-03-01T00:00:00Z&to=2026-03-20T00:00:00Z&channel=SMS')).toMatchObject({
      ratings: 2,
      averageRating: 1.5,
      ratingDistribution: distribution(1, 1, 0, 0, 0),
      poorRatingShare: 1,
      appealsByTrigger: [
        { trigger: 'POOR_RATING', count: 2 },
        { trigger: 'REQUEST', count: 0 },
      ],
    });
  });

  it('count by when the rating was given: a period before it has none, and the existing figures stay as they were', async () => {
    const res = await api(gateway, tokens['kepala']).get('/dashboard?from=2026-03-01T00:00:00Z&to=2026-03-11T00:00:00Z');
    const body = (await res.json()) as { total: number; feedback: Feedback };
    expect(body.total).toBe(4);
    expect(body.feedback).toMatchObject({ ratings: 0, averageRating: null, poorRatingShare: null, ratingDistribution: distribution(0, 0, 0, 0, 0) });
    expect(body.feedback.appealReviews.map((r) => r.count)).toEqual([0, 0, 0]);
  });

  it("show another office only its own: one rating, none of this office's", async () => {
    expect(await feedback('other')).toMatchObject({ ratings: 1, averageRating: 1, appealsByTrigger: [{ count: 1 }, { count: 0 }] });
  });

  it('refuse an unknown channel with 400 naming it, and a caller without a token with 401', async () => {
    const bad = await api(gateway, tokens['kepala']).get('/dashboard?channel=MERPATI');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await bad.json())).toContain('channel');
    expect((await api(gateway, undefined).get('/dashboard')).status).toBe(401);
  });
});
