import { completingEventTypes, groupTimeline, type GroupedTimeline } from './timeline-groups';

interface Line {
  readonly position: number;
  readonly type: string;
  readonly stepId?: string;
  readonly purpose?: string;
  /** What the test prints: `started CONFIRM`, `complaint.confirmed`. */
  readonly name: string;
}

/** A record from short names: `complaint.confirmed`, `started CONFIRM`, `breached SECTION_RESPONSE`, `warning` (no step id). */
function record(...names: string[]): Line[] {
  return names.map((name, i) => {
    if (name.startsWith('complaint.')) return { position: i + 1, type: name, name };
    const [kind, stepId] = name.split(' ');
    const type = kind === 'escalated' ? 'sla.escalated' : `sla.deadline-${kind}`;
    return { position: i + 1, type, name, ...(stepId === undefined ? {} : { stepId }) };
  });
}

/** The grouping as `[step, [its SLA lines], late]`, and the running group last. */
function shape(grouped: GroupedTimeline<Line>) {
  return {
    steps: grouped.steps.map((g) => [g.step.name, g.lines.map((l) => l.name), g.late]),
    running: [grouped.running.lines.map((l) => l.name), grouped.running.late],
  };
}

describe('the step whose line a deadline folds under', () => {
  it('is the event that ends the step in libs/sop: a confirmation or a dismissal ends the confirmation', () => {
    expect(completingEventTypes('CONFIRM')).toEqual(['complaint.confirmed', 'complaint.dismissed']);
    expect(completingEventTypes('DISPOSE_AND_PROCESS')).toEqual(['complaint.disposed']);
    expect(completingEventTypes('FORM_TEAM')).toEqual(['complaint.team-formed']);
    expect(completingEventTypes('DELIVER_INFORMATION')).toEqual(['complaint.information-delivered', 'complaint.delivery-abandoned']);
  });

  it('is "all sections responded" for a section’s response, and the delivery of the information for the 72 h and 60-day targets', () => {
    expect(completingEventTypes('SECTION_RESPONSE')).toEqual(['complaint.disposition-completed']);
    expect(completingEventTypes('SOP_TARGET')).toEqual(['complaint.information-delivered', 'complaint.delivery-abandoned']);
    expect(completingEventTypes('STATUTORY_SETTLEMENT')).toEqual(['complaint.information-delivered', 'complaint.delivery-abandoned']);
  });

  it('is none for a step libs/sop does not know', () => {
    expect(completingEventTypes('NEW_CLOCK')).toEqual([]);
    expect(completingEventTypes('constructor')).toEqual([]);
  });
});

