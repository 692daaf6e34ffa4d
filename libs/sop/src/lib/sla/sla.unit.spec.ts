import { callAttempted, deliveryAbandoned, HISTORY } from '../__fixtures__/complaints';
import { evolve, replay } from '../evolve';
import type { SopEvent } from '../events';
import { initialState, type ComplaintState } from '../state';
import { HOLIDAY_CALENDARS } from './holiday-calendars';
import { OFFICE_REPORT, runningClocks, type RunningClock } from './sla-clocks';
import { computeDeadline, DEFAULT_SLA_POLICY, parseSlaPolicy, WorkingCalendar, type SlaPolicy } from './sla-policy';

const system = { kind: 'system', service: 'intake' } as const;
const admin = { kind: 'user', userId: 'u-admin', role: 'ADMIN_TIKKIM' } as const;
const head = { kind: 'user', userId: 'u-head', role: 'KEPALA_KANTOR' } as const;
const section = (code: string) => ({ kind: 'user', userId: `u-${code}`, role: 'SEKSI_TERKAIT', sectionCode: code }) as const;

/** A complaint's history to the given point, one hour per event from 2026-07-06T01:00Z. */
function stateAfter(count: number): ComplaintState {
  const at = (i: number) => new Date(Date.UTC(2026, 6, 6, 1 + i)).toISOString();
  const events: SopEvent[] = [
    { type: 'complaint.received', at: at(0), actor: system, data: { complaintId: 'c-1', officeCode: 'BLP', trackingNumber: 'BLP-2026-000001', channel: 'WHATSAPP', anonymous: false, confidential: false } },
    { type: 'complaint.confirmed', at: at(1), actor: admin, data: { classification: '02', summary: 'Antrean paspor', anonymous: false, confidential: false } },
    { type: 'complaint.disposed', at: at(2), actor: head, data: { sheet: { entries: [{ sectionCode: 'INTELDAKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }, { sectionCode: 'LANTASKIM', instructions: ['PELAJARI_DAN_LAPORKAN'] }] } } },
    { type: 'complaint.section-responded', at: at(3), actor: section('INTELDAKIM'), data: { sectionCode: 'INTELDAKIM', response: 'Diperiksa' } },
  ] as SopEvent[];
  return events.slice(0, count).reduce(evolve, initialState());
}

const keys = (clocks: readonly RunningClock[]) => clocks.map((c) => c.key);

describe('the clocks of a complaint (runningClocks)', () => {
  it('runs only Admin Tikkim’s confirmation clock on a received complaint, escalating to Kepala Seksi TI', () => {
    const clocks = runningClocks(stateAfter(1));
    expect(clocks).toEqual([
      { key: 'CONFIRM', clockId: 'CONFIRM', startedAt: '2026-07-06T01:00:00.000Z', deadlineHours: 12, counting: 'OFFICE_CALENDAR', responsibleRole: 'ADMIN_TIKKIM', escalatesTo: 'KEPALA_SEKSI_TI' },
    ]);
  });

  it('starts the 72 h SOP target and the 60-day statutory limit at confirmation, beside the disposition clock of Kepala Kantor', () => {
    const clocks = runningClocks(stateAfter(2));
    expect(keys(clocks)).toEqual(['DISPOSE_AND_PROCESS', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(clocks[0]).toMatchObject({ responsibleRole: 'KEPALA_KANTOR', escalatesTo: OFFICE_REPORT });
    expect(clocks[1]).toMatchObject({ startedAt: '2026-07-06T02:00:00.000Z', deadlineHours: 72, counting: 'OFFICE_CALENDAR' });
    expect(clocks[2]).toMatchObject({ startedAt: '2026-07-06T02:00:00.000Z', deadlineHours: 60 * 24, counting: 'WALL_CLOCK' });
  });

  it('runs one response clock per dispositioned section, each escalating to Kepala Kantor, and stops a section’s when it responds', () => {
    const disposed = runningClocks(stateAfter(3));
    expect(keys(disposed)).toEqual(['SECTION_RESPONSE:INTELDAKIM', 'SECTION_RESPONSE:LANTASKIM', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(disposed[0]).toMatchObject({ clockId: 'SECTION_RESPONSE', sectionCode: 'INTELDAKIM', responsibleRole: 'SEKSI_TERKAIT', escalatesTo: 'KEPALA_KANTOR' });
    expect(keys(runningClocks(stateAfter(4)))).toEqual(['SECTION_RESPONSE:LANTASKIM', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
  });

  it('stops every clock when Admin Tikkim gives up reaching the reporter, before the closing of the same decision (docs/adr/0044)', () => {
    const informed = replay(HISTORY.REPORTER_INFORMED);
    expect(keys(runningClocks(informed))).toEqual(['DELIVER_INFORMATION', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(keys(runningClocks(evolve(informed, callAttempted())))).toEqual(['DELIVER_INFORMATION', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(runningClocks(evolve(informed, deliveryAbandoned()))).toEqual([]);
  });

  it('runs no clock before anything happened', () => {
    expect(runningClocks(initialState())).toEqual([]);
  });
});

const WIB = (local: string) => new Date(`${local}+07:00`).toISOString();
const workingPolicy: SlaPolicy = { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' };
const clock = (startedAt: string, overrides: Partial<RunningClock> = {}): RunningClock => ({
  key: 'CONFIRM',
  clockId: 'CONFIRM',
  startedAt,
  deadlineHours: 12,
  counting: 'OFFICE_CALENDAR',
  responsibleRole: 'ADMIN_TIKKIM',
  escalatesTo: 'KEPALA_SEKSI_TI',
  ...overrides,
});

describe('deadlines under an office policy (computeDeadline)', () => {
  it('counts wall-clock hours by default: due 12 h after the start, warning at 75 % (9 h)', () => {
    const d = computeDeadline(clock('2026-07-04T10:00:00.000Z'));
    expect(d).toMatchObject({ dueAt: '2026-07-04T22:00:00.000Z', warnAt: '2026-07-04T19:00:00.000Z', deadlineHours: 12, calendar: 'WALL_CLOCK' });
  });

  it('counts only working hours in a working calendar, across a weekend: Friday 15:00 WIB + 12 h is Tuesday 09:30', () => {
    // Friday 07:30-16:30 leaves 1.5 h, Monday 07:30-16:00 gives 8.5 h, Tuesday the last 2 h.
    const d = computeDeadline(clock(WIB('2026-07-03T15:00:00')), workingPolicy);
    expect(d.dueAt).toBe(WIB('2026-07-07T09:30:00'));
    expect(d.calendar).toBe('WORKING_CALENDAR');
    // 9 h: 1.5 h on Friday, then 7.5 h of Monday's 8.5 h.
    expect(d.warnAt).toBe(WIB('2026-07-06T15:00:00'));
  });

  it('skips a weekend and a national holiday: Friday 14 August 15:00 + 12 h, with Monday 17 August off, is Wednesday 19 August 09:30', () => {
    const d = computeDeadline(clock(WIB('2026-08-14T15:00:00')), workingPolicy);
    expect(d.dueAt).toBe(WIB('2026-08-19T09:30:00'));
    expect(d.provisionalYears).toEqual([]);
  });

  it('treats cuti bersama as days off unless the office serves on them', () => {
    // Wed 23 Dec 15:00: 1 h that day; Thu 24 is cuti bersama, Fri 25 Christmas, then the weekend.
    const off = computeDeadline(clock(WIB('2026-12-23T15:00:00')), workingPolicy);
    expect(off.dueAt).toBe(WIB('2026-12-29T10:00:00'));
    const served = computeDeadline(clock(WIB('2026-12-23T15:00:00')), { ...workingPolicy, cutiBersama: 'WORKING' });
    expect(served.dueAt).toBe(WIB('2026-12-28T10:00:00'));
  });

  it('starts counting at the next working period when the clock starts on a Saturday night', () => {
    const d = computeDeadline(clock(WIB('2026-07-04T22:00:00'), { deadlineHours: 2 }), workingPolicy);
    expect(d.dueAt).toBe(WIB('2026-07-06T09:30:00'));
  });

  it('applies an office’s own hours per clock, its own days off and its time zone (WITA)', () => {
    const policy: SlaPolicy = { ...workingPolicy, timeZone: 'Asia/Makassar', deadlineHours: { CONFIRM: 4 }, extraNonWorkingDays: [{ date: '2026-07-06', name: 'Libur kantor' }] };
    const d = computeDeadline(clock(new Date('2026-07-03T15:00:00+08:00').toISOString()), policy);
    // Friday 1.5 h, Monday 6 July is the office's own day off, Tuesday 07:30 + 2.5 h.
    expect(d.dueAt).toBe(new Date('2026-07-07T10:00:00+08:00').toISOString());
    expect(d.deadlineHours).toBe(4);
  });

  it('counts the statutory 60 days in calendar days even in a working calendar', () => {
    const d = computeDeadline(clock('2026-07-03T08:00:00.000Z', { key: 'STATUTORY_SETTLEMENT', clockId: 'STATUTORY_SETTLEMENT', deadlineHours: 1440, counting: 'WALL_CLOCK' }), workingPolicy);
    expect(d).toMatchObject({ dueAt: '2026-09-01T08:00:00.000Z', calendar: 'WALL_CLOCK' });
  });

  it('names the years it passed through with no holiday data, and the provisional ones', () => {
    expect(computeDeadline(clock(WIB('2028-03-01T08:00:00')), workingPolicy).yearsWithoutHolidayData).toEqual([2028]);
    expect(computeDeadline(clock(WIB('2027-03-01T08:00:00')), workingPolicy).provisionalYears).toEqual([2027]);
  });

  it('measures working time between two instants as the inverse of adding it', () => {
    const calendar = new WorkingCalendar(workingPolicy);
    for (const start of ['2026-08-14T15:00:00', '2026-12-23T15:00:00', '2026-03-17T12:00:00']) {
      const from = Date.parse(WIB(start));
      for (const hours of [1, 12, 40]) {
        const to = calendar.addWorkingTime(from, hours * 3_600_000);
        expect(calendar.workingTimeBetween(from, to)).toBe(hours * 3_600_000);
      }
    }
  });
});

describe('an office’s SLA policy as data (parseSlaPolicy)', () => {
  it('merges an office’s fields over the default', () => {
    const parsed = parseSlaPolicy({ calendar: 'WORKING_CALENDAR', warningShare: 0.5 });
    expect(parsed).toEqual({ ok: true, policy: { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR', warningShare: 0.5 } });
  });

  it('names every problem of a bad policy', () => {
    const parsed = parseSlaPolicy({
      calendar: 'LUNAR',
      warningShare: 1,
      workingHours: { '1': ['16:00-07:30'], '8': [] },
      deadlineHours: { CONFIRM: -1, LUNCH: 2 },
      extraNonWorkingDays: ['2026-02-30'],
      holidayCalendar: 'XX',
      colour: 'blue',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      'colour: unknown field (known: calendar, timeZone, workingHours, holidayCalendar, cutiBersama, extraNonWorkingDays, deadlineHours, warningShare)',
      'calendar: must be WALL_CLOCK or WORKING_CALENDAR',
      'holidayCalendar: must be null or one of ID',
      'warningShare: must be a number between 0 and 1 (exclusive)',
      'extraNonWorkingDays.0: must be a date YYYY-MM-DD or { date, name }',
      'deadlineHours.CONFIRM: must be a positive number of hours',
      'deadlineHours.LUNCH: unknown clock (known: REPORT, CONFIRM, DISPOSE_AND_PROCESS, SECTION_RESPONSE, ANALYZE, DECIDE_FOLLOW_UP, FORM_TEAM, INFORM_REPORTER, DELIVER_INFORMATION, REVIEW_APPEAL, SOP_TARGET, STATUTORY_SETTLEMENT, LAPOR_VERIFICATION, LAPOR_FOLLOW_UP, DATA_ACCESS)',
      'workingHours.1: "16:00-07:30" is not "HH:MM-HH:MM" with the start before the end',
      'workingHours.8: not an ISO weekday 1 (Monday) … 7 (Sunday)',
    ]);
  });

  it('takes an office’s days off as bare dates (a file’s) or named, and gives them named', () => {
    const parsed = parseSlaPolicy({ extraNonWorkingDays: ['2026-07-06', { date: '2026-08-18', name: 'Hari jadi kota' }] });
    expect(parsed.ok && parsed.policy.extraNonWorkingDays).toEqual([
      { date: '2026-07-06', name: '' },
      { date: '2026-08-18', name: 'Hari jadi kota' },
    ]);
    for (const [bad, problem] of [
      [[{ date: '2026-13-01', name: 'x' }], 'extraNonWorkingDays.0.date: must be a real date YYYY-MM-DD'],
      [['2026-07-06', { date: '2026-07-06', name: 7 }], 'extraNonWorkingDays.1.name: must be a text'],
      [[{ date: '2026-07-06', colour: 'red' }], 'extraNonWorkingDays.0.colour: unknown field (known: date, name)'],
      [[7], 'extraNonWorkingDays.0: must be a date YYYY-MM-DD or { date, name }'],
      ['semua', 'extraNonWorkingDays: must be a list of dates YYYY-MM-DD or of { date, name }'],
    ] as const) {
      expect(parseSlaPolicy({ extraNonWorkingDays: bad })).toEqual({ ok: false, problems: [problem] });
    }
  });

  it('refuses a working calendar without a working hour in the week', () => {
    expect(parseSlaPolicy({ calendar: 'WORKING_CALENDAR', workingHours: {} })).toEqual({
      ok: false,
      problems: ['workingHours: a working calendar needs at least one working period in the week'],
    });
  });
});

describe('the holiday calendars shipped', () => {
  it('hold 2026 as the SKB lists it (17 holidays, 8 cuti bersama) and 2027 as provisional', () => {
    const [y2026, y2027] = HOLIDAY_CALENDARS['ID'];
    expect([y2026.year, y2026.status]).toEqual([2026, 'official']);
    expect(y2026.days.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(17);
    expect(y2026.days.filter((d) => d.kind === 'CUTI_BERSAMA')).toHaveLength(8);
    expect([y2027.year, y2027.status]).toEqual([2027, 'provisional']);
    for (const year of [y2026, y2027]) for (const day of year.days) expect(day.date.startsWith(String(year.year))).toBe(true);
  });
});
