import { actors, given, HISTORY, hour, NOW, validCommand } from './__fixtures__/complaints';
import { accessRequestDueAt, dataRequestStanding } from './data-subject-requests';
import { decide } from './decide';
import { versionAfter } from './events';
import { replay } from './evolve';
import { runningClocks, type RunningClock } from './sla/sla-clocks';
import { computeDeadline } from './sla/sla-policy';

const registeredAt = new Date('2026-12-01T00:00:00.000Z');
const dueAt = accessRequestDueAt(registeredAt);
const at = (hours: number) => new Date(registeredAt.getTime() + hours * 3600_000);

describe('an access request under UU PDP (3 × 24 hours)', () => {
  it('is due 72 hours after it was registered', () => {
    expect(dueAt.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('is open, then due soon at the SOP clocks’ warning share, then overdue after 72 hours', () => {
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(1))).toBe('OPEN');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(54))).toBe('DUE_SOON');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(72))).toBe('DUE_SOON');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: null }, at(72.01))).toBe('OVERDUE');
  });

  it('is answered in time or late by when it was handed over, whatever the time now', () => {
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: at(70) }, at(500))).toBe('ANSWERED');
    expect(dataRequestStanding({ registeredAt, dueAt, handedOverAt: at(73) }, at(74))).toBe('ANSWERED_LATE');
  });
});

describe('the data subject’s requests as events on the complaint (docs/adr/0061)', () => {
  const closed = HISTORY.CLOSED;
  const admin = actors.admin;

  it('admin tikkim records an access request on a closed complaint: no step moves, no version', () => {
    const decision = decide({ type: 'recordDataAccessRequest', actor: admin, requestId: 'R-9', verifiedBy: 'CHANNEL', dueAt: hour(92) }, replay(closed), NOW);
    expect(decision).toStrictEqual({ ok: true, events: [{ type: 'complaint.data-access-requested', at: NOW.toISOString(), actor: admin, data: { requestId: 'R-9', verifiedBy: 'CHANNEL', dueAt: hour(92) } }] });
    if (!decision.ok) return;
    expect(versionAfter(7, decision.events)).toBe(7);
    const open = replay([...closed, ...decision.events]);
    expect(open).toStrictEqual({ ...replay(closed), dataAccessRequests: [{ requestId: 'R-9', dueAt: hour(92) }] });
    // Its clock runs on the closed complaint: 72 wall-clock hours to the due time intake gave, escalated to the head of office.
    expect(runningClocks(open)).toStrictEqual([
      { key: 'DATA_ACCESS:R-9', clockId: 'DATA_ACCESS', startedAt: hour(20), deadlineHours: 72, counting: 'WALL_CLOCK', responsibleRole: 'ADMIN_TIKKIM', escalatesTo: 'KEPALA_KANTOR' },
    ]);
    expect(computeDeadline(runningClocks(open)[0] as RunningClock).dueAt).toBe(hour(92));
    // The answer stops it, and the complaint's state is as before the request.
    const answered = decide({ type: 'recordDataAccessAnswer', actor: admin, requestId: 'R-9', dueAt: hour(92), answeredAt: hour(21) }, open, NOW);
    expect(answered.ok).toBe(true);
    if (answered.ok) expect(replay([...closed, ...decision.events, ...answered.events])).toStrictEqual(replay(closed));
  });

  it('keeps each open request of a complaint through its steps, and its clock beside the step’s', () => {
    const requested = decide(validCommand('recordDataAccessRequest', admin), replay(HISTORY.RECEIVED), NOW);
    if (!requested.ok) throw new Error('refused');
    const confirmedLater = [...HISTORY.RECEIVED, ...requested.events, ...HISTORY.CONFIRMED.slice(HISTORY.RECEIVED.length)];
    expect(runningClocks(replay(confirmedLater)).map((c) => c.key)).toEqual(expect.arrayContaining(['DISPOSE_AND_PROCESS', 'DATA_ACCESS:R-1']));
  });

  it('calls an answer after the due time late, and one at it in time', () => {
    given(closed).when(validCommand('recordDataAccessAnswer', admin)).then([{ type: 'complaint.data-access-answered', at: NOW.toISOString(), actor: admin, data: { requestId: 'R-1', answeredAt: hour(20), late: false } }]);
    const late = decide({ type: 'recordDataAccessAnswer', actor: admin, requestId: 'R-1', dueAt: hour(19), answeredAt: hour(20) }, replay(closed), NOW);
    expect(late).toMatchObject({ ok: true, events: [{ data: { late: true } }] });
    const onTime = decide({ type: 'recordDataAccessAnswer', actor: admin, requestId: 'R-1', dueAt: hour(20), answeredAt: hour(20) }, replay(closed), NOW);
    expect(onTime).toMatchObject({ ok: true, events: [{ data: { late: false } }] });
  });

  it('records a restriction and its lift as two events without data', () => {
    given(closed).when({ type: 'recordContactRestriction', actor: admin, restricted: false }).then([{ type: 'complaint.contact-restriction-lifted', at: NOW.toISOString(), actor: admin, data: {} }]);
  });

  it('refuses a correction that names no field, a value instead of a field name, or a field twice', () => {
    for (const fields of [[], ['+6281234567890'], ['phone', 'phone']]) {
      given(closed).when({ type: 'recordContactCorrection', actor: admin, fields: fields as never }).thenRefused('COMPLAINT.INVALID_COMMAND');
    }
  });

  it('refuses a request with no due time or an unknown verification, and any officer but admin tikkim or a service', () => {
    given(closed).when({ type: 'recordDataAccessRequest', actor: admin, requestId: 'R-1', verifiedBy: 'PHONE' as never, dueAt: hour(92) }).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'verifiedBy' });
    given(closed).when({ type: 'recordDataAccessRequest', actor: admin, requestId: 'R-1', verifiedBy: 'IN_PERSON', dueAt: 'soon' }).thenRefused('COMPLAINT.INVALID_COMMAND', { field: 'dueAt' });
    for (const actor of [actors.kepalaKantor, actors.intake, actors.auditor]) {
      given(closed).when(validCommand('recordContactRestriction', actor)).thenRefused('COMPLAINT.FORBIDDEN_ROLE');
    }
  });
});
