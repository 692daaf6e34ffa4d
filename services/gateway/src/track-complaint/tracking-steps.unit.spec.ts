import { SOP_STEP_IDS } from '@pengaduan/sop';
import { trackingSteps, type RecordedEvent, type StepState } from './tracking-steps';

const hour = (h: number) => new Date(Date.UTC(2026, 2, 14, h));
const iso = (h: number) => hour(h).toISOString();

/** The events of a complaint, one an hour from 01:00; `follow-up-decided` with its decision. */
function events(...types: (string | [string, Record<string, string>])[]): RecordedEvent[] {
  return types.map((t, i) => (typeof t === 'string' ? { type: t, at: hour(i + 1) } : { type: t[0], at: hour(i + 1), data: t[1] }));
}

const states = (steps: ReturnType<typeof trackingSteps>) => Object.fromEntries(steps.map((s) => [s.stepId, s.state])) as Record<string, StepState>;

const followUpPath = [
  'complaint.received', //  1
  'complaint.acknowledged', // 2
  'complaint.confirmed', // 3
  'sla.deadline-started', // 4
  'complaint.disposed', // 5
  'complaint.section-responded', // 6
  'complaint.section-responded', // 7
  'complaint.disposition-completed', // 8
  'complaint.analyzed', // 9
  ['complaint.follow-up-decided', { decision: 'FOLLOW_UP' }] as [string, Record<string, string>], // 10
  'complaint.team-formed', // 11
  'complaint.reporter-informed', // 12
  'complaint.information-delivered', // 13
  'complaint.closed', // 14
];