describe('the timeline grouped by step', () => {
  it('shows the SOP steps in order, each with the deadline lines of its own step, for a complaint dispositioned to two sections', () => {
    const lines = record(
      'complaint.received',
      'started CONFIRM',
      'complaint.confirmed',
      'stopped CONFIRM',
      'started DISPOSE_AND_PROCESS',
      'started SOP_TARGET',
      'complaint.disposed',
      'stopped DISPOSE_AND_PROCESS',
      'started SECTION_RESPONSE',
      'started SECTION_RESPONSE',
      'complaint.section-responded',
      'stopped SECTION_RESPONSE',
      'complaint.section-responded',
      'complaint.disposition-completed',
      'stopped SECTION_RESPONSE',
      'started ANALYZE',
      'complaint.analyzed',
      'stopped ANALYZE',
    );
    expect(shape(groupTimeline(lines))).toEqual({
      steps: [
        ['complaint.received', [], false],
        ['complaint.confirmed', ['started CONFIRM', 'stopped CONFIRM'], false],
        ['complaint.disposed', ['started DISPOSE_AND_PROCESS', 'stopped DISPOSE_AND_PROCESS'], false],
        ['complaint.section-responded', [], false],
        ['complaint.section-responded', [], false],
        ['complaint.disposition-completed', ['started SECTION_RESPONSE', 'started SECTION_RESPONSE', 'stopped SECTION_RESPONSE', 'stopped SECTION_RESPONSE'], false],
        ['complaint.analyzed', ['started ANALYZE', 'stopped ANALYZE'], false],
      ],
      // The 72 h target runs until the information reaches the reporter.
      running: [['started SOP_TARGET'], false],
    });
  });

  it('keeps the deadline of a step not done yet apart, after the last step, and never under the step that started it', () => {
    const grouped = groupTimeline(record('complaint.received', 'started CONFIRM', 'complaint.confirmed', 'stopped CONFIRM', 'started DISPOSE_AND_PROCESS', 'warning DISPOSE_AND_PROCESS'));
    expect(shape(grouped)).toEqual({
      steps: [
        ['complaint.received', [], false],
        ['complaint.confirmed', ['started CONFIRM', 'stopped CONFIRM'], false],
      ],
      running: [['started DISPOSE_AND_PROCESS', 'warning DISPOSE_AND_PROCESS'], false],
    });
  });

  it('does not fold step 8’s deadline under the acknowledgement given up, which ends no step (docs/adr/0051)', () => {
    const lines: Line[] = [
      ...record('complaint.dismissed', 'started DELIVER_INFORMATION', 'complaint.reporter-informed'),
      { position: 4, type: 'complaint.delivery-abandoned', purpose: 'ACKNOWLEDGEMENT', name: 'acknowledgement given up' } as Line,
      { position: 5, type: 'sla.deadline-warning', stepId: 'DELIVER_INFORMATION', name: 'warning DELIVER_INFORMATION' },
    ];
    expect(shape(groupTimeline(lines))).toEqual({
      steps: [
        ['complaint.dismissed', [], false],
        ['complaint.reporter-informed', [], false],
        ['acknowledgement given up', [], false],
      ],
      running: [['started DELIVER_INFORMATION', 'warning DELIVER_INFORMATION'], false],
    });
  });

  it('says a step was late when its deadline was breached or escalated, done or still running', () => {
    const done = groupTimeline(record('complaint.received', 'started CONFIRM', 'breached CONFIRM', 'escalated CONFIRM', 'complaint.dismissed', 'stopped CONFIRM', 'started DELIVER_INFORMATION'));
    expect(shape(done)).toEqual({
      steps: [
        ['complaint.received', [], false],
        ['complaint.dismissed', ['started CONFIRM', 'breached CONFIRM', 'escalated CONFIRM', 'stopped CONFIRM'], true],
      ],
      running: [['started DELIVER_INFORMATION'], false],
    });
    const running = groupTimeline(record('complaint.received', 'started CONFIRM', 'warning CONFIRM', 'breached CONFIRM'));
    expect(shape(running).running).toEqual([['started CONFIRM', 'warning CONFIRM', 'breached CONFIRM'], true]);
    expect(shape(running).steps).toEqual([['complaint.received', [], false]]);
  });

  it('folds a line without a step id (recorded before the gateway kept it), or with one libs/sop does not know, under the step line before it', () => {
    const grouped = groupTimeline(record('complaint.received', 'started', 'complaint.confirmed', 'stopped', 'started NEW_CLOCK', 'started DISPOSE_AND_PROCESS'));
    expect(shape(grouped)).toEqual({
      steps: [
        ['complaint.received', ['started'], false],
        ['complaint.confirmed', ['stopped', 'started NEW_CLOCK'], false],
      ],
      running: [['started DISPOSE_AND_PROCESS'], false],
    });
  });

  it('reads the lines in the order of the record, whatever order they came in', () => {
    const lines = record('complaint.received', 'started CONFIRM', 'complaint.confirmed', 'stopped CONFIRM');
    expect(shape(groupTimeline([...lines].reverse()))).toEqual(shape(groupTimeline(lines)));
    expect(groupTimeline(lines).steps.map((g) => g.step.name)).toEqual(['complaint.received', 'complaint.confirmed']);
  });

  it('has nothing to show for an empty record', () => {
    expect(shape(groupTimeline<Line>([]))).toEqual({ steps: [], running: [[], false] });
  });
});
