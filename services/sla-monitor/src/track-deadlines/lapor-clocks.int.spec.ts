import { DEFAULT_SLA_POLICY } from '@pengaduan/sop';
import { historyUntil, randomOfficeCode } from '@pengaduan/testing';
import { SlaMonitorApp, typesFor } from '../__fixtures__/sla-monitor-app';

// docs/adr/0055: the LAPOR! clocks, in working days of the office's calendar, beside the SOP's 12-hour steps.

const app = new SlaMonitorApp();

beforeAll(() => app.start());
afterAll(() => app.stop());

/** The office is closed on Wednesday 19 August 2026 (its own day off); Monday 17 August is Proklamasi. */
async function officeClosedOn19August(): Promise<string> {
  const office = randomOfficeCode();
  await app.setPolicy(office, { ...DEFAULT_SLA_POLICY, extraNonWorkingDays: [{ date: '2026-08-19', name: 'Hari jadi kota' }] });
  return office;
}

describe('the LAPOR! clocks of a complaint that came through SP4N-LAPOR!', () => {
  it('gives verification three working days from receipt: Friday 14 August 15:00 WIB is due Friday 21 August 16:30, past the weekend, Proklamasi and the day off', async () => {
    const office = await officeClosedOn19August();
    const history = historyUntil('RECEIVED', { officeCode: office, channel: 'LAPOR', start: new Date('2026-08-14T15:00:00+07:00') });
    await app.seedHistory(history);

    const deadlines = await app.deadlines(history.complaintId);
    expect(Object.keys(deadlines).sort()).toEqual(['CONFIRM', 'LAPOR_VERIFICATION']);
    // Tuesday 18, (Wednesday 19 off), Thursday 20, Friday 21 August; the SOP's own 12 h stays wall-clock.
    expect(deadlines['LAPOR_VERIFICATION']).toMatchObject({ clock_id: 'LAPOR_VERIFICATION', calendar: 'WORKING_CALENDAR', responsible_role: 'ADMIN_TIKKIM', escalates_to: 'KEPALA_KANTOR', due_at: new Date('2026-08-21T16:30:00+07:00') });
    expect(deadlines['CONFIRM']).toMatchObject({ calendar: 'WALL_CLOCK', due_at: new Date('2026-08-15T03:00:00+07:00') });

    // Warned and breached with the existing sla events, the clock named in stepId.
    const verification = deadlines['LAPOR_VERIFICATION'];
    await app.tick(verification.warn_at);
    await app.tick(new Date('2026-08-21T16:30:00+07:00'));
    const events = await app.events(history.complaintId);
    expect(typesFor(events, verification.id)).toEqual(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated']);
    expect(events.filter((e) => 'deadlineId' in e.payload && e.payload.deadlineId === verification.id).every((e) => 'stepId' in e.payload && e.payload.stepId === 'LAPOR_VERIFICATION')).toBe(true);
  });

  it('stops verification at confirmation and gives the follow-up five working days from then', async () => {
    const office = await officeClosedOn19August();
    // Received Friday 14 August 15:00, confirmed an hour later.
    const history = historyUntil('CONFIRMED', { officeCode: office, channel: 'LAPOR', start: new Date('2026-08-14T15:00:00+07:00') });
    await app.seedHistory(history);

    const deadlines = await app.deadlines(history.complaintId);
    expect(deadlines['LAPOR_VERIFICATION'].stopped_at).toEqual(new Date('2026-08-14T16:00:00+07:00'));
    // Tuesday 18, Thursday 20, Friday 21, Monday 24, Wednesday 26 (Tuesday 25 is Maulid Nabi): 16:00 WIB.
    expect(deadlines['LAPOR_FOLLOW_UP']).toMatchObject({ stopped_at: null, responsible_role: 'KEPALA_KANTOR', escalates_to: 'OFFICE_REPORT', due_at: new Date('2026-08-26T16:00:00+07:00') });
  });

  it('runs no LAPOR! clock on a complaint that came in over another channel', async () => {
    const history = historyUntil('CONFIRMED', { officeCode: await officeClosedOn19August(), channel: 'WHATSAPP', start: new Date('2026-08-14T15:00:00+07:00') });
    await app.seedHistory(history);
    expect(Object.keys(await app.deadlines(history.complaintId)).filter((k) => k.startsWith('LAPOR_'))).toEqual([]);
  });
});
