import { evolve, initialState, type ComplaintState } from '@pengaduan/sop';
import { checkHistory, type LoggedEvent } from '../check-history';
import type { Notice, Violation } from '../report';
import type { ComplaintLog } from './complaint-log';

/** A complaint's findings, from its events alone (nothing emitted yet). */
export function checkComplaint(log: ComplaintLog) {
  const received = log.events.find((e) => e.sop.type === 'complaint.received');
  const receivedAt = received?.sop.at ?? log.events[0]?.sop.at ?? null;
  const officeCode = received?.sop.type === 'complaint.received' ? received.sop.data.officeCode : log.office;
  const own: Violation[] = [...log.violations];
  const notices: Notice[] = [];
  const at = (e: LoggedEvent) => ({ complaintId: log.complaintId, officeCode, eventId: e.eventId, eventType: e.sop.type, at: e.sop.at, partition: e.partition, offset: e.offset });

  log.events.forEach((e, i) => {
    if (log.offices[i] !== officeCode) {
      own.push({ ...at(e), officeCode: log.offices[i], kind: 'INCONSISTENT', code: 'INCONSISTENT', reason: `the envelope names office ${log.offices[i]}, but complaint ${log.complaintId} was received for office ${officeCode}` });
    }
  });
  if (received && received.sop.type === 'complaint.received' && received.sop.data.complaintId !== log.complaintId) {
    own.push({ ...at(received), kind: 'INCONSISTENT', code: 'INCONSISTENT', reason: `complaint.received names complaint ${received.sop.data.complaintId}, but its subject is ${log.complaintId}` });
  }

  let applied: readonly LoggedEvent[] = [];
  let state: ComplaintState = initialState();
  if (log.events.length > 0 && !received) {
    const first = log.events[0];
    own.push({ ...at(first), kind: 'MISSING_STEP', code: 'MISSING_STEP', reason: `complaint.received is not in the log: none of the complaint's ${log.events.length} event(s) can apply` });
  } else if (log.events.length > 0) {
    const checked = checkHistory(log.events);
    for (const f of checked.findings) own.push({ ...at(f.event), kind: f.kind, code: f.kind, reason: f.reason });
    for (const a of checked.assumed) {
      notices.push({ kind: 'FOLLOWER_ASSUMED', complaintId: log.complaintId, eventId: a.eventId, partition: a.partition, offset: a.offset, message: `${a.sop.type} assumed after ${a.eventId.replace(/\+follower$/, '')} to go on checking` });
    }
    applied = checked.applied;
    state = checked.state;
  }
  own.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  return { received, receivedAt, officeCode, own, notices, applied, state };
}

export type CheckedComplaint = ReturnType<typeof checkComplaint>;

/** The complaint's state after the applied events up to `asOfMs` (NEW when none). */
export function stateAsOf(applied: readonly LoggedEvent[], asOfMs: number): ComplaintState {
  let s: ComplaintState = initialState();
  for (const e of applied) {
    if (Date.parse(e.sop.at) > asOfMs) break;
    s = evolve(s, e.sop);
  }
  return s;
}
