import { countdownText, durationText, mostUrgentClock, sortByUrgency, urgencyOf, type ClockedItem } from './countdown';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();

describe('the SLA countdown text', () => {
  it('says 3 h 12 min left', () => {
    expect(countdownText(at(3 * 60 + 12), NOW, 'id')).toBe('sisa 3 j 12 mnt');
    expect(countdownText(at(3 * 60 + 12), NOW, 'en')).toBe('3 h 12 min left');
  });

  it('says 65 minutes overdue as 1 h 5 min', () => {
    expect(countdownText(at(-65), NOW, 'id')).toBe('terlambat 1 j 5 mnt');
    expect(countdownText(at(-65), NOW, 'en')).toBe('1 h 5 min overdue');
  });

  it('rounds down to the minute, so the last seconds never show a minute too many', () => {
    expect(countdownText(new Date(NOW + (3 * 3600 + 12 * 60 + 59) * 1000).toISOString(), NOW, 'id')).toBe('sisa 3 j 12 mnt');
    expect(countdownText(new Date(NOW + 30_000).toISOString(), NOW, 'id')).toBe('sisa < 1 mnt');
    expect(countdownText(new Date(NOW - 30_000).toISOString(), NOW, 'id')).toBe('terlambat < 1 mnt');
  });

  it('is not overdue at the due second itself', () => {
    expect(countdownText(at(0), NOW, 'id')).toBe('sisa < 1 mnt');
    expect(urgencyOf({ dueAt: at(0) }, NOW)).not.toBe('overdue');
    expect(urgencyOf({ dueAt: at(0) }, NOW + 1)).toBe('overdue');
  });

  it('counts days beyond a day, and minutes alone below an hour', () => {
    expect(durationText((2 * 24 + 4) * 3600_000 + 59 * 60_000, 'id')).toBe('2 hr 4 j');
    expect(durationText(24 * 3600_000, 'en')).toBe('1 d');
    expect(durationText(45 * 60_000, 'id')).toBe('45 mnt');
    expect(durationText(3 * 3600_000, 'id')).toBe('3 j 0 mnt');
  });

  it('ticks: the same due time reads differently 30 s … 2 h later', () => {
    const due = at(60);
    expect(countdownText(due, NOW, 'id')).toBe('sisa 1 j 0 mnt');
    expect(countdownText(due, NOW + 30 * 60_000, 'id')).toBe('sisa 30 mnt');
    expect(countdownText(due, NOW + 2 * 3600_000, 'id')).toBe('terlambat 1 j 0 mnt');
  });
});

describe('urgency', () => {
  const startedAt = at(-9 * 60); // a 12 h step that started 9 h ago …

  it('warns in the last quarter of the step’s time', () => {
    expect(urgencyOf({ startedAt, dueAt: at(3 * 60 + 1) }, NOW)).toBe('ok');
    expect(urgencyOf({ startedAt, dueAt: at(3 * 60) }, NOW)).toBe('warning');
    expect(urgencyOf({ startedAt, dueAt: at(-1) }, NOW)).toBe('overdue');
  });

  it('warns when the SLA monitor did, and without a start only then', () => {
    expect(urgencyOf({ dueAt: at(600), warned: true }, NOW)).toBe('warning');
    expect(urgencyOf({ dueAt: at(10) }, NOW)).toBe('ok');
  });
});

describe('the most urgent first', () => {
  const item = (id: string, receivedAt: string, dues: string[], current?: string): ClockedItem & { id: string } => ({
    id,
    receivedAt,
    currentStep: current ? { stepId: 'CONFIRM', dueAt: current, startedAt: at(-60) } : null,
    deadlines: dues.map((dueAt, i) => ({ stepId: i === 0 ? 'SECTION_RESPONSE' : 'SOP_TARGET', dueAt })),
  });

  it('takes the earliest of the open deadlines and the current step', () => {
    expect(mostUrgentClock(item('a', at(-100), [at(300), at(4000)], at(200)))?.dueAt).toBe(at(200));
    expect(mostUrgentClock(item('b', at(-100), [at(100)], at(200)))).toMatchObject({ stepId: 'SECTION_RESPONSE', dueAt: at(100) });
    expect(mostUrgentClock(item('c', at(-100), []))).toBeNull();
  });

  it('sorts overdue ones on top, then by due time; those with no clock last, oldest first', () => {
    const items = [
      item('later', at(-50), [], at(600)),
      item('none-new', at(-10), []),
      item('overdue', at(-900), [at(-65)]),
      item('none-old', at(-2000), []),
      item('soon', at(-30), [], at(20)),
    ];
    expect(sortByUrgency(items).map((i) => i.id)).toEqual(['overdue', 'soon', 'later', 'none-old', 'none-new']);
  });

  it('keeps the given order for equal due times and leaves the input alone', () => {
    const items = [item('x', at(0), [at(10)]), item('y', at(0), [at(10)])];
    expect(sortByUrgency(items).map((i) => i.id)).toEqual(['x', 'y']);
    expect(sortByUrgency([...items].reverse()).map((i) => i.id)).toEqual(['y', 'x']);
  });
});
