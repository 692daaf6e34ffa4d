import { CLOCK_IDS } from './sla-clocks';
import { canonicalSlaPolicy, checkOfficeSlaPolicy, officeToday, sameSlaPolicy, slaPolicyChange, SOP_CLOCK_HOURS } from './office-sla-policy';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

// The rules of the SLA policy a head of office sets (docs/adr/0049), next to parseSlaPolicy.

const NOW = new Date('2026-12-07T20:00:00Z'); // 8 December 2026, 03:00 WIB
const check = (input: unknown) => checkOfficeSlaPolicy(input, NOW);
const refusal = (input: unknown) => {
  const r = check(input);
  if (r.ok) throw new Error('accepted');
  return { code: r.code, fields: r.violations.map((v) => v.field) };
};

describe('the SOP’s hours are the most an office may give a clock', () => {
  it('names every timed clock with the SOP’s hours, and no untimed step', () => {
    expect(SOP_CLOCK_HOURS).toEqual({
      CONFIRM: 12,
      DISPOSE_AND_PROCESS: 12,
      SECTION_RESPONSE: 12,
      ANALYZE: 12,
      DECIDE_FOLLOW_UP: 12,
      FORM_TEAM: 12,
      DELIVER_INFORMATION: 12,
      REVIEW_APPEAL: 12,
      SOP_TARGET: 72,
      STATUTORY_SETTLEMENT: 1440,
    });
    // The LAPOR! clocks count LAPOR!'s working days (docs/adr/0055), an access request the law's 72 hours (docs/adr/0061): no office sets them.
    expect(CLOCK_IDS.filter((id) => SOP_CLOCK_HOURS[id] === undefined)).toEqual(['REPORT', 'INFORM_REPORTER', 'LAPOR_VERIFICATION', 'LAPOR_FOLLOW_UP', 'DATA_ACCESS']);
  });

  it('lets an office shorten a step, down to an hour', () => {
    const r = check({ deadlineHours: { CONFIRM: 8, SOP_TARGET: 48, SECTION_RESPONSE: 1 } });
    expect(r.ok && r.policy.deadlineHours).toEqual({ CONFIRM: 8, SECTION_RESPONSE: 1, SOP_TARGET: 48 });
    expect(check({ deadlineHours: { CONFIRM: 12 } }).ok).toBe(true);
  });

  it('refuses a step lengthened beyond the SOP, naming the step', () => {
    expect(refusal({ deadlineHours: { CONFIRM: 12.5, ANALYZE: 10, STATUTORY_SETTLEMENT: 1441 } })).toEqual({
      code: 'SLA_POLICY.STEP_HOURS_OVER_SOP',
      fields: ['deadlineHours.CONFIRM', 'deadlineHours.STATUTORY_SETTLEMENT'],
    });
    const r = check({ deadlineHours: { FORM_TEAM: 24 } });
    expect(!r.ok && r.violations[0].description).toContain('at most 12 hours');
  });

  it('refuses hours for an untimed step, below an hour, or not a number, as invalid fields', () => {
    expect(refusal({ deadlineHours: { REPORT: 2, CONFIRM: 0.5 } })).toEqual({ code: 'REQUEST.INVALID', fields: ['deadlineHours.REPORT', 'deadlineHours.CONFIRM'] });
    expect(refusal({ deadlineHours: { CONFIRM: '8' } })).toEqual({ code: 'REQUEST.INVALID', fields: ['deadlineHours.CONFIRM'] });
    // With another problem, the step over the SOP is named too, under the one code.
    expect(refusal({ calendar: 'LUNAR', deadlineHours: { CONFIRM: 20 } })).toEqual({ code: 'REQUEST.INVALID', fields: ['calendar', 'deadlineHours.CONFIRM'] });
    expect(refusal({ deadlineHours: { CONFIRM: 20, REPORT: 1 } })).toEqual({ code: 'REQUEST.INVALID', fields: ['deadlineHours.REPORT', 'deadlineHours.CONFIRM'] });
    expect(refusal({ deadlineHours: { CONFIRM: 13, ANALYZE: 'x' } })).toEqual({ code: 'REQUEST.INVALID', fields: ['deadlineHours.ANALYZE', 'deadlineHours.CONFIRM'] });
  });
});

describe('working days and hours', () => {
  it('needs at least one working day, each period starting before it ends', () => {
    expect(refusal({ workingHours: {} })).toEqual({ code: 'REQUEST.INVALID', fields: ['workingHours'] });
    expect(refusal({ workingHours: { '1': [], '2': [] } })).toEqual({ code: 'REQUEST.INVALID', fields: ['workingHours'] });
    expect(refusal({ workingHours: { '1': ['16:00-07:30'] } }).fields).toContain('workingHours.1');
    expect(refusal({ workingHours: { '1': ['08:00-08:00'] } }).fields).toContain('workingHours.1');
    expect(refusal({ workingHours: { '3': ['08:00-09:00', '10:00-11:00', '12:00-13:00', '14:00-15:00', '16:00-17:00'] } }).fields).toEqual(['workingHours.3']);
    expect(check({ workingHours: { '6': ['08:00-12:00'] } }).ok).toBe(true);
  });

  it('asks for working days even under the wall clock (they are the office’s hours when it switches)', () => {
    expect(refusal({ calendar: 'WALL_CLOCK', workingHours: {} }).fields).toEqual(['workingHours']);
  });
});

