import { actors, given, HISTORY, hour, received } from '../__fixtures__/complaints';
import type { SopEvent } from '../events';
import { evolve, replay, verifyHistory } from '../evolve';
import { FIELD_RULES } from '../field-rules';
import { CHANNEL_LABELS, CLOCK_LABELS, DELIVERY_METHOD_LABELS } from '../labels';
import { MESSAGE_CHANNELS, OUTBOUND_CHANNELS } from '../reference-data';
import { initialState } from '../state';
import { SOP_CLOCK_HOURS } from './office-sla-policy';
import { LAPOR_CLOCK_IDS, runningClocks } from './sla-clocks';
import { computeDeadline, DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

// docs/adr/0055: complaints that came through SP4N-LAPOR!.

const lapor = (events: readonly SopEvent[]): SopEvent[] =>
  events.map((e) => (e.type === 'complaint.received' ? ({ ...e, data: { ...e.data, channel: 'LAPOR' } } as SopEvent) : e));

/** Thursday 9 July 2026, 10:00 WIB. */
const THURSDAY_10_WIB = '2026-07-09T03:00:00.000Z';

function laporState(...events: SopEvent[]) {
  return [{ ...received, at: THURSDAY_10_WIB, data: { ...received.data, channel: 'LAPOR' } } as SopEvent, ...events].reduce(evolve, initialState());
}

const confirmedThursday: SopEvent = { type: 'complaint.confirmed', at: THURSDAY_10_WIB, actor: actors.admin, data: { classification: '02', summary: 'Antrean', anonymous: false, confidential: false } };

describe('LAPOR! as a channel', () => {
  it('is a channel of its own with its label, answered by no written channel of the platform', () => {
    expect(OUTBOUND_CHANNELS).toContain('LAPOR');
    expect(MESSAGE_CHANNELS as readonly string[]).not.toContain('LAPOR');
    expect(CHANNEL_LABELS.LAPOR.id).toBe('SP4N-LAPOR!');
    expect(DELIVERY_METHOD_LABELS.LAPOR_POSTED.id).toBe('Diposting di LAPOR!');
  });

  it.each([
    ['6123456', true],
    ['123456789012', true],
    ['612345', false],
    ['1234567890123', false],
    ['LAP-6123456', false],
    [' 6123456', false],
  ])('reads %j as a LAPOR! report number: %s', (number, ok) => {
    expect(FIELD_RULES.laporReportNumber.pattern.test(number)).toBe(ok);
  });
});

describe('step 8 of a LAPOR! complaint: Admin Tikkim records the posting on LAPOR!', () => {
  const informed = lapor(HISTORY.REPORTER_INFORMED);
  const posting = { type: 'recordDelivery', actor: actors.admin, channel: 'LAPOR', method: 'LAPOR_POSTED', deliveredAt: hour(9), note: 'Diposting oleh admin' } as const;

  it('closes the complaint on the posting, with the officer as actor', () => {
    const decision = given(informed).when(posting).decision;
    expect(decision).toMatchObject({
      ok: true,
      events: [
        { type: 'complaint.information-delivered', actor: actors.admin, data: { channel: 'LAPOR', method: 'LAPOR_POSTED', deliveredAt: hour(9), note: 'Diposting oleh admin' } },
        { type: 'complaint.closed', data: { outcome: 'FOLLOWED_UP' } },
      ],
    });
  });

  it('refuses a posting recorded by the system, of a complaint that did not come through LAPOR!, or over another channel', () => {
    given(informed).when({ ...posting, actor: actors.notification }).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'method' });
    given(HISTORY.REPORTER_INFORMED).when(posting).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'method' });
    given(informed).when({ ...posting, channel: 'PHONE' }).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'channel' });
  });

  it('refuses any other delivery over channel LAPOR (no provider sends there)', () => {
    given(HISTORY.REPORTER_INFORMED).when({ ...posting, method: 'PHONE_CALL' }).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'method' });
    given(informed).when({ ...posting, method: 'NOT_A_METHOD' } as never).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'method' });
  });

  it.each([
    ['a phone call', { channel: 'PHONE', method: 'PHONE_CALL' }],
    ['a visit to the office', { channel: 'PHONE', method: 'IN_PERSON' }],
    ['a letter', { channel: 'PHONE', method: 'LETTER' }],
    ['a phone call over channel LAPOR', { channel: 'LAPOR', method: 'PHONE_CALL' }],
  ] as const)('refuses %s as step 8 of a LAPOR! complaint with 409, saying it is answered on LAPOR! only', (_, how) => {
    const { decision } = given(informed).when({ ...posting, ...how });
    given(informed).when({ ...posting, ...how }).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    expect(decision.ok ? '' : decision.error.message).toContain(`LAPOR_POSTED only, not ${how.method}`);
  });

  it('refuses a provider receipt for a LAPOR! complaint too, and still lets another complaint be told by phone', () => {
    given(informed).when({ ...posting, actor: actors.notification, channel: 'WHATSAPP', method: 'PROVIDER_RECEIPT' }).thenRefused('COMPLAINT.ILLEGAL_TRANSITION');
    expect(given(HISTORY.REPORTER_INFORMED).when({ ...posting, channel: 'PHONE', method: 'PHONE_CALL' }).decision.ok).toBe(true);
  });

  it('is judged the same by the audit: a LAPOR! complaint closed by a phone call is an illegal transition', () => {
    const byPhone = given(HISTORY.REPORTER_INFORMED).when({ ...posting, channel: 'PHONE', method: 'PHONE_CALL' }).decision;
    if (!byPhone.ok) throw new Error('the WhatsApp complaint is told by phone');
    expect(verifyHistory(lapor([...HISTORY.REPORTER_INFORMED, ...byPhone.events]))).toMatchObject({ ok: false, reason: expect.stringContaining('LAPOR_POSTED only, not PHONE_CALL') });
    const posted = given(informed).when(posting).decision;
    if (!posted.ok) throw new Error('the posting closes the LAPOR! complaint');
    expect(verifyHistory([...informed, ...posted.events])).toMatchObject({ ok: true });
  });
});

