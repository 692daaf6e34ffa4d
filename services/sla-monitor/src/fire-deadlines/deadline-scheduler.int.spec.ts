import type { EventEnvelope } from '@pengaduan/contracts';
import { DEFAULT_SLA_POLICY, type ComplaintStatus } from '@pengaduan/sop';
import { historyUntil, randomOfficeCode } from '@pengaduan/testing';
import { after, HOUR, SlaMonitorApp, typesFor } from '../__fixtures__/sla-monitor-app';

const app = new SlaMonitorApp();
beforeAll(() => app.start());
afterAll(() => app.stop());

/** The same event at another time (the step's output came earlier or later). */
const at = (envelope: EventEnvelope, time: Date): EventEnvelope => ({ ...envelope, time: time.toISOString() });

const payloadOf = (events: Awaited<ReturnType<SlaMonitorApp['events']>>, type: string) => {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return event.payload as unknown as Record<string, unknown>;
};

describe('the SLA monitor warns, then breaches and escalates each timed step of the SOP', () => {
  it.each<[string, ComplaintStatus, string, string, string, number?]>([
    ['Admin Tikkim confirms', 'RECEIVED', 'CONFIRM', 'ADMIN_TIKKIM', 'KEPALA_SEKSI_TI'],
    ['Kepala Kantor dispositions', 'CONFIRMED', 'DISPOSE_AND_PROCESS', 'KEPALA_KANTOR', 'OFFICE_REPORT'],
    ['the section responds', 'DISPOSED', 'SECTION_RESPONSE:INTELDAKIM', 'SEKSI_TERKAIT', 'KEPALA_KANTOR'],
    ['Admin Tikkim analyses', 'SECTION_PROCESSED', 'ANALYZE', 'ADMIN_TIKKIM', 'KEPALA_SEKSI_TI'],
    ['Kepala Seksi TI decides', 'ANALYZED', 'DECIDE_FOLLOW_UP', 'KEPALA_SEKSI_TI', 'KEPALA_KANTOR'],
    ['Kepala Kantor forms the team', 'FOLLOW_UP_DECIDED', 'FORM_TEAM', 'KEPALA_KANTOR', 'OFFICE_REPORT'],
    ['the follow-up reaches the reporter', 'TEAM_FORMED', 'DELIVER_INFORMATION', 'ADMIN_TIKKIM', 'KEPALA_SEKSI_TI'],
    ['the office answers within the SOP’s 72 h', 'CONFIRMED', 'SOP_TARGET', 'KEPALA_KANTOR', 'OFFICE_REPORT', 72],
    ['the office settles within Perpres 76/2013’s 60 days', 'CONFIRMED', 'STATUTORY_SETTLEMENT', 'KEPALA_KANTOR', 'OFFICE_REPORT', 60 * 24],
  ])('when %s too late (%s): a warning at 75 %%, breach and escalation at the deadline, naming who must act and to whom it goes', async (_what, status, key, responsible, escalatedTo, hours = 12) => {
    const history = historyUntil(status, { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') });
    await app.seedHistory(history);
    const deadline = (await app.deadlines(history.complaintId))[key];
    expect(deadline).toMatchObject({ responsible_role: responsible, escalates_to: escalatedTo, calendar: 'WALL_CLOCK', stopped_at: null });
    expect(deadline.due_at.getTime() - deadline.started_at.getTime()).toBe(hours * HOUR);

    await app.tick(after(deadline.started_at, 0.75 * hours * HOUR - 1));
    expect(typesFor(await app.events(history.complaintId), deadline.id)).toEqual(['sla.deadline-started']);
    await app.tick(after(deadline.started_at, 0.75 * hours * HOUR));
    await app.tick(after(deadline.started_at, hours * HOUR - 1));
    expect(typesFor(await app.events(history.complaintId), deadline.id)).toEqual(['sla.deadline-started', 'sla.deadline-warning']);
    await app.tick(after(deadline.started_at, hours * HOUR + 5_000));
    await app.tick(after(deadline.started_at, 2.5 * hours * HOUR));

    const events = (await app.events(history.complaintId)).filter((e) => 'deadlineId' in e.payload && e.payload.deadlineId === deadline.id);
    expect(events.map((e) => e.type)).toEqual(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated']);
    expect(payloadOf(events, 'sla.deadline-warning')).toMatchObject({ responsibleRole: responsible, remaining: { seconds: BigInt(0.25 * hours * 3600) } });
    expect(payloadOf(events, 'sla.escalated')).toMatchObject({ escalatedToRole: escalatedTo, level: 1, lateness: { seconds: 5n } });
    expect(events.every((e) => e.envelope.actor === 'system:sla-monitor' && e.envelope.subject === history.complaintId)).toBe(true);
  });

  it('fires nothing for a step finished in time, and records it as on time', async () => {
    const [received, confirmed] = historyUntil('CONFIRMED', { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') }).envelopes;
    await app.seed([received]);
    const { CONFIRM } = await app.deadlines(received.subject);
    await app.seed([at(confirmed, after(CONFIRM.started_at, 5 * HOUR))]);
    await app.tick(after(CONFIRM.started_at, 13 * HOUR));

    expect(typesFor(await app.events(received.subject), CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-stopped']);
    expect((await app.deadlines(received.subject))['CONFIRM']).toMatchObject({ warned_at: null, breached_at: null, lateness_ms: '0' });
  });

  it('does not fire a deadline whose step was completed a moment before it was due', async () => {
    const [received, confirmed] = historyUntil('CONFIRMED', { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') }).envelopes;
    await app.seed([received]);
    const { CONFIRM } = await app.deadlines(received.subject);
    await app.tick(after(CONFIRM.started_at, 10 * HOUR));
    await app.seed([at(confirmed, after(CONFIRM.due_at, -1))]);
    await app.tick(after(CONFIRM.due_at, 1));

    expect(typesFor(await app.events(received.subject), CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-stopped']);
  });

  it('records by how much a step was late when it is finished after its breach', async () => {
    const [received, confirmed] = historyUntil('CONFIRMED', { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') }).envelopes;
    await app.seed([received]);
    const { CONFIRM } = await app.deadlines(received.subject);
    await app.tick(after(CONFIRM.due_at, 1_000));
    await app.seed([at(confirmed, after(CONFIRM.due_at, 2 * HOUR + 30 * 60_000))]);

    const events = await app.events(received.subject);
    expect(typesFor(events, CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-breached', 'sla.escalated', 'sla.deadline-stopped']);
    expect(payloadOf(events, 'sla.deadline-stopped')).toMatchObject({ lateness: { seconds: BigInt(2.5 * 3600) }, elapsed: { seconds: BigInt(14.5 * 3600) }, stoppedByEventType: 'complaint.confirmed' });
    expect((await app.deadlines(received.subject))['CONFIRM'].lateness_ms).toBe(String(2.5 * HOUR));
  });

  it('fires overdue deadlines once each, at once, when it looks after a long gap, without a warning after the fact', async () => {
    const history = historyUntil('RECEIVED', { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') });
    await app.seedHistory(history);
    const { CONFIRM } = await app.deadlines(history.complaintId);
    expect(await app.tick(after(CONFIRM.due_at, 48 * HOUR))).toMatchObject({ breached: expect.any(Number) });
    await app.tick(after(CONFIRM.due_at, 49 * HOUR));
    expect(typesFor(await app.events(history.complaintId), CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-breached', 'sla.escalated']);
  });

  it('stops every clock of a dispositioned complaint as each section responds, and the SOP target only when the answer is delivered', async () => {
    const history = historyUntil('CLOSED', { officeCode: randomOfficeCode(), start: new Date('2026-07-06T01:00:00Z') });
    await app.seedHistory(history);
    const deadlines = await app.deadlines(history.complaintId);
    expect(Object.keys(deadlines).sort()).toEqual(
      ['ANALYZE', 'CONFIRM', 'DECIDE_FOLLOW_UP', 'DELIVER_INFORMATION', 'DISPOSE_AND_PROCESS', 'FORM_TEAM', 'SECTION_RESPONSE:INTELDAKIM', 'SOP_TARGET', 'STATUTORY_SETTLEMENT'].sort(),
    );
    expect(Object.values(deadlines).every((d) => d.stopped_at !== null && d.lateness_ms === '0')).toBe(true);
    const delivered = history.envelopes.find((e) => e.type === 'complaint.information-delivered');
    expect(deadlines['SOP_TARGET'].stopped_at?.toISOString()).toBe(delivered?.time);
  });
});

describe('an office on a working calendar', () => {
  it('skips the weekend and a national holiday: a complaint received Friday 14 August 2026 15:00 WIB is due Wednesday 19 August 09:30', async () => {
    const office = randomOfficeCode();
    await app.setPolicy(office, { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' });
    const history = historyUntil('RECEIVED', { officeCode: office, start: new Date('2026-08-14T15:00:00+07:00') });
    await app.seedHistory(history);
    const { CONFIRM } = await app.deadlines(history.complaintId);
    expect(CONFIRM).toMatchObject({ calendar: 'WORKING_CALENDAR', due_at: new Date('2026-08-19T09:30:00+07:00'), warn_at: new Date('2026-08-18T15:00:00+07:00') });

    // Monday 17 August (Proklamasi) at noon: 69 wall-clock hours later, yet only 1.5 working hours have passed.
    await app.tick(new Date('2026-08-17T12:00:00+07:00'));
    expect(typesFor(await app.events(history.complaintId), CONFIRM.id)).toEqual(['sla.deadline-started']);
    await app.tick(new Date('2026-08-19T09:30:00+07:00'));
    expect(typesFor(await app.events(history.complaintId), CONFIRM.id)).toEqual(['sla.deadline-started', 'sla.deadline-breached', 'sla.escalated']);
  });

  it('keeps a running deadline where it was when the office changes its policy later', async () => {
    const office = randomOfficeCode();
    const history = historyUntil('RECEIVED', { officeCode: office, start: new Date('2026-08-14T15:00:00+07:00') });
    await app.seedHistory(history);
    await app.setPolicy(office, { ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR' });
    const { CONFIRM } = await app.deadlines(history.complaintId);
    expect(CONFIRM).toMatchObject({ calendar: 'WALL_CLOCK', due_at: new Date('2026-08-15T03:00:00+07:00') });
  });
});