describe('the office’s own days off', () => {
  const day = (date: string, name = 'Hari jadi Kota Batam') => ({ date, name });

  it('are dates with a name, each once, from 2020 to two years ahead (in the office’s time zone)', () => {
    const r = check({ extraNonWorkingDays: [day('2027-12-18'), day('2026-12-08', '  Rapat kerja  ')] });
    expect(r.ok && r.policy.extraNonWorkingDays).toEqual([day('2026-12-08', 'Rapat kerja'), day('2027-12-18')]);
    expect(check({ extraNonWorkingDays: [day('2020-01-01'), day('2028-12-08')] }).ok).toBe(true);
    expect(refusal({ extraNonWorkingDays: [day('2019-12-31'), day('2028-12-09'), day('2026-12-24', ' '), day('2026-12-25', 'x'.repeat(121)), day('2026-12-24', 'Cuti')] })).toEqual({
      code: 'REQUEST.INVALID',
      fields: ['extraNonWorkingDays.0.date', 'extraNonWorkingDays.1.date', 'extraNonWorkingDays.2.name', 'extraNonWorkingDays.3.name', 'extraNonWorkingDays.4.date'],
    });
  });

  it('refuses a bare date (a day off needs its name), a malformed one and too many', () => {
    expect(refusal({ extraNonWorkingDays: ['2026-12-24'] }).fields).toEqual(['extraNonWorkingDays.0.name']);
    expect(refusal({ extraNonWorkingDays: [day('2026-02-30')] }).fields).toEqual(['extraNonWorkingDays.0.date']);
    const many = Array.from({ length: 201 }, (_, i) => day(new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(refusal({ extraNonWorkingDays: many }).fields).toEqual(['extraNonWorkingDays']);
  });

  it('counts today in the office’s time zone', () => {
    expect(officeToday({ timeZone: 'Asia/Jakarta' }, new Date('2026-12-07T16:59:59Z'))).toBe('2026-12-07');
    expect(officeToday({ timeZone: 'Asia/Jakarta' }, new Date('2026-12-07T17:00:00Z'))).toBe('2026-12-08');
    expect(officeToday({ timeZone: 'Asia/Jayapura' }, new Date('2026-12-07T15:00:00Z'))).toBe('2026-12-08');
  });
});

describe('the rest is parseSlaPolicy’s', () => {
  it('names each bad field, the warning share within (0, 1) among them', () => {
    expect(refusal({ warningShare: 1, timeZone: 'Europe/Paris', cutiBersama: 'MAYBE', holidayCalendar: 'toString', colour: 'blue' })).toEqual({
      code: 'REQUEST.INVALID',
      fields: ['colour', 'timeZone', 'cutiBersama', 'holidayCalendar', 'warningShare'],
    });
    expect(refusal('everything').fields).toEqual(['policy']);
    expect(check({ warningShare: 0.5, holidayCalendar: null, cutiBersama: 'WORKING', timeZone: 'Asia/Makassar' }).ok).toBe(true);
  });
});

describe('one form of a policy, and what changed', () => {
  const working: SlaPolicy = { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' };

  it('makes two policies that mean the same equal', () => {
    const a: SlaPolicy = { ...working, workingHours: { '5': ['07:30-16:30'], '1': ['07:30-16:00'], '6': [] }, deadlineHours: { SOP_TARGET: 48, CONFIRM: 6 } };
    const b: SlaPolicy = { ...working, workingHours: { '1': ['07:30-16:00'], '5': ['07:30-16:30'] }, deadlineHours: { CONFIRM: 6, SOP_TARGET: 48 } };
    expect(sameSlaPolicy(a, b)).toBe(true);
    expect(JSON.stringify(canonicalSlaPolicy(a))).toBe(JSON.stringify(canonicalSlaPolicy(b)));
    expect(sameSlaPolicy(a, { ...b, warningShare: 0.8 })).toBe(false);
  });

  it('lists each field that changed, hours as they count, days off by date', () => {
    const after: SlaPolicy = {
      ...working,
      workingHours: { ...working.workingHours, '5': ['07:30-11:30'] },
      deadlineHours: { CONFIRM: 8 },
      extraNonWorkingDays: [{ date: '2026-12-08', name: 'Rapat kerja' }],
    };
    expect(slaPolicyChange(DEFAULT_SLA_POLICY, after)).toEqual({
      calendar: { before: 'WALL_CLOCK', after: 'WORKING_CALENDAR' },
      'workingHours.5': { before: '07:30-16:30', after: '07:30-11:30' },
      'deadlineHours.CONFIRM': { before: 12, after: 8 },
      'extraNonWorkingDays.2026-12-08': { before: null, after: 'Rapat kerja' },
    });
    expect(slaPolicyChange(after, after)).toEqual({});
  });
});