describe("a complaint's eight SOP steps, for the reporter", () => {
  it('shows all eight steps, in order, with their names, the first done and the second current once received', () => {
    const steps = trackingSteps(events('complaint.received'), false);
    expect(steps.map((s) => [s.number, s.stepId])).toEqual(SOP_STEP_IDS.map((id, i) => [i + 1, id]));
    expect(steps[0]).toEqual({ stepId: 'REPORT', number: 1, nameId: expect.stringContaining('Pengaduan dilaporkan'), nameEn: expect.any(String), state: 'DONE', completedAt: iso(1) });
    expect(steps[1]).toEqual({ stepId: 'CONFIRM', number: 2, nameId: expect.any(String), nameEn: expect.any(String), state: 'CURRENT', startedAt: iso(1) });
    expect(steps.slice(2).map((s) => s.state)).toEqual(Array(6).fill('PENDING'));
    expect(steps.slice(2).every((s) => s.startedAt === undefined && s.completedAt === undefined)).toBe(true);
  });

  it('keeps step 3 current while the sections work, until the last one responded', () => {
    const steps = trackingSteps(events(...followUpPath.slice(0, 7)), false);
    expect(states(steps)).toMatchObject({ CONFIRM: 'DONE', DISPOSE_AND_PROCESS: 'CURRENT', ANALYZE: 'PENDING' });
    expect(steps[2]).toMatchObject({ startedAt: iso(3) });
    const done = trackingSteps(events(...followUpPath.slice(0, 8)), false);
    expect(done[2]).toMatchObject({ state: 'DONE', startedAt: iso(3), completedAt: iso(8) });
    expect(done[3]).toMatchObject({ state: 'CURRENT', startedAt: iso(8) });
  });

  it('on the follow-up branch: every step done, each at the event that completed it, once closed', () => {
    const steps = trackingSteps(events(...followUpPath), true);
    expect(steps.map((s) => [s.stepId, s.state, s.startedAt, s.completedAt])).toEqual([
      ['REPORT', 'DONE', undefined, iso(1)],
      ['CONFIRM', 'DONE', iso(1), iso(3)],
      ['DISPOSE_AND_PROCESS', 'DONE', iso(3), iso(8)],
      ['ANALYZE', 'DONE', iso(8), iso(9)],
      ['DECIDE_FOLLOW_UP', 'DONE', iso(9), iso(10)],
      ['FORM_TEAM', 'DONE', iso(10), iso(11)],
      ['INFORM_REPORTER', 'DONE', iso(11), iso(12)],
      ['DELIVER_INFORMATION', 'DONE', iso(11), iso(13)],
    ]);
  });

  it('tells the reporter step 7 is current and step 8 still to come once the team is formed', () => {
    expect(states(trackingSteps(events(...followUpPath.slice(0, 11)), false))).toEqual({
      REPORT: 'DONE',
      CONFIRM: 'DONE',
      DISPOSE_AND_PROCESS: 'DONE',
      ANALYZE: 'DONE',
      DECIDE_FOLLOW_UP: 'DONE',
      FORM_TEAM: 'DONE',
      INFORM_REPORTER: 'CURRENT',
      DELIVER_INFORMATION: 'PENDING',
    });
    expect(states(trackingSteps(events(...followUpPath.slice(0, 12)), false))).toMatchObject({ INFORM_REPORTER: 'DONE', DELIVER_INFORMATION: 'CURRENT' });
  });

  it('skips forming a team when the kepala seksi decided no follow-up', () => {
    const path = [...followUpPath.slice(0, 9), ['complaint.follow-up-decided', { decision: 'NO_FOLLOW_UP' }] as [string, Record<string, string>]];
    const steps = trackingSteps(events(...path), false);
    expect(states(steps)).toMatchObject({ DECIDE_FOLLOW_UP: 'DONE', FORM_TEAM: 'SKIPPED', INFORM_REPORTER: 'CURRENT', DELIVER_INFORMATION: 'PENDING' });
    expect(steps[5]).toEqual({ stepId: 'FORM_TEAM', number: 6, nameId: expect.any(String), nameEn: expect.any(String), state: 'SKIPPED' });
    expect(steps[6]).toMatchObject({ startedAt: iso(10) });
  });

  it('skips steps 3 to 6 of a dismissed complaint, and confirms step 2 at the dismissal', () => {
    const steps = trackingSteps(events('complaint.received', 'complaint.dismissed', 'complaint.reporter-informed', 'complaint.information-delivered', 'complaint.closed'), true);
    expect(steps.map((s) => [s.stepId, s.state, s.startedAt, s.completedAt])).toEqual([
      ['REPORT', 'DONE', undefined, iso(1)],
      ['CONFIRM', 'DONE', iso(1), iso(2)],
      ['DISPOSE_AND_PROCESS', 'SKIPPED', undefined, undefined],
      ['ANALYZE', 'SKIPPED', undefined, undefined],
      ['DECIDE_FOLLOW_UP', 'SKIPPED', undefined, undefined],
      ['FORM_TEAM', 'SKIPPED', undefined, undefined],
      ['INFORM_REPORTER', 'DONE', iso(2), iso(3)],
      ['DELIVER_INFORMATION', 'DONE', iso(2), iso(4)],
    ]);
  });

  it('a dismissed complaint waits on step 7 with the skipped steps shown at once', () => {
    expect(states(trackingSteps(events('complaint.received', 'complaint.dismissed'), false))).toEqual({
      REPORT: 'DONE',
      CONFIRM: 'DONE',
      DISPOSE_AND_PROCESS: 'SKIPPED',
      ANALYZE: 'SKIPPED',
      DECIDE_FOLLOW_UP: 'SKIPPED',
      FORM_TEAM: 'SKIPPED',
      INFORM_REPORTER: 'CURRENT',
      DELIVER_INFORMATION: 'PENDING',
    });
  });

  it('does not take the acknowledgement given up for step 8 given up (docs/adr/0051)', () => {
    const ackGivenUp = events(
      'complaint.received',
      ['complaint.notification-failed', { purpose: 'ACKNOWLEDGEMENT' }],
      ['complaint.delivery-abandoned', { purpose: 'ACKNOWLEDGEMENT' }],
      'complaint.dismissed',
      'complaint.reporter-informed',
    );
    const steps = trackingSteps(ackGivenUp, false);
    expect(states(steps)).toMatchObject({ INFORM_REPORTER: 'DONE', DELIVER_INFORMATION: 'CURRENT' });
    const givenUp = trackingSteps([...ackGivenUp, { type: 'complaint.delivery-abandoned', at: hour(6) }, { type: 'complaint.closed', at: hour(6) }], true);
    expect(givenUp.find((s) => s.stepId === 'DELIVER_INFORMATION')).toMatchObject({ state: 'DONE', completedAt: iso(6) });
  });

  it('names no step current once the complaint is closed', () => {
    expect(trackingSteps(events(...followUpPath), true).some((s) => s.state === 'CURRENT')).toBe(false);
  });
});
