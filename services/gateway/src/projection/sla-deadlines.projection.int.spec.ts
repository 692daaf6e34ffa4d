import type { EventEnvelope } from '@pengaduan/contracts';
import { PermanentError } from '@pengaduan/messaging';
import type { DataSource } from 'typeorm';
import { ComplaintHistory } from '@pengaduan/testing';
import { ProjectionHarness } from '../__fixtures__/projection-harness';

const harness = new ProjectionHarness('gateway-sla-projection');
let ds: DataSource;

beforeAll(async () => {
  await harness.start();
  ds = harness.ds;
});

afterAll(() => harness.stop());

const apply = (...envelopes: EventEnvelope[]) => harness.apply(...envelopes);

async function deadline(deadlineId: string): Promise<Record<string, unknown> | undefined> {
  return ((await ds.query('SELECT * FROM sla_deadline WHERE deadline_id = $1', [deadlineId])) as Record<string, unknown>[])[0];
}

async function dueOfCurrentStep(complaintId: string): Promise<[unknown, string | undefined]> {
  const [row] = (await ds.query('SELECT current_step_id, current_step_due_at FROM complaint_view WHERE id = $1', [complaintId])) as {
    current_step_id: string | null;
    current_step_due_at: Date | null;
  }[];
  return [row?.current_step_id, row?.current_step_due_at?.toISOString()];
}

async function eventCount(complaintId: string): Promise<number> {
  const [row] = (await ds.query('SELECT count(*)::int AS n FROM complaint_timeline WHERE complaint_id = $1', [complaintId])) as { n: number }[];
  return row.n;
}

const at = (iso: string) => new Date(iso);

describe("the SLA monitor's deadlines in the read model", () => {
  it('records a started deadline of the disposition with the due time, warning time and calendar the monitor computed, in the office of the complaint', async () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: at('2026-03-14T01:00:00Z') });
    await apply(...history.received(), ...history.confirmed());
    const disposition = history.deadlineStarted({ dueAt: at('2026-03-16T03:00:00Z'), calendar: 'WORKING_CALENDAR' });
    await apply(disposition.started);
    expect(await deadline(disposition.deadlineId)).toMatchObject({
      complaint_id: history.complaintId,
      office_code: 'BLP',
      step_id: 'DISPOSE_AND_PROCESS',
      section_code: null,
      started_at: at('2026-03-14T02:00:00Z'),
      due_at: at('2026-03-16T03:00:00Z'),
      deadline_hours: 12,
      calendar: 'WORKING_CALENDAR',
      responsible_role: 'KEPALA_KANTOR',
      escalates_to: 'OFFICE_REPORT',
      warned_at: null,
      breached_at: null,
      escalated_at: null,
      stopped_at: null,
    });
  });

  it("takes the monitor's due time for the current step once its deadline started, the wall-clock estimate standing until then, and for the sections' response the earliest of the sections still awaited", async () => {
    const history = new ComplaintHistory({ start: at('2026-03-14T01:00:00Z') });
    await apply(...history.received(), ...history.confirmed());
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['DISPOSE_AND_PROCESS', '2026-03-14T14:00:00.000Z']);

    // A Saturday confirmation under a working calendar: due on Monday.
    const disposition = history.deadlineStarted({ dueAt: at('2026-03-16T05:00:00Z'), calendar: 'WORKING_CALENDAR' });
    await apply(disposition.started);
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['DISPOSE_AND_PROCESS', '2026-03-16T05:00:00.000Z']);

    await apply(...history.disposedTo(['INTELDAKIM', 'LANTASKIM']), disposition.stopped());
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['SECTION_RESPONSE', '2026-03-14T15:00:00.000Z']);

    const inteldakim = history.deadlineStarted({ clock: 'SECTION_RESPONSE:INTELDAKIM', dueAt: at('2026-03-16T06:00:00Z') });
    const lantaskim = history.deadlineStarted({ clock: 'SECTION_RESPONSE:LANTASKIM', dueAt: at('2026-03-16T08:00:00Z') });
    await apply(lantaskim.started);
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['SECTION_RESPONSE', '2026-03-16T08:00:00.000Z']);
    await apply(inteldakim.started);
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['SECTION_RESPONSE', '2026-03-16T06:00:00.000Z']);

    // INTELDAKIM responded: only LANTASKIM's deadline is the step's, before the monitor even stops INTELDAKIM's.
    await apply(...history.sectionResponded('INTELDAKIM'));
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['SECTION_RESPONSE', '2026-03-16T08:00:00.000Z']);
    await apply(inteldakim.stopped(), ...history.sectionResponded('LANTASKIM'), lantaskim.stopped());
    // The analysis: the estimate again until its deadline starts.
    expect(await dueOfCurrentStep(history.complaintId)).toEqual(['ANALYZE', '2026-03-14T17:00:00.000Z']);
  });

  it("records the warning, the breach, the escalation and the stop of a deadline, each keeping the first time when the monitor says it again", async () => {
    const history = new ComplaintHistory({ start: at('2026-03-14T01:00:00Z') });
    await apply(...history.received());
    const confirmation = history.deadlineStarted();
    await apply(confirmation.started, confirmation.warning(), confirmation.breached(), confirmation.escalated());
    expect(await deadline(confirmation.deadlineId)).toMatchObject({
      step_id: 'CONFIRM',
      due_at: at('2026-03-14T13:00:00Z'),
      warned_at: at('2026-03-14T10:00:00Z'),
      breached_at: at('2026-03-14T13:00:00Z'),
      escalated_at: at('2026-03-14T13:01:00Z'),
      escalated_to_role: 'KEPALA_SEKSI_TI',
      escalation_level: 1,
      stopped_at: null,
    });

    await apply(confirmation.warning(at('2026-03-14T11:00:00Z')), confirmation.escalated({ at: at('2026-03-14T14:00:00Z') }));
    await apply(...history.confirmed());
    await apply(confirmation.stopped({ at: at('2026-03-14T14:30:00Z') }), confirmation.stopped({ at: at('2026-03-14T15:00:00Z') }));
    expect(await deadline(confirmation.deadlineId)).toMatchObject({
      warned_at: at('2026-03-14T10:00:00Z'),
      escalated_at: at('2026-03-14T13:01:00Z'),
      escalation_level: 1,
      stopped_at: at('2026-03-14T14:30:00Z'),
      stopped_by_event_type: 'complaint.confirmed',
      lateness_ms: String(90 * 60_000),
      elapsed_ms: String(13.5 * 3_600_000),
    });
  });

  it('records a higher escalation level over a lower one', async () => {
    const history = new ComplaintHistory();
    await apply(...history.received(), ...history.confirmed());
    const disposition = history.deadlineStarted({ escalatesTo: 'KEPALA_KANTOR' });
    await apply(disposition.started, disposition.escalated(), disposition.escalated({ toRole: 'OFFICE_REPORT', level: 2 }));
    expect(await deadline(disposition.deadlineId)).toMatchObject({ escalated_to_role: 'OFFICE_REPORT', escalation_level: 2 });
  });
});

