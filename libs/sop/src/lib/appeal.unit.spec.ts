// After closing: the reporter's rating, an appeal, and the head of office's review (docs/adr/0053).
import {
  actors,
  analyzed,
  appealed,
  appealReviewed,
  closed,
  decidedFollowUp,
  delivered,
  DISMISSAL_PATH,
  given,
  HISTORY,
  hour,
  rated,
  reporterInformed,
  teamFormed,
} from './__fixtures__/complaints';
import type { Actor, SopEvent } from '../index';
import { availableActions, replay, runningClocks, verifyHistory, versionAfter } from '../index';

const DAY_MS = 24 * 3_600_000;
/** The fixture complaint closes at hour 9. */
const closedAt = Date.parse(hour(9));
const rate = (rating: unknown, actor: Actor = actors.intake, appealWindowDays = 14) =>
  ({ type: 'rate', actor, rating, hasComment: true, appealWindowDays }) as never;
const appeal = (actor: Actor = actors.intake, appealWindowDays = 14) => ({ type: 'appeal', actor, hasReason: true, appealWindowDays }) as never;
const review = (decision: string, reason?: string) => ({ type: 'reviewAppeal', actor: actors.kepalaKantor, decision, ...(reason === undefined ? {} : { reason }) }) as never;

describe('the reporter rates a closed complaint', () => {
  it('a good rating is recorded and opens nothing', () => {
    given(HISTORY.CLOSED)
      .when(rate(4), new Date(hour(10)))
      .then([{ type: 'complaint.rated', at: hour(10), actor: actors.intake, data: { rating: 4, hasComment: true, withinAppealWindow: true } }]);
  });

  it('a poor rating within the appeal window opens an appeal in the same decision', () => {
    given(HISTORY.CLOSED)
      .when(rate(2), new Date(hour(10)))
      .then([rated(2, hour(10)), appealed('POOR_RATING', hour(10))]);
    const state = replay([...HISTORY.CLOSED, rated(2), appealed()]);
    expect(state).toMatchObject({ status: 'APPEALED', appealRound: 1, outcome: 'FOLLOWED_UP' });
  });

  it('a poor rating after the window is recorded and opens nothing', () => {
    const late = new Date(closedAt + 15 * DAY_MS);
    given(HISTORY.CLOSED)
      .when(rate(1), late)
      .then([{ type: 'complaint.rated', at: late.toISOString(), actor: actors.intake, data: { rating: 1, hasComment: true, withinAppealWindow: false } }]);
  });

  it('the office’s own window counts: a day’s window has passed after two days', () => {
    const decision = given(HISTORY.CLOSED).when(rate(1, actors.intake, 1), new Date(closedAt + 2 * DAY_MS)).decision;
    expect(decision.ok && decision.events.map((e) => e.type)).toStrictEqual(['complaint.rated']);
  });

  it('Admin Tikkim may record a rating given by phone; the head of office may not', () => {
    expect(given(HISTORY.CLOSED).when(rate(5, actors.admin)).decision.ok).toBe(true);
    given(HISTORY.CLOSED).when(rate(5, actors.kepalaKantor)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
    given(HISTORY.CLOSED).when(rate(5, actors.pelapor)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });

  it('a second rating of the same closing is refused', () => {
    given(HISTORY.CLOSED, rated(4)).when(rate(5)).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status: 'CLOSED' });
  });

  it('a rating before closing is refused', () => {
    given(HISTORY.REPORTER_INFORMED).when(rate(5)).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { allowedFrom: ['CLOSED'] });
  });

  it('a dismissed message is neither rated nor appealed', () => {
    given(DISMISSAL_PATH).when(rate(1)).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    given(DISMISSAL_PATH).when(appeal()).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    expect(availableActions(replay(DISMISSAL_PATH), actors.intake)).toStrictEqual([]);
  });

  it.each([0, 6, 2.5, '5', null])('a rating of %p is refused as data', (rating) => {
    given(HISTORY.CLOSED).when(rate(rating)).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'rating' });
  });

  it('an appeal window that is no number of days is refused as data', () => {
    given(HISTORY.CLOSED).when(rate(3, actors.intake, -1)).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'appealWindowDays' });
  });
});

describe('the reporter appeals explicitly', () => {
  it('within the window, also after a good rating', () => {
    given(HISTORY.CLOSED, rated(5))
      .when(appeal(), new Date(hour(12)))
      .then([{ type: 'complaint.appealed', at: hour(12), actor: actors.intake, data: { trigger: 'REQUEST', hasReason: true } }]);
  });

  it('after the window: refused, the answer stands', () => {
    given(HISTORY.CLOSED).when(appeal(), new Date(closedAt + 15 * DAY_MS)).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status: 'CLOSED' });
  });

  it('not while an appeal is open', () => {
    given(HISTORY.APPEALED).when(appeal()).thenRefused('COMPLAINT.ILLEGAL_TRANSITION', { status: 'APPEALED' });
  });
});