describe('the LAPOR! clocks (runningClocks, computeDeadline)', () => {
  const wib = (iso: string) => new Date(iso).toISOString();

  it('runs the verification clock on a received LAPOR! complaint only, beside the SOP’s confirmation clock', () => {
    expect(runningClocks(laporState()).map((c) => c.key)).toEqual(['CONFIRM', 'LAPOR_VERIFICATION']);
    expect(runningClocks(replay(HISTORY.RECEIVED)).map((c) => c.key)).toEqual(['CONFIRM']);
    expect(runningClocks(laporState()).find((c) => c.key === 'LAPOR_VERIFICATION')).toMatchObject({ startedAt: THURSDAY_10_WIB, counting: 'WORKING_DAYS', workingDays: 3, responsibleRole: 'ADMIN_TIKKIM', escalatesTo: 'KEPALA_KANTOR' });
  });

  it('stops verification at confirmation and runs the follow-up clock from then until the posting', () => {
    const keys = (events: readonly SopEvent[]) => runningClocks(replay(events)).map((c) => c.key);
    expect(keys(lapor(HISTORY.CONFIRMED))).toEqual(['DISPOSE_AND_PROCESS', 'LAPOR_FOLLOW_UP', 'SOP_TARGET', 'STATUTORY_SETTLEMENT']);
    expect(keys(lapor(HISTORY.REPORTER_INFORMED))).toContain('LAPOR_FOLLOW_UP');
    expect(keys(lapor(HISTORY.CLOSED))).toEqual([]);
    expect(keys(lapor(HISTORY.DISMISSED))).not.toContain('LAPOR_VERIFICATION');
    expect(runningClocks(replay(lapor(HISTORY.CONFIRMED))).find((c) => c.key === 'LAPOR_FOLLOW_UP')).toMatchObject({ startedAt: hour(1), workingDays: 5, responsibleRole: 'KEPALA_KANTOR', escalatesTo: 'OFFICE_REPORT' });
  });

  it('is due at the end of the third working day after receipt, skipping the weekend and the office’s day off', () => {
    const clock = runningClocks(laporState()).find((c) => c.key === 'LAPOR_VERIFICATION');
    if (!clock) throw new Error('no LAPOR_VERIFICATION clock');
    // Friday 10, (weekend), Monday 13, Tuesday 14 July: Tuesday 16:00 WIB.
    expect(computeDeadline(clock, DEFAULT_SLA_POLICY).dueAt).toBe(wib('2026-07-14T09:00:00Z'));
    // The office is closed on Monday 13 July: Wednesday 15 July, 16:00 WIB; the office's hours
    // for the SOP clocks (deadlineHours) do not move it, nor does a wall-clock SOP calendar.
    const closedMonday: SlaPolicy = { ...DEFAULT_SLA_POLICY, extraNonWorkingDays: [{ date: '2026-07-13', name: 'Hari jadi kota' }], deadlineHours: { CONFIRM: 6 } };
    const due = computeDeadline(clock, closedMonday);
    expect(due).toMatchObject({ dueAt: wib('2026-07-15T09:00:00Z'), calendar: 'WORKING_CALENDAR', deadlineHours: 72 });
    expect(Date.parse(due.warnAt)).toBeGreaterThan(Date.parse(THURSDAY_10_WIB));
    expect(Date.parse(due.warnAt)).toBeLessThan(Date.parse(due.dueAt));
  });

  it('gives the follow-up five working days from confirmation, on a working calendar too', () => {
    const clock = runningClocks(laporState(confirmedThursday)).find((c) => c.key === 'LAPOR_FOLLOW_UP');
    if (!clock) throw new Error('no LAPOR_FOLLOW_UP clock');
    // Friday 10, Monday 13 … Thursday 16 July (a Friday ends 16:30, a Thursday 16:00 WIB).
    expect(computeDeadline(clock, { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' }).dueAt).toBe(wib('2026-07-16T09:00:00Z'));
  });

  it('cannot be set by an office: LAPOR!’s working days are not the SOP’s hours', () => {
    for (const id of LAPOR_CLOCK_IDS) {
      expect(SOP_CLOCK_HOURS[id]).toBeUndefined();
      expect(CLOCK_LABELS[id].id).toMatch(/LAPOR!/);
    }
  });
});
