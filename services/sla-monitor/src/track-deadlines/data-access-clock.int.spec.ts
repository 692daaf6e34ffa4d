import { eventually, historyUntil, randomOfficeCode, type ComplaintHistory } from '@pengaduan/testing';
import { ACCESS_REQUEST_DUE_MS } from '@pengaduan/sop';
import { randomUUID } from 'node:crypto';
import { after, HOUR, SlaMonitorApp, typesFor, type DeadlineRecord } from '../__fixtures__/sla-monitor-app';

// docs/adr/0061: a person's access request (UU 27/2022 Pasal 32) runs a 3 × 24-hour clock per
// request, on its complaint whatever its status, warned, breached and escalated to the head of office.

const app = new SlaMonitorApp();

beforeAll(() => app.start());
afterAll(() => app.stop());

/** Admin Tikkim registers an access request on the complaint at `at`: its events, and the request id. */
function accessRequested(history: ComplaintHistory, at: Date): { requestId: string; dueAt: Date; envelopes: ReturnType<ComplaintHistory['when']> } {
  const requestId = randomUUID();
  const dueAt = new Date(at.getTime() + ACCESS_REQUEST_DUE_MS);
  const envelopes = history.when({ type: 'recordDataAccessRequest', actor: history.officers.admin, requestId, verifiedBy: 'IN_PERSON', dueAt: dueAt.toISOString() }, at);
  return { requestId, dueAt, envelopes };
}

function answered(history: ComplaintHistory, request: { requestId: string; dueAt: Date }, at: Date) {
  return history.when({ type: 'recordDataAccessAnswer', actor: history.officers.admin, requestId: request.requestId, dueAt: request.dueAt.toISOString(), answeredAt: at.toISOString() }, at);
}

async function deadlineOf(complaintId: string, key: string): Promise<DeadlineRecord> {
  return eventually(async () => (await app.deadlines(complaintId))[key], 30_000, `the deadline ${key} of ${complaintId}`);
}

describe('the 3 × 24-hour clock of an access request to personal data', () => {
  it('opens on a closed complaint from the topic, warns after 54 hours, breaches at 72, escalates to the head of office, and stops late at the answer', async () => {
    const history = historyUntil('CLOSED', { officeCode: randomOfficeCode(), start: new Date('2026-08-03T08:00:00+07:00') });
    const requestedAt = new Date('2026-08-10T09:00:00+07:00');
    const request = accessRequested(history, requestedAt);
    await app.publish(history.envelopes);

    const key = `DATA_ACCESS:${request.requestId}`;
    const clock = await deadlineOf(history.complaintId, key);
    // Wall-clock hours, whatever the office's calendar: due when intake said, not counted in working days.
    expect(clock).toMatchObject({ clock_id: 'DATA_ACCESS', calendar: 'WALL_CLOCK', responsible_role: 'ADMIN_TIKKIM', escalates_to: 'KEPALA_KANTOR', stopped_at: null });
    expect(clock.due_at).toEqual(request.dueAt);
    expect(clock.warn_at).toEqual(after(requestedAt, 54 * HOUR));
    // No other clock of the closed complaint runs again.
    expect(Object.values(await app.deadlines(history.complaintId)).filter((d) => d.stopped_at === null).map((d) => d.clock_key)).toEqual([key]);

    expect(await app.tick(after(requestedAt, 54 * HOUR - 1_000))).toEqual({ warned: 0, breached: 0 });
    await app.tick(clock.warn_at);
    await app.tick(after(request.dueAt, 1_000));
    await app.seed(answered(history, request, after(request.dueAt, 2 * HOUR)));

    const events = await app.events(history.complaintId);
    expect(typesFor(events, clock.id)).toEqual(['sla.deadline-started', 'sla.deadline-warning', 'sla.deadline-breached', 'sla.escalated', 'sla.deadline-stopped']);
    const about = events.filter((e) => 'deadlineId' in e.payload && e.payload.deadlineId === clock.id);
    expect(about.find((e) => e.type === 'sla.escalated')?.payload).toMatchObject({ stepId: 'DATA_ACCESS', escalatedToRole: 'KEPALA_KANTOR', level: 1 });
    const stopped = (await app.deadlines(history.complaintId))[key];
    expect(stopped).toMatchObject({ stopped_at: after(request.dueAt, 2 * HOUR), lateness_ms: String(2 * HOUR) });
  });

  it('runs one clock per request beside the steps’, and an answer in time stops its own clock only, with no warning', async () => {
    const history = historyUntil('CONFIRMED', { officeCode: randomOfficeCode(), start: new Date('2026-08-03T08:00:00+07:00') });
    const at = new Date('2026-08-03T11:00:00+07:00');
    const first = accessRequested(history, at);
    const second = accessRequested(history, after(at, HOUR));
    await app.seedHistory(history);
    const keys = Object.keys(await app.deadlines(history.complaintId));
    expect(keys).toEqual(expect.arrayContaining([`DATA_ACCESS:${first.requestId}`, `DATA_ACCESS:${second.requestId}`, 'DISPOSE_AND_PROCESS']));

    await app.seed(answered(history, first, after(at, 10 * HOUR)));
    await app.tick(after(at, 60 * HOUR));
    const deadlines = await app.deadlines(history.complaintId);
    const done = deadlines[`DATA_ACCESS:${first.requestId}`];
    const open = deadlines[`DATA_ACCESS:${second.requestId}`];
    expect(done).toMatchObject({ stopped_at: after(at, 10 * HOUR), lateness_ms: '0' });
    expect(open).toMatchObject({ stopped_at: null });
    const events = await app.events(history.complaintId);
    expect(typesFor(events, done.id)).toEqual(['sla.deadline-started', 'sla.deadline-stopped']);
    expect(typesFor(events, open.id)).toEqual(['sla.deadline-started', 'sla.deadline-warning']);
  });
});
