import type { ComplaintState } from '@pengaduan/sop';
import { currentStepOf, withMonitoredDue } from './current-step';

const facts = {
  complaintId: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f',
  officeCode: 'BLP',
  trackingNumber: 'BLP-2026-000001',
  channel: 'WHATSAPP',
  anonymous: false,
  confidential: false,
  receivedAt: '2026-03-14T01:00:00.000Z',
  since: '2026-03-14T03:00:00.000Z',
} as const;
const confirmed = { ...facts, confirmedAt: '2026-03-14T02:00:00.000Z', classification: '03' } as const;

describe("a complaint's current step", () => {
  it('is the confirmation for a received complaint, due 12 h after it was received', () => {
    const state: ComplaintState = { ...facts, status: 'RECEIVED' };
    expect(currentStepOf(state)).toEqual({ stepId: 'CONFIRM', startedAt: facts.since, dueAt: '2026-03-14T15:00:00.000Z' });
  });

  it('is the sections’ response while dispositioned, naming the sections still awaited, or the officer’s own', () => {
    const state: ComplaintState = { ...confirmed, status: 'DISPOSED', sections: ['INTELDAKIM', 'LANTASKIM', 'TU'], respondedSections: ['LANTASKIM'] };
    expect(currentStepOf(state)).toEqual({ stepId: 'SECTION_RESPONSE', startedAt: facts.since, dueAt: '2026-03-14T15:00:00.000Z', sectionCodes: ['INTELDAKIM', 'TU'] });
    expect(currentStepOf(state, 'TU')).toMatchObject({ stepId: 'SECTION_RESPONSE', sectionCodes: ['TU'] });
    expect(currentStepOf(state, 'LANTASKIM')).toMatchObject({ sectionCodes: ['INTELDAKIM', 'TU'] });
  });

  it('is none once the complaint is closed', () => {
    expect(currentStepOf({ ...facts, status: 'CLOSED', outcome: 'FOLLOWED_UP', confirmedAt: confirmed.confirmedAt, classification: '03' })).toBeNull();
  });
});

describe("the current step's due time once the SLA monitor started its deadline", () => {
  const deadline = (stepId: string, dueAt: string, sectionCode: string | null = null, stoppedAt: string | null = null) => ({
    stepId,
    sectionCode,
    dueAt: new Date(dueAt),
    stoppedAt: stoppedAt === null ? null : new Date(stoppedAt),
  });

  it("is the monitor's due time of the step's open deadline, the estimate standing without one", () => {
    const step = currentStepOf({ ...confirmed, status: 'CONFIRMED' });
    expect(withMonitoredDue(step, [])).toEqual(step);
    expect(withMonitoredDue(step, [deadline('DISPOSE_AND_PROCESS', '2026-03-16T05:00:00.000Z')])?.dueAt).toBe('2026-03-16T05:00:00.000Z');
    expect(withMonitoredDue(step, [deadline('CONFIRM', '2026-03-16T05:00:00.000Z'), deadline('SOP_TARGET', '2026-03-13T05:00:00.000Z')])).toEqual(step);
    expect(withMonitoredDue(step, [deadline('DISPOSE_AND_PROCESS', '2026-03-16T05:00:00.000Z', null, '2026-03-14T05:00:00.000Z')])).toEqual(step);
    expect(withMonitoredDue(null, [deadline('DISPOSE_AND_PROCESS', '2026-03-16T05:00:00.000Z')])).toBeNull();
  });

  it("is for the sections' response the earliest of the sections the step names", () => {
    const state: ComplaintState = { ...confirmed, status: 'DISPOSED', sections: ['INTELDAKIM', 'LANTASKIM', 'TU'], respondedSections: ['LANTASKIM'] };
    const deadlines = [
      deadline('SECTION_RESPONSE', '2026-03-16T01:00:00.000Z', 'LANTASKIM'),
      deadline('SECTION_RESPONSE', '2026-03-16T03:00:00.000Z', 'INTELDAKIM'),
      deadline('SECTION_RESPONSE', '2026-03-16T02:00:00.000Z', 'TU'),
    ];
    expect(withMonitoredDue(currentStepOf(state), deadlines)?.dueAt).toBe('2026-03-16T02:00:00.000Z');
    expect(withMonitoredDue(currentStepOf(state, 'INTELDAKIM'), deadlines)?.dueAt).toBe('2026-03-16T03:00:00.000Z');
  });
});
