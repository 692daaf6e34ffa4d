import { slaPolicyToWire } from '@pengaduan/contracts';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '@pengaduan/sop';
import { historyUntil, randomOfficeCode } from '@pengaduan/testing';
import { randomUUID } from 'node:crypto';
import { HOUR, SlaMonitorApp } from '../__fixtures__/sla-monitor-app';

// The head of office's SLA policy and working calendar over sla-monitor's gRPC API
// (SlaMonitorService, docs/adr/0049), on the real Postgres: versions, conflicts, the history,
// offices apart, and deadlines computed with the policy in force when they start.

const app = new SlaMonitorApp();
// Monday 6 July 2026, 08:00 WIB: the clock the rules' "today" is read from.
const MONDAY = new Date('2026-07-06T01:00:00Z');
beforeAll(async () => {
  app.clock.set(MONDAY);
  await app.start();
});
afterAll(() => app.stop());

const head = { userId: randomUUID(), role: 'KEPALA_KANTOR' };
const working = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({ ...DEFAULT_SLA_POLICY, calendar: 'WORKING_CALENDAR', ...over });
const set = (officeCode: string, expectedVersion: number, policy: SlaPolicy, requestId: string = randomUUID()) =>
  app.client.call('setOfficeSlaPolicy', { officeCode, expectedVersion, policy: slaPolicyToWire(policy), actor: head, requestId });
const get = async (officeCode: string) => (await app.client.call('getOfficeSlaPolicy', { officeCode })).current;
type HistoryRow = { version: number; changed_by: string; request_key: string | null; policy: { calendar: string } };
const historyOf = (officeCode: string) =>
  app.runtime.dataSource.query('SELECT version, changed_by, request_key, policy FROM office_sla_policy_change WHERE office_code = $1 ORDER BY version', [officeCode]) as Promise<HistoryRow[]>;

describe('the office’s SLA policy over gRPC', () => {
  it('answers the default at version 0 until the office sets one; each change is the next version, in the history', async () => {
    const office = randomOfficeCode();
    expect(await get(office)).toMatchObject({ officeCode: office, version: 0, isDefault: true, policy: { calendar: 'WALL_CLOCK', timeZone: 'Asia/Jakarta', holidayCalendar: 'ID' } });

    const first = await set(office, 0, working({ extraNonWorkingDays: [{ date: '2026-07-07', name: '  Rapat kerja  ' }] }));
    expect(first).toMatchObject({ changed: true, current: { version: 1, isDefault: false, changedBy: head.userId, policy: { calendar: 'WORKING_CALENDAR' } }, previous: { calendar: 'WALL_CLOCK' } });
    expect(first.current?.policy?.extraNonWorkingDays).toEqual([expect.objectContaining({ date: '2026-07-07', name: 'Rapat kerja' })]);
    expect(await get(office)).toMatchObject({ version: 1, isDefault: false, changedBy: head.userId });

    const second = await set(office, 1, working({ deadlineHours: { CONFIRM: 8 } }));
    expect(second).toMatchObject({ changed: true, current: { version: 2, policy: { deadlineHours: { CONFIRM: 8 } } } });
    expect((await historyOf(office)).map((r) => [r.version, r.changed_by, r.request_key !== null, r.policy.calendar])).toEqual([
      [1, head.userId, true, 'WORKING_CALENDAR'],
      [2, head.userId, true, 'WORKING_CALENDAR'],
    ]);
  });

  it('refuses a change made on a version that is no longer the current one, and changes nothing for the same content', async () => {
    const office = randomOfficeCode();
    await set(office, 0, working());
    await expect(set(office, 0, working({ warningShare: 0.5 }))).rejects.toMatchObject({ code: 'SLA_POLICY.VERSION_CONFLICT', statusName: 'FAILED_PRECONDITION', details: { version: 1 } });
    // The policy already in force: nothing to change, whatever version was read.
    expect(await set(office, 0, working())).toMatchObject({ changed: false, current: { version: 1 } });
    expect(await set(office, 1, { ...working(), workingHours: { ...working().workingHours, '6': [] } })).toMatchObject({ changed: false, current: { version: 1 } });
    expect(await historyOf(office)).toHaveLength(1);
  });

  it('answers a retry of a change as the first time, and refuses its key for another policy', async () => {
    const office = randomOfficeCode();
    const key = randomUUID();
    const first = await set(office, 0, working(), key);
    await set(office, 1, working({ warningShare: 0.6 }));
    expect(await set(office, 0, working(), key)).toEqual(first);
    await expect(set(office, 0, working({ warningShare: 0.9 }), key)).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', statusName: 'ALREADY_EXISTS' });
    await expect(set(randomOfficeCode(), 0, working(), key)).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(await historyOf(office)).toHaveLength(2);
  });

  it('keeps each office’s policy its own', async () => {
    const [a, b] = [randomOfficeCode(), randomOfficeCode()];
    await set(a, 0, working({ deadlineHours: { CONFIRM: 6 } }));
    expect(await get(b)).toMatchObject({ version: 0, isDefault: true, policy: { calendar: 'WALL_CLOCK' } });
    await expect(set(b, 1, working({ warningShare: 0.5 }))).rejects.toMatchObject({ code: 'SLA_POLICY.VERSION_CONFLICT', details: { version: 0 } });
    expect((await set(b, 0, working())).current?.version).toBe(1);
    expect((await get(a))?.policy?.deadlineHours).toEqual({ CONFIRM: 6 });
  });

  it('refuses a step longer than the SOP’s naming it, and every other bad field', async () => {
    const office = randomOfficeCode();
    await expect(set(office, 0, working({ deadlineHours: { CONFIRM: 24 } }))).rejects.toMatchObject({
      code: 'SLA_POLICY.STEP_HOURS_OVER_SOP',
      statusName: 'INVALID_ARGUMENT',
      details: { fieldViolations: [expect.objectContaining({ field: 'deadlineHours.CONFIRM' })] },
    });
    const bad = working({ workingHours: {}, extraNonWorkingDays: [{ date: '2019-05-01', name: 'Dulu' }, { date: '2026-08-17', name: ' ' }] });
    await expect(set(office, 0, bad)).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      details: { fieldViolations: ['workingHours', 'extraNonWorkingDays.0.date', 'extraNonWorkingDays.1.name'].map((field) => expect.objectContaining({ field })) },
    });
    await expect(app.client.call('setOfficeSlaPolicy', { officeCode: 'blp', expectedVersion: 0, policy: slaPolicyToWire(working()), actor: head, requestId: randomUUID() })).rejects.toMatchObject({
      code: 'REQUEST.INVALID',
      details: { fieldViolations: [expect.objectContaining({ field: 'officeCode' })] },
    });
    expect(await historyOf(office)).toEqual([]);
  });

  it('keeps the history append-only', async () => {
    const office = randomOfficeCode();
    await set(office, 0, working());
    await expect(app.runtime.dataSource.query("UPDATE office_sla_policy_change SET changed_by = 'someone' WHERE office_code = $1", [office])).rejects.toThrow(/append-only/);
    await expect(app.runtime.dataSource.query('DELETE FROM office_sla_policy_change WHERE office_code = $1', [office])).rejects.toThrow(/append-only/);
  });
});