describe('the head of office reviews the appeal', () => {
  const reviewedBy = (decision: 'REDISPOSE' | 'REANALYZE' | 'UPHOLD') => [...HISTORY.APPEALED, appealReviewed(decision)];

  it('REDISPOSE sends the complaint back to step 3: the head dispositions it anew', () => {
    const state = replay(reviewedBy('REDISPOSE'));
    expect(state).toMatchObject({ status: 'CONFIRMED', appealRound: 1, classification: '02' });
    expect(availableActions(state, actors.kepalaKantor)).toStrictEqual(['dispose']);
  });

  it('REANALYZE sends it back to step 4: Admin Tikkim analyses it anew', () => {
    const state = replay(reviewedBy('REANALYZE'));
    expect(state.status).toBe('SECTION_PROCESSED');
    expect(availableActions(state, actors.admin)).toContain('analyze');
  });

  it('UPHOLD needs a reason, and the reporter is told the upheld answer again', () => {
    given(HISTORY.APPEALED).when(review('UPHOLD')).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'reason' });
    given(HISTORY.APPEALED).when(review('UPHOLD', '   ')).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'reason' });
    given(reviewedBy('UPHOLD'))
      .when({ type: 'informReporter', actor: actors.admin, informationRef: 'INFO-2' })
      .then([{ type: 'complaint.reporter-informed', at: hour(20), actor: actors.admin, data: { outcome: 'FOLLOWED_UP', informationRef: 'INFO-2' } }]);
  });

  it('an unknown decision is refused as data; another role is refused', () => {
    given(HISTORY.APPEALED).when(review('RESTART')).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'decision' });
    given(HISTORY.APPEALED).when({ type: 'reviewAppeal', actor: actors.admin, decision: 'UPHOLD', reason: 'x' } as never).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
  });
});

describe('both outcomes reach CLOSED again, and the record stays legal', () => {
  const toClosedAgainByRedisposition: SopEvent[] = [
    ...HISTORY.APPEALED,
    appealReviewed('REDISPOSE', hour(11)),
    { type: 'complaint.disposed', at: hour(12), actor: actors.kepalaKantor, data: { sheet: { entries: [{ sectionCode: 'LANTASKIM', instructions: ['TINDAK_LANJUTI'] }] } } },
    { type: 'complaint.section-responded', at: hour(13), actor: actors.lantaskim, data: { sectionCode: 'LANTASKIM', response: 'Ditangani ulang' } },
    { type: 'complaint.disposition-completed', at: hour(13), actor: actors.lantaskim, data: { sectionCodes: ['LANTASKIM'] } },
    { ...analyzed, at: hour(14) },
    { ...decidedFollowUp, at: hour(15) },
    { ...teamFormed, at: hour(16) },
    reporterInformed('FOLLOWED_UP', hour(17)),
    delivered(hour(18)),
    closed('FOLLOWED_UP', hour(18)),
  ];

  it('REDISPOSE → steps 3-8 → CLOSED, then an appeal UPHOLD → steps 7-8 → CLOSED', () => {
    const events: SopEvent[] = [
      ...toClosedAgainByRedisposition,
      appealed('REQUEST', hour(19)),
      appealReviewed('UPHOLD', hour(20)),
      reporterInformed('FOLLOWED_UP', hour(21)),
      delivered(hour(22)),
      closed('FOLLOWED_UP', hour(22)),
    ];
    const verdict = verifyHistory(events);
    expect(verdict).toMatchObject({ ok: true, state: { status: 'CLOSED', appealRound: 2 } });
    // rated, appealed, reviewed, and each step again: every one moves the version.
    expect(versionAfter(0, events)).toBe(events.length);
  });

  it('a closing after an appeal may be rated again', () => {
    expect(given(toClosedAgainByRedisposition).when(rate(5), new Date(hour(19))).decision.ok).toBe(true);
  });

  it('the audit names a poor rating within the window that opened no appeal', () => {
    expect(verifyHistory([...HISTORY.CLOSED, rated(1)])).toMatchObject({ ok: false, reason: expect.stringContaining('not followed by complaint.appealed') });
  });

  it('the audit names an appeal for a poor rating that no poor rating precedes', () => {
    expect(verifyHistory([...HISTORY.CLOSED, rated(5), appealed('POOR_RATING')])).toMatchObject({ ok: false, index: HISTORY.CLOSED.length + 1 });
  });

  it('the audit names a review by another role than the head of office', () => {
    const forged: SopEvent = { ...appealReviewed('REDISPOSE'), actor: actors.admin };
    expect(verifyHistory([...HISTORY.APPEALED, forged])).toMatchObject({ ok: false, index: HISTORY.APPEALED.length });
  });
});

describe('the clocks of an appeal', () => {
  it('the head has 12 h to review, on a clock of the appeal’s round; the 72 h target runs no more', () => {
    const clocks = runningClocks(replay(HISTORY.APPEALED));
    expect(clocks.map((c) => [c.key, c.clockId, c.deadlineHours, c.responsibleRole])).toStrictEqual([['REVIEW_APPEAL@1', 'REVIEW_APPEAL', 12, 'KEPALA_KANTOR']]);
  });

  it('a step run again is a clock of its own round beside the first round’s', () => {
    const clocks = runningClocks(replay([...HISTORY.APPEALED, appealReviewed('REDISPOSE')]));
    expect(clocks.map((c) => c.key)).toStrictEqual(['DISPOSE_AND_PROCESS@1']);
    expect(runningClocks(replay([...HISTORY.APPEALED, appealReviewed('UPHOLD')])).map((c) => c.key)).toStrictEqual(['DELIVER_INFORMATION@1']);
  });
});
