import { DEFAULT_SLA_POLICY, SOP_CLOCK_HOURS, type SlaPolicy } from '@pengaduan/sop';
import { errorsOf, inputOf, slaPolicyBody, validateDayOff, validateSlaPolicy, type SlaPolicyView } from './sla-policy';

const sopHours = SOP_CLOCK_HOURS as Record<string, number>;
const NOW = new Date('2026-12-07T03:00:00Z');
const viewOf = (policy: SlaPolicy): SlaPolicyView => ({ officeCode: 'BLP', version: 2, isDefault: false, policy, sopHours });

describe('the SLA policy form (/administrasi/sla)', () => {
  it('sends back what it read, the SOP’s hours left out', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, workingHours: { ...DEFAULT_SLA_POLICY.workingHours, '6': ['08:00-10:00', '10:30-12:00'] }, deadlineHours: { CONFIRM: 8 } };
    expect(slaPolicyBody(inputOf(viewOf(policy)))).toEqual(policy);
  });

  it('makes a changed day one period, keeps a day left as read, and drops a day no longer worked', () => {
    const input = inputOf(viewOf({ ...DEFAULT_SLA_POLICY, workingHours: { '1': ['07:30-12:00', '13:00-16:00'], '2': ['07:30-16:00'], '3': ['07:30-16:00'] } }));
    const body = slaPolicyBody({ ...input, days: { ...input.days, '2': { ...input.days['2'], end: '15:00' }, '3': { ...input.days['3'], works: false } } });
    expect(body.workingHours).toEqual({ '1': ['07:30-12:00', '13:00-16:00'], '2': ['07:30-15:00'] });
  });

  it('turns the national holidays and cuti bersama into the policy’s words, hours typed with a comma', () => {
    const input = inputOf(viewOf(DEFAULT_SLA_POLICY));
    const body = slaPolicyBody({ ...input, nationalHolidays: false, cutiBersamaOff: false, hours: { ...input.hours, ANALYZE: '6,5' } });
    expect(body).toMatchObject({ holidayCalendar: null, cutiBersama: 'WORKING', deadlineHours: { ANALYZE: 6.5 } });
  });

  it('checks with libs/sop’s rules before sending, each on its field', () => {
    const input = inputOf(viewOf(DEFAULT_SLA_POLICY));
    expect(validateSlaPolicy(input, NOW)).toEqual({});
    const noDays = Object.fromEntries(Object.entries(input.days).map(([day, d]) => [day, { ...d, works: false }])) as typeof input.days;
    expect(validateSlaPolicy({ ...input, days: noDays, hours: { ...input.hours, CONFIRM: '13', SOP_TARGET: 'x' } }, NOW)).toEqual({
      days: { key: 'sla.errorNoWorkingDay' },
      'hours-SOP_TARGET': { key: 'sla.errorHours', params: { max: 72 } },
      'hours-CONFIRM': { key: 'sla.errorHours', params: { max: 12 } },
    });
    expect(validateSlaPolicy({ ...input, days: { ...input.days, '1': { ...input.days['1'], start: '17:00' } } }, NOW)).toEqual({ 'day-1': { key: 'sla.errorPeriod' } });
  });

  it('names the server’s fields on the form', () => {
    expect(errorsOf(['workingHours.5', 'deadlineHours.FORM_TEAM', 'extraNonWorkingDays.0.name', 'calendar'])).toEqual({
      'day-5': { key: 'sla.errorPeriod' },
      'hours-FORM_TEAM': { key: 'sla.errorHours', params: { max: 12 } },
      daysOff: { key: 'sla.errorDaysOff' },
      form: { key: 'sla.errorField', params: { field: 'calendar' } },
    });
  });

  it('adds a day off only with a name, once, within the range libs/sop allows', () => {
    const input = { ...inputOf(viewOf(DEFAULT_SLA_POLICY)), daysOff: [{ date: '2026-12-24', name: 'Cuti kantor' }] };
    expect(validateDayOff(input, { date: '2026-12-07', name: 'Rapat kerja' }, NOW)).toEqual({});
    expect(validateDayOff(input, { date: '2026-12-24', name: 'Lagi' }, NOW)).toEqual({ 'dayOff-date': { key: 'sla.errorDayOffTwice' } });
    expect(validateDayOff(input, { date: '2029-01-01', name: 'Jauh' }, NOW)).toEqual({ 'dayOff-date': { key: 'sla.errorDayOffDate', params: { today: '2026-12-07' } } });
    expect(validateDayOff(input, { date: '', name: '' }, NOW)).toEqual({ 'dayOff-date': { key: 'sla.errorDayOffDate', params: { today: '2026-12-07' } } });
    expect(validateDayOff(input, { date: '2026-12-08', name: '' }, NOW)).toEqual({ 'dayOff-name': { key: 'sla.errorDayOffName' } });
  });
});
