import {
  acknowledgementAbandoned,
  acknowledgementFailed,
  delivered,
  ABANDONED_PATH,
  DISMISSAL_PATH,
  HISTORY,
  hour,
  lantaskimResponded,
  NO_FOLLOW_UP_PATH,
} from './__fixtures__/complaints';
import type { ClockTrigger, ComplaintState, OpenStep, SopEvent } from '../index';
import {
  CHANNELS,
  COMPLAINT_CLASSIFICATIONS,
  COMPLAINT_EVENT_TYPES,
  DISMISSAL_REASONS,
  evolve,
  getStep,
  initialState,
  openStep,
  replay,
  triggeredBy,
  SECTION_RESPONSE_STEP,
  SLA_EVENT_TYPES,
  SOP_STEPS,
  SOP_TARGET_HOURS,
  STATUTORY_SETTLEMENT_DAYS,
} from '../index';

describe('the SOP as data', () => {
  it('has the eight steps of the SOP table, in order, with their outputs and Mutu Baku times', () => {
    expect(SOP_STEPS.map((s) => [s.number, s.id, s.outputId, s.deadlineHours])).toStrictEqual([
      [1, 'REPORT', 'Laporan Aduan', null],
      [2, 'CONFIRM', 'Laporan Terusan Aduan', 12],
      [3, 'DISPOSE_AND_PROCESS', 'Lembar Disposisi', 12],
      [4, 'ANALYZE', 'Analisis Aduan', 12],
      [5, 'DECIDE_FOLLOW_UP', 'Keputusan Tindak Lanjut', 12],
      [6, 'FORM_TEAM', 'SK Tim Penanganan Aduan', 12],
      [7, 'INFORM_REPORTER', null, null],
      [8, 'DELIVER_INFORMATION', 'Informasi Tindak Lanjut', 12],
    ]);
  });

  it('names who acts in each step as the swimlanes do', () => {
    expect(Object.fromEntries(SOP_STEPS.map((s) => [s.id, s.roles]))).toStrictEqual({
      REPORT: ['PELAPOR'],
      CONFIRM: ['ADMIN_TIKKIM'],
      DISPOSE_AND_PROCESS: ['KEPALA_KANTOR', 'SEKSI_TERKAIT'],
      ANALYZE: ['ADMIN_TIKKIM'],
      DECIDE_FOLLOW_UP: ['KEPALA_SEKSI_TI'],
      FORM_TEAM: ['KEPALA_KANTOR'],
      INFORM_REPORTER: ['ADMIN_TIKKIM'],
      DELIVER_INFORMATION: ['ADMIN_TIKKIM', 'PELAPOR'],
    });
    expect(SOP_STEPS.every((s) => s.nameId.length > 0 && s.nameEn.length > 0)).toBe(true);
  });

  it('times each section’s response in step 3 separately, 12 h, escalating to kepala kantor', () => {
    expect(SECTION_RESPONSE_STEP).toMatchObject({ number: 3, id: 'SECTION_RESPONSE', deadlineHours: 12, escalatesTo: 'KEPALA_KANTOR' });
    expect(getStep('SECTION_RESPONSE')).toBe(SECTION_RESPONSE_STEP);
    expect(getStep('ANALYZE').number).toBe(4);
  });

  it('six timed steps of 12 h make the 72 h target; Perpres 76/2013 allows 60 days', () => {
    const timed = SOP_STEPS.filter((s) => s.deadlineHours !== null);
    expect(timed).toHaveLength(6);
    expect(timed.reduce((sum, s) => sum + (s.deadlineHours ?? 0), 0)).toBe(SOP_TARGET_HOURS);
    expect(SOP_TARGET_HOURS).toBe(72);
    expect(STATUTORY_SETTLEMENT_DAYS).toBe(60);
  });

  it('lists the ten Permen PAN 5/2009 classifications', () => {
    expect(COMPLAINT_CLASSIFICATIONS.map((c) => c.code)).toStrictEqual([
      '01', '02', '03', '04', '05', '06', '07', '08', '09', '10',
    ]);
    expect(COMPLAINT_CLASSIFICATIONS.find((c) => c.code === '03')).toStrictEqual({
      code: '03',
      nameId: 'Korupsi/pungli',
      nameEn: 'Corruption / illegal levies',
    });
  });

  it('lists the dismissal reasons, channels and event types', () => {
    expect(DISMISSAL_REASONS).toStrictEqual(['SPAM', 'DUPLICATE', 'NOT_A_COMPLAINT', 'NOT_OUR_AUTHORITY']);
    expect(CHANNELS).toHaveLength(10);
    expect(COMPLAINT_EVENT_TYPES).toHaveLength(26);
    expect(new Set(COMPLAINT_EVENT_TYPES).size).toBe(26);
    expect(SLA_EVENT_TYPES).toStrictEqual(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated', 'sla.deadline-stopped']);
  });
});

describe('which step’s clock runs (openStep, for the SLA monitor)', () => {
  const clocks = (state: ComplaintState) => openStep(state).map((c) => [c.stepId, c.startedAt, c.sectionCode ?? null]);

  it.each([
    ['NEW', []],
    ['RECEIVED', [['CONFIRM', hour(0), null]]],
    ['CONFIRMED', [['DISPOSE_AND_PROCESS', hour(1), null]]],
    ['DISMISSED', [['DELIVER_INFORMATION', hour(1), null]]],
    ['DISPOSED', [['SECTION_RESPONSE', hour(2), 'LANTASKIM'], ['SECTION_RESPONSE', hour(2), 'INTELDAKIM']]],
    ['SECTION_PROCESSED', [['ANALYZE', hour(4), null]]],
    ['ANALYZED', [['DECIDE_FOLLOW_UP', hour(5), null]]],
    ['FOLLOW_UP_DECIDED', [['FORM_TEAM', hour(6), null]]],
    ['NO_FOLLOW_UP_DECIDED', [['DELIVER_INFORMATION', hour(6), null]]],
    ['TEAM_FORMED', [['DELIVER_INFORMATION', hour(7), null]]],
    ['REPORTER_INFORMED', [['DELIVER_INFORMATION', hour(7), null]]],
    ['CLOSED', []],
  ] as const)('in status %s', (status, expected) => {
    expect(clocks(replay(HISTORY[status]))).toStrictEqual(expected);
  });

  it('a section that responded stops its own clock only', () => {
    expect(openStep(replay([...HISTORY.DISPOSED, lantaskimResponded]))).toStrictEqual<OpenStep[]>([
      { stepId: 'SECTION_RESPONSE', sectionCode: 'INTELDAKIM', startedAt: hour(2), deadlineHours: 12 },
    ]);
  });

  it('step 8’s clock stops on delivery, before the closing event of the same decision', () => {
    expect(openStep(replay([...HISTORY.REPORTER_INFORMED, delivered()]))).toStrictEqual([]);
  });

  it('every clock is 12 h', () => {
    expect(openStep(replay(HISTORY.CONFIRMED))).toStrictEqual([
      { stepId: 'DISPOSE_AND_PROCESS', startedAt: hour(1), deadlineHours: 12 },
    ]);
  });

  // The step data's opensOn/closesOn and openStep must tell the same story, event by event.
  const matches = (triggers: readonly ClockTrigger[], event: SopEvent) => triggers.some((t) => triggeredBy(t, event));
  const key = (c: OpenStep) => `${c.stepId}/${c.sectionCode ?? ''}`;
  const timedSteps = [...SOP_STEPS, SECTION_RESPONSE_STEP].filter((s) => s.deadlineHours !== null);

  it.each([
    ['the happy path', HISTORY.CLOSED],
    ['the no-follow-up path', NO_FOLLOW_UP_PATH],
    ['the dismissal path', DISMISSAL_PATH],
    ['the path given up after a call (docs/adr/0044)', ABANDONED_PATH],
    [
      'a path whose acknowledgement was given up while step 8 ran (docs/adr/0051)',
      [...HISTORY.REPORTER_INFORMED, acknowledgementFailed(hour(8)), acknowledgementAbandoned(hour(8)), ...HISTORY.CLOSED.slice(HISTORY.REPORTER_INFORMED.length)],
    ],
  ])('on %s, clocks open and stop exactly on the events the SOP data names', (_name, events) => {
    let state: ComplaintState = initialState();
    for (const event of events) {
      const before = new Set(openStep(state).map((c) => c.stepId));
      const next = evolve(state, event);
      const after = new Set(openStep(next).map((c) => c.stepId));
      for (const step of timedSteps) {
        const opens = matches(step.opensOn, event);
        const closes = matches(step.closesOn, event);
        if (opens) expect({ event: event.type, step: step.id, open: after.has(step.id) }).toStrictEqual({ event: event.type, step: step.id, open: true });
        if (closes && step.id !== 'SECTION_RESPONSE') {
          expect({ event: event.type, step: step.id, open: after.has(step.id) }).toStrictEqual({ event: event.type, step: step.id, open: false });
        }
        if (!opens && !closes) {
          expect({ event: event.type, step: step.id, open: after.has(step.id) }).toStrictEqual({ event: event.type, step: step.id, open: before.has(step.id) });
        }
      }
      if (event.type === 'complaint.section-responded') {
        const stopped = openStep(state).map(key).filter((k) => !openStep(next).map(key).includes(k));
        expect(stopped).toStrictEqual([`SECTION_RESPONSE/${event.data.sectionCode}`]);
      }
      state = next;
    }
    expect(openStep(state)).toStrictEqual([]);
  });
});