describe('deadline events the read model refuses', () => {
  it.each([
    ['warning', (d: ReturnType<ComplaintHistory['deadlineStarted']>) => d.warning()],
    ['breach', (d: ReturnType<ComplaintHistory['deadlineStarted']>) => d.breached()],
    ['escalation', (d: ReturnType<ComplaintHistory['deadlineStarted']>) => d.escalated()],
    ['stop', (d: ReturnType<ComplaintHistory['deadlineStarted']>) => d.stopped()],
  ])('refuses the %s of a deadline the monitor never started, as a permanent error, leaving nothing behind', async (_, next) => {
    const history = new ComplaintHistory();
    await apply(...history.received(), ...history.confirmed());
    const neverStarted = history.deadlineStarted();
    const event = next(neverStarted);
    const failure = apply(event);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN_DEADLINE' });
    expect(await deadline(neverStarted.deadlineId)).toBeUndefined();
    expect(await eventCount(history.complaintId)).toBe(2);
  });

  it("refuses a warning about another complaint's deadline", async () => {
    const first = new ComplaintHistory();
    const second = new ComplaintHistory();
    await apply(...first.received(), ...second.received());
    const firstDeadline = first.deadlineStarted();
    await apply(firstDeadline.started);
    const borrowed = second.deadlineStarted({ deadlineId: firstDeadline.deadlineId });
    await expect(apply(borrowed.warning())).rejects.toMatchObject({ code: 'PROJECTION.UNKNOWN_DEADLINE' });
    await expect(apply(borrowed.started)).rejects.toMatchObject({ code: 'PROJECTION.DEADLINE_MISMATCH' });
    expect(await deadline(firstDeadline.deadlineId)).toMatchObject({ complaint_id: first.complaintId, warned_at: null });
  });
});
