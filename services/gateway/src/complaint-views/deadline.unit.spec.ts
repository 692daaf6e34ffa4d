import type { SlaDeadlineRecord } from '../persistence/entities';
import { deadlinesSeenBy, secondsUntil, toDeadline } from './deadline.dto';

function record(overrides: Partial<SlaDeadlineRecord> = {}): SlaDeadlineRecord {
  return {
    deadlineId: 'dl-1',
    complaintId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f',
    officeCode: 'BLP',
    stepId: 'DISPOSE_AND_PROCESS',
    sectionCode: null,
    startedAt: new Date('2026-03-14T02:00:00Z'),
    dueAt: new Date('2026-03-14T14:00:00Z'),
    warnAt: new Date('2026-03-14T11:00:00Z'),
    deadlineHours: 12,
    calendar: 'WALL_CLOCK',
    responsibleRole: 'KEPALA_KANTOR',
    escalatesTo: 'OFFICE_REPORT',
    warnedAt: null,
    breachedAt: null,
    escalatedAt: null,
    escalatedToRole: null,
    escalationLevel: null,
    stoppedAt: null,
    stoppedByEventType: null,
    latenessMs: null,
    elapsedMs: null,
    ...overrides,
  };
}

describe('a deadline as officers see it', () => {
  it('tells the whole seconds left, negative exactly once the due time has passed', () => {
    const due = new Date('2026-03-14T14:00:00Z');
    expect(secondsUntil(due, new Date('2026-03-14T13:59:59.500Z'))).toBe(0);
    expect(secondsUntil(due, due)).toBe(0);
    expect(secondsUntil(due, new Date('2026-03-14T14:00:00.001Z'))).toBe(-1);
    expect(secondsUntil(due, new Date('2026-03-14T12:00:00Z'))).toBe(7200);
  });

  it("shows the kepala kantor's disposition deadline warned, breached and escalated to the office report, overdue as of now", () => {
    const escalated = record({
      warnedAt: new Date('2026-03-14T11:00:00Z'),
      breachedAt: new Date('2026-03-14T14:00:00Z'),
      escalatedAt: new Date('2026-03-14T14:01:00Z'),
      escalatedToRole: 'OFFICE_REPORT',
      escalationLevel: 1,
    });
    expect(toDeadline(escalated, new Date('2026-03-14T15:00:00Z'))).toEqual({
      deadlineId: 'dl-1',
      stepId: 'DISPOSE_AND_PROCESS',
      startedAt: '2026-03-14T02:00:00.000Z',
      dueAt: '2026-03-14T14:00:00.000Z',
      warnAt: '2026-03-14T11:00:00.000Z',
      calendar: 'WALL_CLOCK',
      responsibleRole: 'KEPALA_KANTOR',
      remainingSeconds: -3600,
      overdue: true,
      warned: true,
      breached: true,
      escalatedToRole: 'OFFICE_REPORT',
    });
    expect(toDeadline(record(), new Date('2026-03-14T13:00:00Z'))).toMatchObject({ remainingSeconds: 3600, overdue: false, warned: false, breached: false, escalatedToRole: null });
  });

  it("names the section of a section's response", () => {
    expect(toDeadline(record({ stepId: 'SECTION_RESPONSE', sectionCode: 'INTELDAKIM' }), new Date('2026-03-14T13:00:00Z'))).toMatchObject({ sectionCode: 'INTELDAKIM' });
  });

  it("shows a section officer their own section's response and the deadlines of no section, and everyone else all of them", () => {
    const all = [record({ deadlineId: 'a', stepId: 'SECTION_RESPONSE', sectionCode: 'INTELDAKIM' }), record({ deadlineId: 'b', stepId: 'SECTION_RESPONSE', sectionCode: 'LANTASKIM' }), record({ deadlineId: 'c', stepId: 'SOP_TARGET' })];
    expect(deadlinesSeenBy(all, 'INTELDAKIM').map((d) => d.deadlineId)).toEqual(['a', 'c']);
    expect(deadlinesSeenBy(all, undefined).map((d) => d.deadlineId)).toEqual(['a', 'b', 'c']);
  });
});