describe('a change applies to the deadlines started from it on', () => {
  it('computes a deadline started after the change in the new calendar, and keeps the due time of one started before', async () => {
    const office = randomOfficeCode();
    // Monday 08:00 WIB, wall clock: the confirmation is due 12 h later.
    const before = historyUntil('RECEIVED', { officeCode: office, start: MONDAY });
    await app.seedHistory(before);
    const { CONFIRM: running } = await app.deadlines(before.complaintId);
    expect(running.due_at.getTime() - running.started_at.getTime()).toBe(12 * HOUR);

    // Working hours, and Tuesday 7 July a day off of the office's own.
    await set(office, 0, working({ extraNonWorkingDays: [{ date: '2026-07-07', name: 'Rapat kerja kantor' }] }));

    // Monday 15:00 WIB: 1 h on Monday, none on Tuesday, 8.5 h on Wednesday, 2.5 h on Thursday.
    const after = historyUntil('RECEIVED', { officeCode: office, start: new Date('2026-07-06T08:00:00Z') });
    await app.seedHistory(after);
    expect((await app.deadlines(after.complaintId))['CONFIRM']).toMatchObject({ calendar: 'WORKING_CALENDAR', due_at: new Date('2026-07-09T03:00:00Z') });
    expect((await app.deadlines(before.complaintId))['CONFIRM']).toMatchObject({ id: running.id, calendar: 'WALL_CLOCK', due_at: running.due_at });
  });
});

describe('the start-up file', () => {
  it('sets an office’s policy until its head of office sets one, and never over it', async () => {
    const [byFile, byHead] = [randomOfficeCode(), randomOfficeCode()];
    await set(byHead, 0, working({ deadlineHours: { CONFIRM: 10 } }));
    const policies = app.policies;
    const apply = (office: string, policy: SlaPolicy) => app.runtime.dataSource.transaction((tx) => policies.applyFromFile(tx, office, policy, MONDAY));

    expect(await apply(byFile, working())).toBe('applied');
    expect(await apply(byFile, working())).toBe('unchanged');
    expect(await get(byFile)).toMatchObject({ version: 1, changedBy: 'SLA_OFFICE_POLICIES_FILE', policy: { calendar: 'WORKING_CALENDAR' } });
    // The file is the operator's until the head of office sets the office's own in the web app.
    expect((await set(byFile, 1, working({ warningShare: 0.5 }))).current?.version).toBe(2);
    for (const office of [byFile, byHead]) expect(await apply(office, DEFAULT_SLA_POLICY)).toBe('keptHeadOfOffice');
    expect(await get(byHead)).toMatchObject({ version: 1, changedBy: head.userId, policy: { deadlineHours: { CONFIRM: 10 } } });
  });
});
